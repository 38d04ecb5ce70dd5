// Issue 13: "A plain VerifiableCredential that this platform's own VC-API issued must verify", across real
// processes: POST /credentials/issue on the issuer, then POST /credentials/verify on the verifier, then revoked.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { startPlatform, call, waitFor, type Platform } from './support/platform.js'

let p: Platform
t.before(async () => { p = await startPlatform(t) })

t.test('a plain VerifiableCredential (VCDM 2.0 and 1.1) issued by the VC-API verifies with the vc profile', async t => {
  const created = await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: 'VC-API University' } })
  t.equal(created.status, 201, created.text)
  const issuer = created.json as { id: string; did: string; apiKey: string }
  const issue = (credential: object) => call('POST', `${p.issuer}/credentials/issue`, { token: issuer.apiKey, body: { credential } })
  const verify = (credential: unknown) => call('POST', `${p.verifier}/credentials/verify`, { body: { verifiableCredential: credential } })

  const v2 = await issue({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'ExampleMembershipCredential'],
    issuer: issuer.did,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:member', memberOf: 'The Regional Network' }
  })
  t.equal(v2.status, 201, v2.text)
  const signed = v2.json.verifiableCredential
  const ok = await verify(signed)
  t.equal(ok.status, 200, ok.text)
  t.equal(ok.json.profile, 'vc')
  t.match(Object.fromEntries(ok.json.checks.map((c: { check: string; status: string }) => [c.check, c.status])),
    { structure: 'success', proof: 'success', issuer: 'success', validity: 'success', status: signed.credentialStatus !== undefined ? 'success' : 'skipped' })

  const v1 = await issue({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential'],
    issuer: issuer.did,
    issuanceDate: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:member' }
  })
  t.equal(v1.status, 201, v1.text)
  const legacy = await verify(v1.json.verifiableCredential)
  t.equal(legacy.status, 200, legacy.text)
  t.equal(legacy.json.profile, 'vc')

  // revoked through the VC-API of the revocation service: the generic status check sees it
  if (signed.credentialStatus !== undefined) {
    const revoke = await call('POST', `${p.revocation}/credentials/status`, {
      token: issuer.apiKey,
      body: { credentialId: signed.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true }
    })
    t.equal(revoke.status, 200, revoke.text)
    const failed = await waitFor('the revocation to be seen', async () => {
      const r = await verify(signed)
      return r.status === 422 ? r : undefined
    }, 15_000, 250)
    t.match(failed.json.errors.join(), /status: revoked/)
  }
})

t.test('ids are unique per issuer: two issuers use one urn:uuid, each credential verifies and is revoked on its own', async t => {
  const made = await Promise.all(['First', 'Second'].map(name => call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: `${name} Museum` } })))
  const [first, second] = made.map(m => m.json as { id: string; did: string; apiKey: string })
  const id = `urn:uuid:${randomUUID()}`
  const issue = (i: { did: string; apiKey: string }) => call('POST', `${p.issuer}/credentials/issue`, {
    token: i.apiKey,
    body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], id, type: ['VerifiableCredential'], issuer: i.did, credentialSubject: { id: 'did:example:visitor' } } }
  })
  const verify = (credential: unknown) => call('POST', `${p.verifier}/credentials/verify`, { body: { verifiableCredential: credential } })
  const a = await issue(first)
  const b = await issue(second)
  t.same([a.status, b.status], [201, 201], b.text)
  const [ca, cb] = [a.json.verifiableCredential, b.json.verifiableCredential]
  t.same([ca.id, cb.id], [id, id])
  t.not(ca.credentialStatus.id, cb.credentialStatus.id, 'each has its own status entry')
  t.same([(await verify(ca)).status, (await verify(cb)).status], [200, 200])
  const revoke = await call('POST', `${p.revocation}/credentials/status`, {
    token: second.apiKey,
    body: { credentialId: id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true }
  })
  t.equal(revoke.status, 200, revoke.text)
  t.equal(revoke.json.credentialId, id)
  const failed = await waitFor('the second issuer\'s revocation to be seen', async () => {
    const r = await verify(cb)
    return r.status === 422 ? r : undefined
  }, 15_000, 250)
  t.match(failed.json.errors.join(), /status: revoked/)
  t.equal((await verify(ca)).status, 200, 'the first issuer\'s credential with the same id is still valid')
})
