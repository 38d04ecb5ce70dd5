// GET /status-lists/:listId: the signed BitstringStatusListCredential (Bitstring Status List v1.0 §2.2), public.
// Conditional GET (RFC 9110 §13.1.2 If-None-Match) answers 304; max-age stays small so a revocation reaches
// wallets within seconds.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { answer, credentialSchema, empty, problems } from '@obp/service-kit'
import type { PublishedList } from '../published-store.js'
import { StatusListNotFound } from '../errors.js'
import { EntryParams, EntryRecordReply, ListParams } from '../schemas.js'

export interface StatusListRouteOptions {
  maxAgeSeconds: number
  ttlSeconds: number
  /** how long this process reuses a stored list before reading it again (well under the 5 s visibility budget) */
  cacheMs: number
}

function matches (ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  // weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored
  return ifNoneMatch.split(',').some(t => t.trim().replace(/^W\//, '') === etag)
}

/** VCDM 2.0 §6.3 media types when asked for; plain JSON otherwise (what generic HTTP clients parse). */
function mediaType (accept: string | undefined): string {
  if (accept?.includes('application/vc+ld+json')) return 'application/vc+ld+json'
  if (accept?.includes('application/vc')) return 'application/vc'
  return 'application/json; charset=utf-8'
}

export default async function statusListRoutes (app: FastifyInstance, opts: StatusListRouteOptions): Promise<void> {
  const { publisher } = app.status
  const cache = new Map<string, { doc: PublishedList; at: number }>()
  const refreshMargin = (opts.ttlSeconds * 1000) / 4

  async function current (listId: string): Promise<PublishedList> {
    const hit = cache.get(listId)
    if (hit && Date.now() - hit.at < opts.cacheMs && hit.doc.validUntil.getTime() > Date.now()) return hit.doc
    let doc = await publisher.published.get(listId)
    // First request, or an expired signature: publish now (the list exists, only its credential is missing).
    if (!doc || doc.validUntil.getTime() <= Date.now()) doc = await publisher.publish(listId)
    if (!doc) throw new StatusListNotFound(listId)
    if (doc.validUntil.getTime() - Date.now() < refreshMargin) {
      publisher.publish(listId).catch(err => app.log.warn({ err: err.message, listId }, 'status list refresh failed'))
    }
    if (cache.size > 10_000) cache.clear()
    cache.set(listId, { doc, at: Date.now() })
    return doc
  }

  app.get<{ Params: ListParams }>('/status-lists/:listId', {
    schema: { tags: ['status'], summary: 'The signed BitstringStatusListCredential of a list', params: ListParams,
      description: 'Public, with `ETag` and `Cache-Control`; `If-None-Match` with the current ETag answers 304. `Accept: application/vc+ld+json` or `application/vc` (VCDM 2.0 §6.3) sets that media type; JSON otherwise.',
      response: {
        200: answer('The signed BitstringStatusListCredential (Bitstring Status List v1.0 §2.2), as published', credentialSchema('BitstringStatusListCredential: credentialSubject.encodedList is the GZIP-compressed, base64url bitstring (multibase u)'), ['application/json', 'application/vc+ld+json', 'application/vc']),
        304: empty('Not modified: the ETag in If-None-Match is current'),
        ...problems([404], { 404: 'No such status list (OBP_REVOCATION_STATUS_LIST_NOT_FOUND)' })
      } }
  }, async (request, reply: FastifyReply) => {
    const doc = await current(request.params.listId)
    reply.header('ETag', doc.etag)
    reply.header('Cache-Control', `public, max-age=${opts.maxAgeSeconds}`)
    reply.header('Vary', 'Accept')
    if (matches(request.headers['if-none-match'], doc.etag)) return reply.code(304).send()
    return reply.type(mediaType(request.headers.accept)).send(doc.body)
  })

  // Public, like the list itself (anyone holding the credential can read its bit): the date of a revocation and
  // the reason when the issuer chose to publish it (issue 18). Two reads by _id; short cache like the list.
  app.get<{ Params: EntryParams }>('/status-lists/:listId/entries/:index', {
    schema: { tags: ['status'], summary: 'One slot of a list: revoked or not, since when, and the published reason', params: EntryParams,
      description: 'Public: whether the slot is revoked, since when, and the reason when its issuer published it.',
      response: { 200: answer('The slot\'s record', EntryRecordReply), ...problems([404], { 404: 'No such list, or an index beyond its size' }) } }
  }, async (request, reply) => {
    const { listId, index } = request.params
    const list = await app.status.store.getList(listId)
    if (!list || index >= list.size) throw new StatusListNotFound(`${listId} (entry ${index})`)
    const bit = await app.status.store.revocationOf(listId, index)
    reply.header('Cache-Control', `public, max-age=${opts.maxAgeSeconds}`)
    return { listId, index, revoked: bit !== null, ...(bit ? { revokedAt: bit.at.toISOString() } : {}), ...(bit?.reason !== undefined ? { reason: bit.reason } : {}) }
  })
}
