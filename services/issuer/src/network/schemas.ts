// Route schemas, written once: validation, TypeScript types and the OpenAPI document (STYLE.md §6).
// Credentials are returned with an open schema so serialization never strips a signed field.
import type {} from '@fastify/swagger' // brings `tags`/`summary` into FastifySchema (OpenAPI)
import { Type, type Static } from '@sinclair/typebox'

const Id = Type.String({ minLength: 1, maxLength: 2048 })
export const IssuerParams = Type.Object({ issuerId: Type.String({ minLength: 1, maxLength: 200 }) })
export const EndorsementParams = Type.Object({ issuerId: IssuerParams.properties.issuerId, endorsementId: Type.String({ minLength: 1, maxLength: 200 }) })
export const RequestParams = Type.Object({ issuerId: IssuerParams.properties.issuerId, requestId: Type.String({ minLength: 1, maxLength: 200 }) })
export const PublicEndorsementParams = Type.Object({ endorsementId: Type.String({ minLength: 1, maxLength: 200 }) })

// Closed like every body (service-kit validation.ts): an unknown property is a 400 naming it, never ignored.
export const AddMemberBody = Type.Object({ issuerId: Id }, { additionalProperties: false })
export const EndorseBody = Type.Object({
  subjectId: Id,
  comment: Type.Optional(Type.String({ maxLength: 5000 }))
}, { additionalProperties: false })
export const RequestBody = Type.Object({
  endorserIssuerId: Id,
  subjectId: Id,
  message: Type.Optional(Type.String({ maxLength: 2000 }))
}, { additionalProperties: false })
/** The optional body of .../issue; checked by `issueRequestBody` (a schema would refuse a call without a body). */
export interface IssueRequestBody { comment?: string }
export const ListQuery = Type.Object({
  role: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('given')], { default: 'received' })),
  state: Type.Optional(Type.Union(['requested', 'issued', 'accepted', 'declined'].map(s => Type.Literal(s))))
})
export const RequestsQuery = Type.Object({
  role: Type.Optional(Type.Union([Type.Literal('endorser'), Type.Literal('requester')], { default: 'endorser' }))
})
export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, default: '' })),
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 }))
})

export const TrustQuery = Type.Object({
  issuer: Type.String({ minLength: 1, maxLength: 2048, description: 'the issuer\'s Profile id (its DID)' }),
  achievement: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'an Achievement id of that issuer' }))
})

export const Trust = Type.Object({
  issuer: Type.String(),
  network: Type.String({ description: 'the network\'s name (NETWORK_NAME)' }),
  member: Type.Boolean(),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  endorsedBy: Type.Array(Type.Object({
    issuerId: Type.String(),
    id: Type.String(),
    name: Type.String(),
    endorsementId: Type.String(),
    url: Type.String(),
    subjectId: Type.String(),
    subjectKind: Type.Union([Type.Literal('achievement'), Type.Literal('profile')]),
    since: Type.String({ format: 'date-time' }),
    accepted: Type.Boolean()
  }))
})

export const Credential = Type.Object({}, { additionalProperties: true, description: 'A signed credential, returned as stored' })
const Profile = Type.Object({}, { additionalProperties: true, description: 'The OB 3.0 Profile' })

export const Member = Type.Object({
  issuerId: Type.String(),
  did: Type.String(),
  profile: Profile,
  since: Type.String({ format: 'date-time' }),
  removedAt: Type.Optional(Type.String({ format: 'date-time' })),
  history: Type.Optional(Type.Array(Type.Object({ action: Type.String(), at: Type.String({ format: 'date-time' }) })))
})

export const EndorsementView = Type.Object({
  endorsementId: Type.String(),
  requestId: Type.Optional(Type.String({ description: 'a request\'s id; the endorsement issued for it has the same id' })),
  state: Type.String(),
  endorserIssuerId: Type.String(),
  subjectId: Type.String(),
  subjectIssuerId: Type.String(),
  subjectKind: Type.String(),
  revoked: Type.Boolean(),
  message: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  issuedAt: Type.Optional(Type.String({ format: 'date-time' })),
  acceptedAt: Type.Optional(Type.String({ format: 'date-time' })),
  declinedAt: Type.Optional(Type.String({ format: 'date-time' })),
  credential: Type.Optional(Credential)
})

export const Graph = Type.Object({
  nodes: Type.Array(Type.Object({
    id: Type.String(),
    kind: Type.Union([Type.Literal('issuer'), Type.Literal('achievement')]),
    name: Type.String(),
    issuerId: Type.Optional(Type.String()),
    issuer: Type.Optional(Type.String())
  })),
  edges: Type.Array(Type.Object({
    from: Type.String(), to: Type.String(), endorsementId: Type.String(), url: Type.String(), since: Type.String({ format: 'date-time' }), accepted: Type.Boolean()
  })),
  truncated: Type.Boolean()
})

export const SearchHit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  tag: Type.Optional(Type.Array(Type.String())),
  alignment: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  image: Type.Optional(Type.Unknown()),
  achievement: Type.Object({}, { additionalProperties: true, description: 'The OB 3.0 Achievement' }),
  issuer: Type.Object({ issuerId: Type.String(), id: Type.String(), name: Type.String() })
})

export type EndorseBody = Static<typeof EndorseBody>
export type RequestBody = Static<typeof RequestBody>
export type ListQuery = Static<typeof ListQuery>
export type RequestsQuery = Static<typeof RequestsQuery>
export type SearchQuery = Static<typeof SearchQuery>
export type TrustQuery = Static<typeof TrustQuery>
