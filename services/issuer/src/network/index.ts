// The network of member issuers and OB 3.0 endorsements, issuer side.
//   await fastify.register(networkRoutes, { config: opts.config, secrets: opts.secrets })
// The award path embeds `acceptedEndorsements(db, {...})` (or the drop-in reader
// `createAcceptedEndorsementReader(db).acceptedFor(issuerId, [achievementId, profileId])`) in each badge.
import type { FastifyInstance } from 'fastify'
import type { Secrets } from '@obp/service-kit'
import type { IssuerSigners } from '@obp/issuers'
import type { DocumentLoader } from '@obp/documents'
import { createNetworkContext, ensureNetworkIndexes } from './context.js'
import { createGraphCache } from './graph.js'
import { endorsementRoutes } from './routes-endorsements.js'
import { memberRoutes } from './routes-members.js'
import { publicRoutes } from './routes-public.js'
import { createRegistrySigner } from './registry-key.js'
import { registryRoutes } from './routes-registry.js'
import { requestRoutes } from './routes-requests.js'

export { acceptedEndorsements, acceptedEndorsementsBySubject, MAX_EMBEDDED } from './accepted.js'
export { createAcceptedEndorsementReader, type AcceptedEndorsementReader } from './accepted-reader.js'
export { createNetworkContext, ensureNetworkIndexes, type NetworkContext } from './context.js'
export { createMemberStore, type MemberStore, type MemberRecord } from './member-store.js'
export { createEndorsementStore, type EndorsementStore, type EndorsementRecord } from './endorsement-store.js'
export { buildGraph, type NetworkGraph } from './graph.js'
export { trustOf, type Trust } from './trust.js'

export interface NetworkOptions {
  config: { ISSUER_PUBLIC_URL: string; REVOCATION_PUBLIC_URL: string; NETWORK_NAME?: string }
  secrets: Pick<Secrets, 'kek' | 'kekId'>
  /** the app's signer cache, if it has one */
  signers?: IssuerSigners
  documentLoader?: DocumentLoader
}

/** Routes of the network and endorsements (CONTRACT.md "Network and endorsements"). Needs the platform plugins. */
export async function networkRoutes (fastify: FastifyInstance, opts: NetworkOptions): Promise<void> {
  const ctx = createNetworkContext({
    db: fastify.mongo.db,
    issuerPublicUrl: opts.config.ISSUER_PUBLIC_URL,
    revocationPublicUrl: opts.config.REVOCATION_PUBLIC_URL,
    networkName: opts.config.NETWORK_NAME,
    kek: opts.secrets.kek,
    kekId: opts.secrets.kekId,
    signers: opts.signers,
    documentLoader: opts.documentLoader
  })
  // In the background: index builds on a busy server must not hold up start-up (plugin timeout); queries work
  // without them. Awaited on close, so they never run against a closed client.
  const indexes = ensureNetworkIndexes(ctx).catch(err => fastify.log.warn({ err: (err as Error).message }, 'could not create network indexes yet'))
  fastify.addHook('onClose', async () => { await indexes })
  const graphs = createGraphCache(ctx)
  // Any write through these routes may change the graph (this plugin is encapsulated: only its own routes).
  // onSend: before the client hears of the write, so its next read sees it.
  fastify.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') graphs.invalidate()
    return payload
  })
  memberRoutes(fastify, ctx)
  endorsementRoutes(fastify, ctx)
  requestRoutes(fastify, ctx)
  publicRoutes(fastify, ctx, graphs)
  registryRoutes(fastify, ctx, createRegistrySigner({ db: ctx.db, kek: opts.secrets.kek, kekId: opts.secrets.kekId, controller: `${ctx.publicUrl}/network` }))
}

export default networkRoutes
