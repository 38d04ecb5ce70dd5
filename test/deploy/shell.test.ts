// Shell scripts pass shellcheck (installed by scripts/deploy-tools.sh from Debian's packages): the deploy
// tools script at every severity, every script under scripts/ at warning and above.
import t from 'tap'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { root, run } from './helpers.js'

const scripts = readdirSync(join(root, 'scripts')).filter((f) => f.endsWith('.sh')).map((f) => `scripts/${f}`)

t.test('scripts/deploy-tools.sh is clean', async (t) => {
  const result = run('shellcheck', ['--shell=bash', '--external-sources', 'scripts/deploy-tools.sh'])
  t.equal(result.status, 0, result.stdout || result.stderr)
})

t.test('every script under scripts/ has no shellcheck warning', async (t) => {
  t.ok(scripts.includes('scripts/deploy-tools.sh'))
  for (const script of scripts) {
    const result = run('shellcheck', ['--shell=bash', '--severity=warning', script])
    t.equal(result.status, 0, `${script} ${result.stdout}`)
  }
})

t.test('shellcheck finds what it should (so a clean result means something)', async (t) => {
  const dir = t.testdir({ 'bad.sh': '#!/usr/bin/env bash\nrm -rf $1/*\n' })
  const result = run('shellcheck', ['--shell=bash', join(dir, 'bad.sh')])
  t.not(result.status, 0)
  t.match(result.stdout, /SC2086/, 'unquoted expansion reported')
})
