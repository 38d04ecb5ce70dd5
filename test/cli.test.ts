// `obp`, the command-line tool (libs/cli), driven as a registrar's script would: real processes, real HTTP.
import t from 'tap'
import { execFile } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlatform, call, waitFor, ROOT, type Platform } from './support/platform.js'

let p: Platform
t.before(async () => { p = await startPlatform(t) })

const home = mkdtempSync(join(tmpdir(), 'obp-cli-'))
const env = () => ({ ...process.env, XDG_CONFIG_HOME: home, OBP_ISSUER_URL: p.issuer, OBP_VERIFIER_URL: p.verifier, OBP_REVOCATION_URL: p.revocation, OBP_API_KEY: '', OBP_ISSUER_ID: '' })

/** Runs `obp ...args`; resolves with its exit code and output (never rejects on a non-zero exit). */
function obp (args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [join(ROOT, 'libs/cli/dist/main.js'), ...args], { env: { ...env(), ...extraEnv }, cwd: home }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr })
    })
  })
}

t.test('login, achievements, award, verify (JSON and baked PNG), batch with a progress, results, revoke', async t => {
  const created = await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: 'CLI University', url: 'https://cli.example.edu' } })
  t.equal(created.status, 201, created.text)
  const { id: issuerId, apiKey } = created.json as { id: string; apiKey: string }
  const ach = await call('POST', `${p.issuer}/issuers/${issuerId}/achievements`, { token: apiKey, body: { name: 'Command Line Fluency', description: 'Uses the CLI.', criteria: { narrative: 'Ran obp.' } } })
  t.equal(ach.status, 201, ach.text)
  const achievementId = (ach.json as { id: string }).id

  const refused = await obp(['login', '--api-key', 'obp_nope_nope', '--issuer', issuerId])
  t.equal(refused.code, 3, 'a bad key: exit 3 (auth)')

  const login = await obp(['login', '--api-key', apiKey, '--issuer', issuerId])
  t.equal(login.code, 0, login.stderr)
  const config = join(home, 'obp', 'config.json')
  t.equal(statSync(config).mode & 0o777, 0o600, 'the saved settings are readable by their owner only')
  t.equal(JSON.parse(readFileSync(config, 'utf8')).apiKey, apiKey)

  const list = await obp(['achievements', 'list', '--json'])
  t.equal(list.code, 0, list.stderr)
  t.same((JSON.parse(list.stdout) as Array<{ id: string }>).map(a => a.id), [achievementId], 'the achievements, as JSON')
  const human = await obp(['achievements', 'list'])
  t.match(human.stdout, /Command Line Fluency/, 'and as a table')

  const award = await obp(['award', '--achievement', achievementId, '--email', 'ada@example.org', '--name', 'Ada', '--no-notify', '--json'])
  t.equal(award.code, 0, award.stderr)
  const credential = JSON.parse(award.stdout) as { id: string; type: string[] }
  t.ok(credential.type.includes('OpenBadgeCredential'))
  writeFileSync(join(home, 'badge.json'), JSON.stringify(credential))

  const verified = await obp(['verify', join(home, 'badge.json')], { OBP_CONFIG: join(home, 'none.json') })
  t.equal(verified.code, 0, verified.stdout + verified.stderr)
  t.match(verified.stdout, /ok {3}proof/, 'prints the step log')
  t.match(verified.stdout, /^VERIFIED$/m)

  const png = await fetch(`${credential.id}?format=png`)
  writeFileSync(join(home, 'badge.png'), Buffer.from(await png.arrayBuffer()))
  const bakedPng = await obp(['verify', join(home, 'badge.png'), '--json'])
  t.equal(bakedPng.code, 0, bakedPng.stdout)
  t.equal((JSON.parse(bakedPng.stdout) as { verified: boolean }).verified, true, 'a baked PNG verifies')

  const rows = ['achievementId,email,name', ...Array.from({ length: 40 }, (_, i) => `${achievementId},learner${i}@example.org,Learner ${i}`), `${achievementId},not-an-email,Broken`].join('\n')
  writeFileSync(join(home, 'rows.csv'), rows)
  const dry = await obp(['batch', 'upload', join(home, 'rows.csv'), '--dry-run'])
  t.equal(dry.code, 1, 'a dry run with an invalid row: exit 1')
  t.match(dry.stdout, /40 valid, 1 invalid of 41 rows/)
  t.match(dry.stdout, /line 42:/, 'the invalid row is named by its spreadsheet line')

  const upload = await obp(['batch', 'upload', join(home, 'rows.csv'), '--allow-partial', '--json'])
  t.equal(upload.code, 1, 'a batch with a failed row: exit 1')
  const done = JSON.parse(upload.stdout) as { batchId: string; total: number; succeeded: number; failed: number }
  t.same({ total: done.total, succeeded: done.succeeded, failed: done.failed }, { total: 41, succeeded: 40, failed: 1 })
  t.match(upload.stderr, /rows \(\d+ failed\)/, 'progress is reported while the batch runs')

  const watch = await obp(['batch', 'watch'])
  t.equal(watch.code, 1, 'watching resumes the last batch uploaded from here')
  t.match(watch.stdout, new RegExp(`Batch ${done.batchId} completed: 40 issued, 1 failed of 41`))

  const failed = await obp(['batch', 'results', done.batchId, '--csv', '--failed'])
  t.equal(failed.code, 0, failed.stderr)
  const lines = failed.stdout.trim().split('\r\n')
  t.equal(lines[0], 'row,state,credentialId,code,error')
  t.equal(lines.length, 2, 'one failed row')
  t.match(lines[1], /^40,failed,/)

  const revoked = await obp(['revoke', credential.id, '--reason', 'issued by mistake'])
  t.equal(revoked.code, 0, revoked.stderr)
  t.match(revoked.stdout, /revoked/)
  const after = await waitFor('the revocation to reach the verifier', async () => {
    const r = await obp(['verify', join(home, 'badge.json')])
    return r.code === 1 ? r : undefined
  }, 30_000, 500)
  t.match(after.stdout, /FAIL status/, 'the revoked badge fails its status check')
  t.match(after.stdout, /^NOT VERIFIED$/m)

  const missing = await obp(['batch', 'results', '00000000-0000-4000-8000-000000000001'])
  t.equal(missing.code, 4, 'an unknown batch: exit 4')
  const usage = await obp(['award', '--email', 'x@example.org'])
  t.equal(usage.code, 2, 'a missing option: exit 2')
})
