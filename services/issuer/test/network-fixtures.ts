// Fixtures of the network tests: issuers, keys and achievements written straight into the shared database
// (through @obp/issuers, as the issuer routes do), API keys through the platform's store.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Db } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import ajv2019 from 'ajv/dist/2019.js'
import ajvFormats from 'ajv-formats'
import { createIssuerStore } from '@obp/issuers'
import { createStatusStore } from '@obp/status'
import { buildProfile } from '@obp/ob3'
import { createLocalCustody, generateKey } from '@obp/signing'
import { createApiKeyStore, type Scope, type Secrets } from '@obp/service-kit'
import { build } from './helper.js'

type T = Parameters<typeof build>[0]

export interface Net {
  app: FastifyInstance
  db: Db
  secrets: Secrets
  publicUrl: string
  admin: Record<string, string>
}

export interface TestIssuer { issuerId: string; did: string; name: string; auth: Record<string, string> }

export async function setup (t: T): Promise<Net> {
  const { app, db, secrets, config } = await build(t)
  return { app, db, secrets, publicUrl: config.ISSUER_PUBLIC_URL.replace(/\/+$/, ''), admin: { authorization: `Bearer ${secrets.adminToken}` } }
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** An issuer with a did:key Ed25519 key and an API key of the given scopes (all by default). */
export async function makeIssuer (net: Net, name: string, scopes: Scope[] = ['issue', 'revoke', 'manage']): Promise<TestIssuer> {
  const custody = createLocalCustody({ kek: net.secrets.kek, kekId: net.secrets.kekId })
  const key = await generateKey({ custody })
  const issuerId = randomUUID()
  const profile = buildProfile({ id: key.controller, name, url: `${net.publicUrl}/issuers/${issuerId}` })
  await createIssuerStore(net.db).create({ _id: issuerId, did: key.controller, didMethod: 'key', profile: profile as typeof profile & Record<string, unknown> & { name: string } }, key)
  const { token } = await createApiKeyStore(net.db).create(issuerId, scopes)
  return { issuerId, did: key.controller, name, auth: bearer(token) }
}

export async function apiKey (net: Net, issuer: TestIssuer, scopes: Scope[]): Promise<Record<string, string>> {
  return bearer((await createApiKeyStore(net.db).create(issuer.issuerId, scopes)).token)
}

/** An achievement as the achievement routes store it: `{_id: last segment, issuerId, achievement}`. */
export async function makeAchievement (net: Net, issuer: TestIssuer, a: { name: string; tag?: string[]; alignment?: Array<{ targetName: string; targetUrl: string }> }): Promise<string> {
  const _id = randomUUID()
  const id = `${net.publicUrl}/issuers/${issuer.issuerId}/achievements/${_id}`
  const achievement = {
    id,
    type: ['Achievement'],
    name: a.name,
    description: `About ${a.name}`,
    criteria: { narrative: 'Do the work.' },
    ...(a.tag ? { tag: a.tag } : {}),
    ...(a.alignment ? { alignment: a.alignment.map(x => ({ type: ['Alignment'], ...x })) } : {})
  }
  const now = new Date()
  await net.db.collection('achievements').insertOne({ _id: _id as unknown as never, issuerId: issuer.issuerId, achievement, createdAt: now, updatedAt: now })
  return id
}

export async function join (net: Net, ...issuers: TestIssuer[]): Promise<void> {
  for (const i of issuers) {
    const res = await net.app.inject({ method: 'POST', url: '/network/members', headers: net.admin, payload: { issuerId: i.issuerId } })
    if (res.statusCode !== 201) throw new Error(`join ${i.name}: ${res.statusCode} ${res.body}`)
  }
}

export async function endorse (net: Net, endorser: TestIssuer, subjectId: string, comment = 'Rigorous and well run.') {
  return net.app.inject({ method: 'POST', url: `/issuers/${endorser.issuerId}/endorsements`, headers: endorser.auth, payload: { subjectId, comment } })
}

export function lastSegment (url: string): string {
  return url.split('/').pop() as string
}

const SCHEMA_DIR = new URL('../../../../shared/ob3/schema/', import.meta.url)
let ajv: InstanceType<typeof ajv2019.default> | undefined

/** The official OB 3.0 JSON Schema (draft 2019-09) of /work/shared, compiled with ajv. */
export function officialSchema (name: 'endorsementcredential' | 'achievementcredential') {
  ajv ??= ajvFormats.default(new ajv2019.default({ allErrors: true, strict: false }))
  const schema = JSON.parse(readFileSync(new URL(`${name}.json`, SCHEMA_DIR), 'utf8')) as { $id: string }
  return ajv.getSchema(schema.$id) ?? ajv.compile(schema)
}

/** Revokes through @obp/status's own revocation function, as the revocation service does. */
export async function revoke (net: Net, credentialId: string): Promise<boolean> {
  const result = await createStatusStore(net.db).setRevoked({ credentialId, revoked: true, by: 'admin', reason: 'test' })
  return result?.changed === true
}
