// The network operator's console account, created at the first start when none exists; its email and password
// are written to OBP_DATA_DIR/console-owner (line 1 email, line 2 password, mode 0600), as CONTRACT.md says.
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Accounts } from './accounts.js'

export async function ensureOperator (accounts: Accounts, opts: { email: string; dataDir: string }): Promise<boolean> {
  const existing = await accounts.getUser(opts.email)
  if (existing?.passwordHash) return false
  // several API processes may start at once: only the one whose insert wins sets the password and writes the file
  if (!existing && !await accounts.claimUser(opts.email, { operator: true, name: 'Network operator' })) return false
  const password = randomBytes(18).toString('base64url')
  await accounts.upsertUser(opts.email, { password, operator: true })
  await mkdir(opts.dataDir, { recursive: true })
  await writeFile(join(opts.dataDir, 'console-owner'), `${opts.email}\n${password}\n`, { mode: 0o600 })
  return true
}
