// Route schemas, written once: validation, types, serialization and the OpenAPI document (STYLE.md §6).
// Ids are strings with bounded length: an operator object such as {"$ne": null} is a 400, never a query.
import type {} from '@fastify/swagger' // brings `tags`/`summary` into FastifySchema (OpenAPI)
import { Type, type Static } from '@sinclair/typebox'

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 2048, description })

export const IssuerCredentialParams = Type.Object({
  issuerId: Type.String({ minLength: 1, maxLength: 200 }),
  credentialId: Id('the last path segment of the credential id, or the full id (URL-encoded)')
})
export type IssuerCredentialParams = Static<typeof IssuerCredentialParams>

export const ListParams = Type.Object({ listId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }) })
export type ListParams = Static<typeof ListParams>

// Free text for the audit trail: no control characters (a NUL byte is refused by the store's PostgreSQL backend).
const Reason = Type.String({ maxLength: 1000, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$' })

const StatusRef = Type.Object({
  type: Type.Literal('BitstringStatusListEntry'),
  statusPurpose: Type.Literal('revocation')
})

const PublishReason = Type.Boolean({ description: 'true: the reason is public (status record, hosted page, verifier); default false: audit trail only' })

/** VC-API (VCALM) "update status": `status: true` sets the revocation bit, `false` clears it. */
export const UpdateStatusBody = Type.Object({
  credentialId: Id('the credential id (or its last path segment for this platform\'s credentials)'),
  credentialStatus: Type.Optional(Type.Union([StatusRef, Type.Array(StatusRef, { minItems: 1, maxItems: 1 })])),
  status: Type.Boolean(),
  reason: Type.Optional(Reason),
  publishReason: Type.Optional(PublishReason)
}, { additionalProperties: false })
export type UpdateStatusBody = Static<typeof UpdateStatusBody>

export const RevokeBody = Type.Object({
  reason: Type.Optional(Reason),
  publishReason: Type.Optional(PublishReason)
}, { additionalProperties: false })
export type RevokeBody = Static<typeof RevokeBody>

export const CredentialStatus = Type.Object({
  id: Type.String(),
  type: Type.Literal('BitstringStatusListEntry'),
  statusPurpose: Type.Literal('revocation'),
  statusListIndex: Type.String(),
  statusListCredential: Type.String()
})

export const StatusChangeReply = Type.Object({
  credentialId: Type.String(),
  revoked: Type.Boolean(),
  /** false when the credential already was in that state (nothing recorded) */
  changed: Type.Boolean(),
  credentialStatus: CredentialStatus
})

export const EntryParams = Type.Object({ listId: ListParams.properties.listId, index: Type.Integer({ minimum: 0, maximum: 1e9 }) })
export type EntryParams = Static<typeof EntryParams>

/** The public record of one slot: revoked or not, since when, and the reason when its issuer published one. */
export const EntryRecordReply = Type.Object({
  listId: Type.String(),
  index: Type.Integer(),
  revoked: Type.Boolean(),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  reason: Type.Optional(Type.String())
})

export const StatusHistoryReply = Type.Object({
  credentialId: Type.String(),
  issuerId: Type.String(),
  revoked: Type.Boolean(),
  credentialStatus: CredentialStatus,
  history: Type.Array(Type.Object({
    by: Type.String(),
    at: Type.String({ format: 'date-time' }),
    reason: Type.Optional(Type.String()),
    from: Type.String(),
    to: Type.String()
  }))
})
