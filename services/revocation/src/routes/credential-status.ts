// Revoke and restore (CONTRACT.md "Revocation service"), scope `revoke`; another issuer's credential is a 404.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { answer, assertIssuer, problems, Unauthorized } from '@obp/service-kit'
import type { StatusEntryRecord } from '@obp/status'
import { credentialIdOfKey } from '@obp/documents'
import { CredentialNotFound } from '../errors.js'
import { IssuerCredentialParams, RevokeBody, StatusChangeReply, StatusHistoryReply, UpdateStatusBody } from '../schemas.js'

const security = [{ bearer: [] }]
const notFound = problems([404], { 404: 'No such credential on this platform, or another issuer\'s (OBP_REVOCATION_CREDENTIAL_NOT_FOUND)' })
const changed = (example: object) => answer('The credential\'s status after the call (`changed: false` when it already was in that state)', { ...StatusChangeReply, examples: [example] })
const revokedExample = {
  credentialId: 'http://localhost:3001/credentials/6b1e4f0a-7c41-4b7e-9d4a-2f3c8e1b5a90', revoked: true, changed: true,
  credentialStatus: { id: 'http://localhost:3003/status-lists/0b7c3c1e-1f7e-4a49-9a51-3f0c4b2a9e11#42', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: 'http://localhost:3003/status-lists/0b7c3c1e-1f7e-4a49-9a51-3f0c4b2a9e11' }
}

export default async function credentialStatusRoutes (app: FastifyInstance): Promise<void> {
  const { store, allocator } = app.status
  const issuerBase = app.status.issuerPublicUrl.replace(/\/+$/, '')

  async function change (request: FastifyRequest, entry: StatusEntryRecord, revoked: boolean, reason?: string, publishReason?: boolean) {
    const p = request.principal
    if (!p) throw new Unauthorized()
    // Asked before the change (Redis gone: 503 and nothing changed), and again after it, changed or not: the job of
    // the current window reads the bits after the change, and a retry still gets its list published. A crash in
    // between is covered by the worker's sweep (stored bits differing from the published list). The change also
    // changes the bits of the award's wallet copies (status-store.ts): their lists, in `result.lists`, are asked
    // for after it (a crash before that is covered by the same sweep).
    await app.status.requestPublish({ listId: entry.listId })
    const result = await store.setRevoked({ credentialId: entry._id, revoked, by: p.kind === 'admin' ? 'admin' : p.keyId, reason, publishReason }, entry)
    if (!result) throw new CredentialNotFound(credentialIdOfKey(entry._id))
    for (const listId of result.lists) await app.status.requestPublish({ listId })
    return { credentialId: credentialIdOfKey(entry._id), revoked, changed: result.changed, credentialStatus: allocator.statusOf(entry) }
  }

  /** The entry the principal may act on: the admin by full id, an issuer key only within its issuer. */
  async function entryFor (request: FastifyRequest, credentialId: string, issuerId?: string): Promise<StatusEntryRecord> {
    const p = request.principal
    const scope = issuerId ?? (p?.kind === 'issuer' ? p.issuerId : undefined)
    // A bare segment is usually the last segment of this platform's own credential URL: an `_id` lookup first,
    // so the usual revoke never scans status_entries (the {issuerId, ref} fallback serves other ids).
    const own = /^[^/:]+$/.test(credentialId) ? await store.findEntry({ credentialId: `${issuerBase}/credentials/${credentialId}`, issuerId: scope }) : null
    const entry = own ?? await store.findEntry({ credentialId, issuerId: scope })
    if (!entry) throw new CredentialNotFound(credentialId)
    return entry
  }

  app.post<{ Body: UpdateStatusBody }>('/credentials/status', {
    onRequest: app.requireScope('revoke'),
    schema: { tags: ['status'], summary: 'VC-API: set or clear the revocation bit of a credential', security, body: UpdateStatusBody, response: { 200: changed(revokedExample), ...notFound } }
  }, async (request) => {
    const entry = await entryFor(request, request.body.credentialId)
    return change(request, entry, request.body.status, request.body.reason, request.body.publishReason)
  })

  app.post<{ Params: IssuerCredentialParams; Body: RevokeBody }>('/issuers/:issuerId/credentials/:credentialId/revoke', {
    onRequest: app.requireScope('revoke'),
    schema: { tags: ['status'], summary: 'Revoke a credential, with a reason for the audit trail (public only with publishReason: true)', security, params: IssuerCredentialParams, body: RevokeBody, response: { 200: changed(revokedExample), ...notFound } }
  }, async (request) => {
    assertIssuer(request, request.params.issuerId, () => new CredentialNotFound(request.params.credentialId))
    const entry = await entryFor(request, request.params.credentialId, request.params.issuerId)
    return change(request, entry, true, request.body?.reason, request.body?.publishReason)
  })

  // History: the audit records of one credential, for its issuer (scope revoke or manage).
  const revokeOrManage = app.requireScope(['revoke', 'manage'])

  app.get<{ Params: IssuerCredentialParams }>('/issuers/:issuerId/credentials/:credentialId/status', {
    onRequest: revokeOrManage,
    schema: { tags: ['status'], summary: 'A credential\'s status and its change history', security, params: IssuerCredentialParams, response: { 200: answer('The current status and every change, oldest first', StatusHistoryReply), ...notFound } }
  }, async (request) => {
    assertIssuer(request, request.params.issuerId, () => new CredentialNotFound(request.params.credentialId))
    const entry = await entryFor(request, request.params.credentialId, request.params.issuerId)
    const [history, revoked] = await Promise.all([store.history(entry._id), allocator.isRevoked({ credentialId: entry._id })])
    return {
      credentialId: credentialIdOfKey(entry._id),
      issuerId: entry.issuerId,
      revoked: revoked === true,
      credentialStatus: allocator.statusOf(entry),
      history: history.map(h => ({ by: h.by, at: h.at.toISOString(), ...(h.reason !== undefined ? { reason: h.reason } : {}), from: h.from, to: h.to }))
    }
  })
}
