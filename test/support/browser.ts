// Page tests at the root: the shared Chromium helper, and the console's mails read from the outbox.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { screenshot, seriousAxe, SCREENSHOTS } from '@obp/service-kit/browser-testing'

// Chromium, axe-core and screenshots: the one helper of every workspace (@obp/service-kit/browser-testing)
export { CHROMIUM, hasChromium, launch, watch, type AxeViolation } from '@obp/service-kit/browser-testing'
export const SHOTS = SCREENSHOTS

/** axe-core's serious and critical violations on the page as it is now. */
export const axe = seriousAxe

export async function shot (page: Page, name: string): Promise<void> {
  await screenshot(page, name)
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
