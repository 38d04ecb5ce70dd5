// Shared answer shapes of the issuer's routes for the OpenAPI document (issue 16). Every object keeps the
// properties it does not list (service-kit openapi.ts): documenting an answer never changes it.
import { credentialSchema, open } from '@obp/service-kit'

export const ProfileShape = open('An OB 3.0 Profile (the issuer; `id` is its DID)', {
  id: { type: 'string' }, type: {}, name: { type: 'string' }, url: { type: 'string' }, email: { type: 'string' }, description: { type: 'string' }, image: {}
})

export const AchievementShape = open('An OB 3.0 Achievement; `id` is a URL under ISSUER_PUBLIC_URL', {
  id: { type: 'string' }, type: {}, name: { type: 'string' }, description: { type: 'string' }, criteria: {}, image: {}
})

export const KeyShape = open('A signing key, public parts only; `active` signs new credentials', { id: { type: 'string' }, type: { type: 'string' }, controller: { type: 'string' }, active: { type: 'boolean' } })

export const ApiKeyShape = open('An API key (never its secret)', { id: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } }, createdAt: {}, revokedAt: {} })

export const AWARD_EXAMPLE = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'http://localhost:3001/credentials/6b1e4f0a-7c41-4b7e-9d4a-2f3c8e1b5a90',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:key:z6Mk…', type: ['Profile'], name: 'Test University', url: 'https://university.example' },
  validFrom: '2025-09-01T08:00:00Z',
  name: 'Data Literacy',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', identityHash: 'sha256$…', identityType: 'emailAddress', hashed: true, salt: '…' }],
    achievement: { id: 'http://localhost:3001/issuers/4f1c…/achievements/9a2e…', type: ['Achievement'], name: 'Data Literacy', description: 'Reads and questions data.', criteria: { narrative: 'Pass the final project.' } }
  },
  credentialStatus: { id: 'http://localhost:3003/status-lists/0b7c…#42', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: 'http://localhost:3003/status-lists/0b7c…' },
  credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }],
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2025-09-01T08:00:00Z', verificationMethod: 'did:key:z6Mk…#z6Mk…', proofPurpose: 'assertionMethod', proofValue: 'z…' }]
}

/** A signed OpenBadgeCredential, sent exactly as signed and stored. */
export const OpenBadgeCredentialShape = credentialSchema('A signed OB 3.0 OpenBadgeCredential (VCDM 2.0), exactly as signed: `proof` and `credentialSchema` are arrays', AWARD_EXAMPLE)
