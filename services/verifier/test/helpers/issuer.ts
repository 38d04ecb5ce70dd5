// Test issuers: real keys (did:key, generated with @obp/signing) that sign real OB 3.0 credentials, and a
// Bitstring Status List credential builder, so tests exercise the verifier exactly as production input would.
import { randomBytes, randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { createDocumentLoader } from '@obp/documents'
import { buildAchievement, buildEndorsementCredential, buildOpenBadgeCredential, buildProfile } from '@obp/ob3'
import { createLocalCustody, createSigner, generateKey, issue, issueJwt, type KeyType, type Signer, type StoredKey, type SuiteName } from '@obp/signing'

export const documentLoader = createDocumentLoader()
const custody = createLocalCustody({ kek: randomBytes(32) })

export interface TestIssuer {
  did: string
  key: StoredKey
  signer: Signer
  sign(credential: object, suite?: SuiteName): Promise<any>
  jwt(credential: object): Promise<string>
}

export async function createTestIssuer (type: KeyType = 'Ed25519', controller?: string): Promise<TestIssuer> {
  const key = await generateKey({ type, custody, ...(controller !== undefined ? { controller } : {}) })
  const signer = await createSigner({ key, custody })
  return {
    did: key.controller,
    key,
    signer,
    sign: async (credential, suite) => await issue({ credential, signer, key, documentLoader, ...(suite !== undefined ? { suite } : {}) }),
    jwt: async (credential) => await issueJwt({ credential, signer, key })
  }
}

export interface BadgeOptions { recipient?: { email: string } | { did: string }; credentialStatus?: object; validUntil?: string; endorsement?: object[] }

/** An unsigned OpenBadgeCredential from `issuer`. */
export function badge (issuerDid: string, opts: BadgeOptions = {}): Record<string, unknown> {
  const achievement = buildAchievement({
    id: `https://issuer.example/achievements/${randomUUID()}`,
    name: 'Teamwork',
    description: 'Collaborates within a group.',
    criteria: { narrative: 'Nominated by peers.' }
  })
  return buildOpenBadgeCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: buildProfile({ id: issuerDid, name: 'Test University' }),
    achievement,
    recipient: opts.recipient ?? { email: 'learner@example.org' },
    validFrom: '2024-01-01T00:00:00Z',
    ...(opts.validUntil !== undefined ? { validUntil: opts.validUntil } : {}),
    ...(opts.credentialStatus !== undefined ? { credentialStatus: opts.credentialStatus } : {}),
    ...(opts.endorsement !== undefined ? { endorsement: opts.endorsement } : {})
  }) as unknown as Record<string, unknown>
}

export function endorsement (issuerDid: string, subjectId: string): Record<string, unknown> {
  return buildEndorsementCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: buildProfile({ id: issuerDid, name: 'Accrediting Agency' }),
    subjectId,
    comment: 'In good standing',
    validFrom: '2024-01-01T00:00:00Z'
  }) as unknown as Record<string, unknown>
}

/** A Bitstring Status List v1.0 credential (unsigned) with the given indices set; 131,072 entries. */
export function statusList (id: string, issuerDid: string, revoked: number[], opts: { bits?: number; encodedList?: string } = {}): Record<string, unknown> {
  const bits = Buffer.alloc((opts.bits ?? 131_072) / 8)
  for (const i of revoked) bits[i >> 3]! |= 0x80 >> (i & 7)
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: opts.encodedList ?? 'u' + gzipSync(bits).toString('base64url') }
  }
}

export function statusEntry (listUrl: string, index: number): Record<string, unknown> {
  return { id: `${listUrl}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: listUrl }
}
