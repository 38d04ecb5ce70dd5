// Real Chromium for page tests (Debian's /usr/bin/chromium driven by playwright-core), axe-core run inside the
// page, screenshots under .data/screenshots/ (look at them), and the console's mails read from the outbox.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ROOT } from './platform.js'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
export const SHOTS = join(ROOT, '.data/screenshots')

export async function launch (t: { teardown: (fn: () => unknown) => void }): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] })
  t.teardown(() => browser.close())
  return browser
}

/** Records CSP violations and page errors, so a test can assert there were none. */
export function watch (page: Page): string[] {
  const problems: string[] = []
  page.on('console', m => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text()) })
  page.on('pageerror', e => problems.push(e.message))
  return problems
}

export interface AxeViolation { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }

/**
 * axe-core's serious and critical violations on the page as it is now. The script is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (the CSP itself stays on).
 */
export async function axe (page: Page): Promise<AxeViolation[]> {
  if (!await page.evaluate('typeof window.axe === "object"')) await page.evaluate(AXE)
  const result = await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })') as { violations: AxeViolation[] }
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
}

export async function shot (page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

function decodeQuotedPrintable (s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** The console link (#/invitation/... or #/reset/...) of the newest outbox message to `to`. */
export function mailedLink (dataDir: string, to: string, kind: 'invitation' | 'reset'): string {
  const dir = join(dataDir, 'outbox')
  const files = existsSync(dir) ? readdirSync(dir).filter(f => f.endsWith('.eml')).sort().reverse() : []
  for (const f of files) {
    const text = decodeQuotedPrintable(readFileSync(join(dir, f), 'utf8'))
    if (!new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\s*$`, 'mi').test(text)) continue
    const m = new RegExp(`#/${kind}/([A-Za-z0-9_-]+)`).exec(text)
    if (m) return `#/${kind}/${m[1]}`
  }
  throw new Error(`no ${kind} mail to ${to} in ${dir}`)
}
