// The network of member issuers and OB 3.0 endorsements, issuer side.
//   await fastify.register(networkRoutes, { config: opts.config })   (after the issuer context plugin: it uses its stores)
// The award path embeds `acceptedEndorsements(db, {...})` (or the drop-in reader
// `createAcceptedEndorsementReader(db).acceptedFor(issuerId, [achievementId, profileId])`) in each badge.
import type { FastifyInstance } from 'fastify'
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
  config: { ISSUER_PUBLIC_URL: string; NETWORK_NAME?: string }
}

/** Routes of the network and endorsements (CONTRACT.md "Network and endorsements"). Needs the platform plugins. */
export async function networkRoutes (fastify: FastifyInstance, opts: NetworkOptions): Promise<void> {
  // the service's own stores, signer cache, status allocator and document loader: one of each per process
  const issuer = fastify.issuerContext
  const ctx = createNetworkContext({
    db: issuer.db,
    issuerPublicUrl: opts.config.ISSUER_PUBLIC_URL,
    networkName: opts.config.NETWORK_NAME,
    issuers: issuer.issuers,
    signers: issuer.signers,
    status: issuer.status,
    documentLoader: issuer.documentLoader
  })
  // In the background: index builds on a busy server must not hold up start-up (plugin timeout); queries work
  // without them. Awaited on close, so they never run against a closed client.
  const indexes = ensureNetworkIndexes(ctx).catch(err => fastify.log.warn({ err: (err as Error).message }, 'could not create network indexes yet'))
  fastify.addHook('onClose', async () => { await indexes })
  const graphs = createGraphCache(ctx)
  // Any write through these routes may change the graph (this plugin is encapsulated: only its own routes).
  // onSend: before the client hears of the write, so its next read sees it.
  fastify.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') { graphs.invalidate(); issuer.endorsements.invalidate() }
    return payload
  })
  memberRoutes(fastify, ctx)
  endorsementRoutes(fastify, ctx)
  requestRoutes(fastify, ctx)
  publicRoutes(fastify, ctx, graphs)
  registryRoutes(fastify, ctx, createRegistrySigner({ db: ctx.db, custody: issuer.custody, controller: `${ctx.publicUrl}/network` }))
}

export default networkRoutes
