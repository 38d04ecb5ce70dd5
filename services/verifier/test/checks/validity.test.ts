import t from 'tap'
import { checkValidity } from '../../src/checks/validity.js'

const now = new Date('2026-01-01T12:00:00Z')
const SKEW = 300_000

t.test('validFrom / validUntil with five minutes of clock skew', async t => {
  t.equal(checkValidity({ validFrom: '2026-01-01T12:04:00Z' }, 'v2', now, SKEW).status, 'success', 'starts within the skew')
  t.match(checkValidity({ validFrom: '2026-01-01T12:06:00Z' }, 'v2', now, SKEW), { status: 'failure', message: /not valid yet/ })
  t.equal(checkValidity({ validUntil: '2026-01-01T11:56:00Z' }, 'v2', now, SKEW).status, 'success', 'ended within the skew')
  t.match(checkValidity({ validUntil: '2026-01-01T11:54:00Z' }, 'v2', now, SKEW), { status: 'failure', message: /expired/ })
  t.match(checkValidity({ validFrom: '2026-01-01' }, 'v2', now, SKEW), { status: 'failure', message: /time zone/ })
})

t.test('legacy issuanceDate / expirationDate', async t => {
  t.match(checkValidity({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00Z' }, 'v1', now, SKEW), { status: 'failure', message: /expirationDate/ })
  t.equal(checkValidity({ issuanceDate: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }, 'v1', now, SKEW).status, 'success', 'v1 reads only the v1 names')
})
