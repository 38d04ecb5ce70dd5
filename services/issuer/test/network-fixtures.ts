// Fixtures of the network tests: issuers and achievements through the issuer service's own routes, extra API
// keys through the platform's store, the official schemas (copied to test/spec-material).
import { readFileSync } from 'node:fs'
import type { Db } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import ajv2019 from 'ajv/dist/2019.js'
import ajvFormats from 'ajv-formats'
import { createStatusStore } from '@obp/status'
import { createApiKeyStore, type Scope, type Secrets } from '@obp/service-kit'
import { build, createAchievement, createIssuer } from './helper.js'

type T = Parameters<typeof build>[0]

export interface Net {
  app: FastifyInstance
  db: Db
  secrets: Secrets
  publicUrl: string
  admin: Record<string, string>
}

export interface TestIssuer { issuerId: string; did: string; name: string; token: string; auth: Record<string, string> }

export async function setup (t: T, env: Record<string, string> = {}): Promise<Net> {
  const { app, db, secrets, config } = await build(t, env)
  return { app, db, secrets, publicUrl: config.ISSUER_PUBLIC_URL.replace(/\/+$/, ''), admin: { authorization: `Bearer ${secrets.adminToken}` } }
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** An issuer created through POST /issuers (did:key), with its first API key (all scopes). */
export async function makeIssuer (net: Net, name: string): Promise<TestIssuer> {
  const issuer = await createIssuer(net.app, net.secrets.adminToken, { name })
  return { issuerId: issuer.id, did: issuer.did, name, token: issuer.apiKey, auth: bearer(issuer.apiKey) }
}

export async function apiKey (net: Net, issuer: TestIssuer, scopes: Scope[]): Promise<Record<string, string>> {
  return bearer((await createApiKeyStore(net.db).create(issuer.issuerId, scopes)).token)
}

/** An achievement created through POST /issuers/:issuerId/achievements; returns its id. */
export async function makeAchievement (net: Net, issuer: TestIssuer, a: { name: string; tag?: string[]; alignment?: Array<{ targetName: string; targetUrl: string }> }): Promise<string> {
  const created = await createAchievement(net.app, { id: issuer.issuerId, did: issuer.did, apiKey: issuer.token, profile: {} }, {
    name: a.name,
    description: `About ${a.name}`,
    ...(a.tag ? { tag: a.tag } : {}),
    ...(a.alignment ? { alignment: a.alignment } : {})
  })
  return created.id as string
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

const SCHEMA_DIR = new URL('../../../test/spec-material/ob3/schema/', import.meta.url) // copy of the official schemas (test/spec-material/README.md)
let ajv: InstanceType<typeof ajv2019.default> | undefined

/** The official OB 3.0 JSON Schema (draft 2019-09), copied to test/spec-material, compiled with ajv. */
export function officialSchema (name: 'endorsementcredential' | 'achievementcredential') {
  ajv ??= ajvFormats.default(new ajv2019.default({ allErrors: true, strict: false }))
  const schema = JSON.parse(readFileSync(new URL(`${name}.json`, SCHEMA_DIR), 'utf8')) as { $id: string }
  return ajv.getSchema(schema.$id) ?? ajv.compile(schema)
}

/** Revokes through @obp/status's own revocation function, as the revocation service does. */
export async function revoke (net: Net, credentialId: string, revoked = true): Promise<boolean> {
  const result = await createStatusStore(net.db).setRevoked({ credentialId, revoked, by: 'admin', reason: 'test' })
  return result?.changed === true
}
