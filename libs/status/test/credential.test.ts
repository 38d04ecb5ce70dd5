import t from 'tap'
import { buildStatusListCredential, credentialStatusOf } from '../src/index.js'

t.test('the list credential is VCDM 2.0 with a BitstringStatusList subject', async t => {
  const vc = buildStatusListCredential({ id: 'https://r.example/status-lists/abc', issuerDid: 'did:key:z6Mk', encodedList: 'uH4sI', validFrom: new Date('2026-01-01T00:00:00.123Z'), validUntil: '2026-01-02T00:00:00Z' })
  t.same(vc, {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'https://r.example/status-lists/abc',
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: 'did:key:z6Mk',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2026-01-02T00:00:00Z',
    credentialSubject: { id: 'https://r.example/status-lists/abc#list', type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sI' }
  })
  t.throws(() => buildStatusListCredential({ id: '', issuerDid: 'x', encodedList: 'u', validFrom: '', validUntil: '' }), TypeError)
})

t.test('the entry carries a decimal string index (CONTRACT.md)', async t => {
  t.same(credentialStatusOf('https://r.example/status-lists/abc', 42), {
    id: 'https://r.example/status-lists/abc#42',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '42',
    statusListCredential: 'https://r.example/status-lists/abc'
  })
})
