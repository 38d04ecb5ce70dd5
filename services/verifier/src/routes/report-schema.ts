// The verification report as a response schema (CONTRACT.md "Verifier service"): it documents the answer in the
// OpenAPI document. Every object keeps additional properties, so the serializer never drops a field.
import { Type } from '@sinclair/typebox'

const open = { additionalProperties: true } as const

export const CheckEntrySchema = Type.Object({
  check: Type.String({ description: 'structure, baking, holder-binding, schema, proof, issuer, validity, status, endorsement, recipient, network; presentation, holder, credential for presentations' }),
  status: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('warning'), Type.Literal('skipped')]),
  message: Type.String()
}, open)

export const VerificationReportSchema = Type.Object({
  verified: Type.Boolean(),
  profile: Type.Optional(Type.Union([Type.Literal('vc'), Type.Literal('openbadges')], {
    description: '`vc`: the generic VCDM 2.0 / 1.1 checks; `openbadges`: the credential claims an OB type, so the OB 3.0 checks (schema, endorsements, recipient, network) ran too'
  })),
  checks: Type.Array(CheckEntrySchema, { description: 'the step log; a check left out of `options.checks` is `skipped`' }),
  warnings: Type.Array(Type.String()),
  errors: Type.Array(Type.String()),
  summary: Type.Object({}, open),
  problemDetails: Type.Optional(Type.Array(Type.Object({ type: Type.String(), title: Type.String(), detail: Type.String() }, open)))
}, open)

export const PresentationReportSchema = Type.Object({
  ...VerificationReportSchema.properties,
  credentialResults: Type.Array(VerificationReportSchema)
}, open)

export const OPTIONS_DOC = '`options`: `checks` (VCALM; any of proof, issuer, schema, validity, status, endorsement, recipient, network, ' +
  'or the VC-API names credentialStatus, expiration, credentialSchema: the others are reported as skipped; the key-to-issuer binding is the ' +
  'issuer check, on by default), `recipient` (email, did, sourcedId, url or phone).'

/** One verified Open Badge, as the answer's example (VC-API verify). */
export const REPORT_EXAMPLE = {
  verified: true,
  profile: 'openbadges',
  checks: [
    { check: 'structure', status: 'success', message: 'a VCDM 2.0 credential' },
    { check: 'schema', status: 'success', message: 'valid against the OB 3.0 JSON Schema' },
    { check: 'proof', status: 'success', message: 'eddsa-rdfc-2022 signature by did:key:z6Mk…#z6Mk…' },
    { check: 'issuer', status: 'success', message: 'the proof\'s key belongs to the issuer' },
    { check: 'validity', status: 'success', message: 'valid from 2025-09-01T00:00:00Z' },
    { check: 'status', status: 'success', message: 'not revoked' }
  ],
  warnings: [],
  errors: [],
  summary: { achievement: 'Data Literacy', issuer: 'Test University', recipient: 'Ada Lovelace', validFrom: '2025-09-01T00:00:00Z' },
  trust: { level: 'network-member', network: { name: 'Open Badges Network', memberSince: '2025-01-15T00:00:00Z' }, issuer: { id: 'did:key:z6Mk…', name: 'Test University', url: 'https://university.example', domainLinked: false } }
}
