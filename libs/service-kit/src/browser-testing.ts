// Real Chromium for page tests, one helper for every workspace (`@obp/service-kit/browser-testing`): Debian's
// /usr/bin/chromium driven by playwright-core, axe-core run inside the page, screenshots under the repository's
// .data/screenshots/<folder>/ (git-ignored; look at them), and the page's CSP violations and errors recorded.
// Test-only: playwright-core and axe-core are development dependencies.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
/** <repository>/.data/screenshots (this file is libs/service-kit/{src,dist}/browser-testing) */
export const SCREENSHOTS = fileURLToPath(new URL('../../../.data/screenshots/', import.meta.url))
let axeSource: string | undefined
const axeScript = (): string => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))

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
 * axe-core's violations on the page as it is now (WCAG 2.1 A and AA rules and axe's best practices). The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern (the CSP itself stays on).
 */
export async function axe (page: Page, opts: { wcagOnly?: boolean } = {}): Promise<AxeViolation[]> {
  if (!await page.evaluate('typeof window.axe === "object"')) await page.evaluate(axeScript())
  const options = opts.wcagOnly ? '{ resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }' : '{ resultTypes: ["violations"] }'
  const result = await page.evaluate(`window.axe.run(document, ${options})`) as { violations: AxeViolation[] }
  return result.violations
}

/** The serious and critical violations only. */
export async function seriousAxe (page: Page): Promise<AxeViolation[]> {
  return (await axe(page)).filter(v => v.impact === 'serious' || v.impact === 'critical')
}

/** WCAG 2.1 A/AA violations as "rule: target" lines. */
export async function axeViolations (page: Page): Promise<string[]> {
  return (await axe(page, { wcagOnly: true })).map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/** Saves a full-page screenshot as .data/screenshots/<folder>/<name>.png and returns its path. */
export async function screenshot (page: Page, name: string, folder = ''): Promise<string> {
  const dir = join(SCREENSHOTS, folder)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
