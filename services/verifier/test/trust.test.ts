// `trust` beside `verified` (issue 18; CONTRACT.md "Verifier service"): the network's answer (a local server
// standing in for the issuer service's GET /network/trust) and the issuer's website, confirmed by a DIF Domain
// Linkage credential served over https (helpers/website.ts). A forged or misdirected linkage is refused.
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, type TestIssuer } from './helpers/issuer.js'
import { json, startServer, type TestServer } from './helpers/http-server.js'
import { linkage, startWebsite, websiteFetcher } from './helpers/website.js'
import { trustUrl } from '../src/checks/network.js'

const WELL_KNOWN = '/.well-known/did-configuration.json'

async function credentialOf (issuer: TestIssuer, profile: { name: string; url?: string }, extra: Record<string, unknown> = {}): Promise<any> {
  const unsigned = badge(issuer.did) as Record<string, any>
  unsigned.issuer = { ...unsigned.issuer, ...profile }
  return await issuer.sign({ ...unsigned, ...extra })
}

function answer (service: TestServer, credential: any, body: object): void {
  const path = trustUrl(service.origin, credential.issuer.id, credential.credentialSubject.achievement.id).slice(service.origin.length)
  service.routes.set(path, json({ issuer: credential.issuer.id, ...body }))
}

t.test('trust levels and domain linkage', async t => {
  const service = await startServer(t)
  const site = await startWebsite(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: service.origin }, { fetcher: websiteFetcher([service.origin]) })
  const verify = async (credential: unknown) => await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })

  await t.test('a member whose website publishes its Domain Linkage credential', async t => {
    const member = await createTestIssuer()
    site.routes.set(WELL_KNOWN, json(await linkage(member, member.did, site.origin)))
    const credential = await credentialOf(member, { name: 'Université de Rennes', url: site.origin + '/' })
    answer(service, credential, { member: true, since: '2024-05-01T00:00:00.000Z', network: 'Réseau Open Badges Bretagne', endorsedBy: [] })
    const res = await verify(credential)
    t.equal(res.statusCode, 200)
    t.match(res.json().trust, {
      level: 'network-member',
      network: { name: 'Réseau Open Badges Bretagne', memberSince: '2024-05-01T00:00:00.000Z' },
      issuer: { id: member.did, name: 'Université de Rennes', url: site.origin + '/', domainLinked: true }
    })
    t.notOk(res.json().trust.endorsedBy, 'no endorsers listed when there are none')
    await verify(credential)
    t.equal(site.requests.filter(r => r === WELL_KNOWN).length, 1, 'the website was asked once, then the cached answer used')
  })

  await t.test('a forged Domain Linkage credential (signed by another key, naming the issuer) is refused', async t => {
    const victim = await createTestIssuer()
    const forger = await createTestIssuer()
    const forgedSite = await startWebsite(t)
    const forged = await linkage(forger, victim.did, forgedSite.origin) as { linked_dids: string[] }
    // the forger re-labels its own JWT as the victim's: same claims, its own signature
    const [h, p, s] = forged.linked_dids[0]!.split('.') as [string, string, string]
    const header = { ...JSON.parse(Buffer.from(h, 'base64url').toString()), kid: victim.key.id }
    forgedSite.routes.set(WELL_KNOWN, json({ ...forged, linked_dids: [`${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`] }))
    const credential = await credentialOf(victim, { name: 'Example University', url: forgedSite.origin })
    answer(service, credential, { member: false, endorsedBy: [] })
    const res = await verify(credential)
    t.equal(res.statusCode, 200, 'the credential itself is authentic')
    t.match(res.json().trust, { level: 'unknown', issuer: { domainLinked: false, domainLinkage: /refused: the EdDSA JWT signature is not valid/ } })
  })

  await t.test('a linkage for another origin, or an expired one, does not confirm the website', async t => {
    const issuer = await createTestIssuer()
    const other = await startWebsite(t)
    other.routes.set(WELL_KNOWN, json(await linkage(issuer, issuer.did, 'https://elsewhere.example')))
    const credential = await credentialOf(issuer, { name: 'Elsewhere', url: other.origin })
    answer(service, credential, { member: false, endorsedBy: [] })
    t.match((await verify(credential)).json().trust.issuer, { domainLinked: false, domainLinkage: /links https:\/\/elsewhere.example, not/ })

    const stale = await createTestIssuer()
    const staleSite = await startWebsite(t)
    staleSite.routes.set(WELL_KNOWN, json(await linkage(stale, stale.did, staleSite.origin, new Date(Date.now() - 3_600_000))))
    const old = await credentialOf(stale, { name: 'Stale', url: staleSite.origin })
    answer(service, old, { member: false, endorsedBy: [] })
    t.match((await verify(old)).json().trust.issuer, { domainLinked: false, domainLinkage: /expired/ })
  })

  await t.test('a non-member endorsed by members', async t => {
    const issuer = await createTestIssuer()
    const credential = await credentialOf(issuer, { name: 'Lycée Agricole' })
    answer(service, credential, { member: false, endorsedBy: [{ id: 'did:key:z6MkAgency', name: 'Accrediting Agency', subjectKind: 'profile', since: '2025-01-02T00:00:00.000Z', accepted: false }] })
    const res = await verify(credential)
    t.equal(res.statusCode, 200)
    t.same(res.json().trust, {
      level: 'endorsed',
      endorsedBy: [{ id: 'did:key:z6MkAgency', name: 'Accrediting Agency', subject: 'profile', since: '2025-01-02T00:00:00.000Z' }],
      issuer: { id: issuer.did, name: 'Lycée Agricole', domainLinked: false, domainLinkage: 'the issuer names no website' }
    })
  })

  await t.test('an unknown look-alike: verified, but trust unknown; http websites are not confirmed', async t => {
    const lookalike = await createTestIssuer()
    const credential = await credentialOf(lookalike, { name: 'Example University', url: 'http://example.edu' })
    answer(service, credential, { member: false, endorsedBy: [] })
    const res = await verify(credential)
    t.equal(res.statusCode, 200)
    t.equal(res.json().verified, true)
    t.match(res.json().trust, { level: 'unknown', issuer: { name: 'Example University', url: 'http://example.edu', domainLinked: false, domainLinkage: /not an https URL/ } })
  })

  await t.test('a tampered credential: unknown, and its website is never asked', async t => {
    const member = await createTestIssuer()
    const credential = await credentialOf(member, { name: 'Member', url: site.origin })
    const before = site.requests.length
    const res = await verify({ ...credential, name: 'Forged' })
    t.equal(res.statusCode, 422)
    t.match(res.json().trust, { level: 'unknown', issuer: { domainLinked: false, domainLinkage: 'the issuer is not confirmed' } })
    t.equal(site.requests.length, before)
  })

  await t.test('a did:web issuer whose DID names its website host is linked without a document', async t => {
    const { didWebOrigin } = await import('../src/trust/domain-linkage.js')
    t.equal(didWebOrigin('did:web:example.edu%3A8443:issuers:x'), 'https://example.edu:8443')
    t.equal(didWebOrigin('did:key:z6Mk'), undefined)
  })
})

t.test('a website that does not answer in time: not confirmed for now, confirmed once its answer is cached', async t => {
  const service = await startServer(t)
  const site = await startWebsite(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: service.origin }, { fetcher: websiteFetcher([service.origin]) })
  const issuer = await createTestIssuer()
  const config = await linkage(issuer, issuer.did, site.origin)
  site.routes.set(WELL_KNOWN, (_req, res) => { setTimeout(() => json(config)(_req, res), 2500) })
  const credential = await credentialOf(issuer, { name: 'Slow Site', url: site.origin })
  answer(service, credential, { member: false, endorsedBy: [] })
  const first = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(first.statusCode, 200)
  t.match(first.json().trust.issuer, { domainLinked: false, domainLinkage: /did not answer within 2000 ms/ })
  await new Promise(resolve => setTimeout(resolve, 1000))
  const second = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(second.json().trust.issuer.domainLinked, true, 'the late answer was kept')
  t.equal(site.requests.length, 1)
})
