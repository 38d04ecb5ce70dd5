// Worker entry (ARCHITECTURE.md): publishes status lists from `obp-status-publish` and runs the maintenance loop.
// Logging, stores, health and graceful close are service-kit's runWorker.
import { createDocumentLoader } from '@obp/documents'
import { createIssuerSigners, createIssuerStore } from '@obp/issuers'
import { registerJsonLdMetrics, runWorker } from '@obp/service-kit'
import { createLocalCustody, jsonLdFastPathStats, setJsonLdFastPath } from '@obp/signing'
import { RevocationConfig } from './config.js'
import { createPublisher } from './publisher.js'
import { createPublishWorker, startMaintenance } from './publish-worker.js'

await runWorker({
  service: 'revocation-worker',
  schema: RevocationConfig,
  async start ({ config, secrets, db, connection, log, health }) {
    setJsonLdFastPath(config.JSONLD_FAST_PATH_SIGNING)
    registerJsonLdMetrics(health.metrics.registry, jsonLdFastPathStats)
    const issuers = createIssuerStore(db)
    const signers = createIssuerSigners({ store: issuers, custody: createLocalCustody({ kek: secrets.kek, kekId: secrets.kekId }) })
    const publisher = createPublisher({ db, issuers, signers, documentLoader: createDocumentLoader(), revocationPublicUrl: config.REVOCATION_PUBLIC_URL, ttlSeconds: config.STATUS_LIST_TTL_SECONDS })
    const worker = createPublishWorker({ connection: connection(), publisher, prefix: config.OBP_QUEUE_PREFIX })
    const maintenance = startMaintenance({
      db, publisher, ttlSeconds: config.STATUS_LIST_TTL_SECONDS, reservedGraceSeconds: config.STATUS_RESERVED_GRACE_SECONDS, intervalMs: config.STATUS_SWEEP_INTERVAL_MS,
      log: (msg, extra = {}) => log.info(extra, msg)
    })
    return { workers: [worker], close: async () => { maintenance.stop() } }
  }
})
