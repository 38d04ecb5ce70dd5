// One ids module (issue 14): the issuer, revocation and the libraries find a credential by the same key.
import t from 'tap'
import { achievementUrl, credentialKey, credentialUrl, credentialUrlPrefix, issuerUrl, lastSegment, statusListUrl, urnUuid } from '../src/ids.js'

const uuid = '0b7c6c5e-8e0a-4a8e-9d7c-3f1f6d8a2b11'

t.test('a urn:uuid credential and a URL credential are found by the same kind of key', async t => {
  t.equal(credentialKey(`urn:uuid:${uuid}`), uuid, 'urn:uuid -> the uuid (issuer and revocation agree)')
  t.equal(credentialKey(`https://issuer.example/credentials/${uuid}`), uuid)
  t.equal(credentialKey(`https://issuer.example/credentials/${uuid}/`), uuid, 'a trailing slash is ignored')
  t.equal(lastSegment('https://x.example/a/b?q=1#f'), 'b', 'query and fragment ignored')
  t.equal(lastSegment('plain'), 'plain')
  t.equal(urnUuid(`urn:uuid:${uuid.toUpperCase()}`), uuid)
  t.equal(urnUuid('urn:isbn:123'), undefined)
})

t.test('URLs are built one way whatever the trailing slash of the public URL', async t => {
  for (const base of ['https://p.example', 'https://p.example/']) {
    t.equal(credentialUrl(base, 'c1'), 'https://p.example/credentials/c1')
    t.equal(credentialUrlPrefix(base), 'https://p.example/credentials/')
    t.equal(issuerUrl(base, 'i1'), 'https://p.example/issuers/i1')
    t.equal(achievementUrl(base, 'i1', 'a1'), 'https://p.example/issuers/i1/achievements/a1')
    t.equal(statusListUrl(base, 'l1'), 'https://p.example/status-lists/l1')
  }
})
