// API_KEY_CACHE_MS: a valid key read once is reused for a while (an award then costs no key look-up); the secret is
// checked on every request, revoking through this process refuses the key at once, and another replica refuses it
// once its copy expires. Unknown and revoked keys are never kept.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { createApiKeyStore } from '../src/api-keys.js'
import { testDb } from './helper.js'

t.test('a valid key is reused for cacheMs; revocation here is immediate, elsewhere within cacheMs', async t => {
  const { client, db } = await testDb(t, 'keys', { monitorCommands: true })
  let reads = 0
  client.on('commandStarted', e => { if (e.commandName === 'find' && e.command.find === 'api_keys') reads++ })
  const here = createApiKeyStore(db, { cacheMs: 60_000 })
  const replica = createApiKeyStore(db, { cacheMs: 300 })
  const { token, key } = await here.create('issuer-a', ['issue'])

  t.equal((await here.verify(token))?.id, key.id)
  t.equal((await here.verify(token))?.id, key.id)
  t.equal(reads, 1, 'read once, then reused')
  t.equal(await here.verify(token.slice(0, -2) + 'xx'), undefined, 'a wrong secret is refused from the cached record too')
  t.equal(reads, 1)

  const unknown = `obp_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}_${'a'.repeat(43)}`
  t.equal(await here.verify(unknown), undefined)
  t.equal(await here.verify(unknown), undefined)
  t.equal(reads, 3, 'an unknown key is read every time (never kept)')

  t.ok(await replica.verify(token), 'the other replica reads and keeps it')
  t.ok(await here.revoke('issuer-a', key.id))
  t.equal(await here.verify(token), undefined, 'revoked through this process: refused at once')
  t.ok(await replica.verify(token), 'another replica: still accepted within its cacheMs (documented)')
  await sleep(350)
  t.equal(await replica.verify(token), undefined, 'and refused once its copy expires')
  const before = reads
  t.equal(await replica.verify(token), undefined)
  t.equal(reads, before + 1, 'a revoked key is never kept')

  const uncached = createApiKeyStore(db)
  const second = await uncached.create('issuer-a', ['issue'])
  const n = reads
  await uncached.verify(second.token)
  await uncached.verify(second.token)
  t.equal(reads, n + 2, 'cacheMs 0 (the default of the store): read on every request')
})
