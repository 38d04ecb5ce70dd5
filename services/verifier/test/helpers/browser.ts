// Real Chromium for the page tests (Debian's chromium driven by playwright-core, as page.test.ts launches it),
// axe-core run inside the page, and screenshots under the repository's .data/screenshots/ (git-ignored).
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const SHOTS = new URL('../../../../.data/screenshots/verifier/', import.meta.url)

export async function launch (t: { teardown: (fn: () => unknown) => void }): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] })
  t.teardown(() => browser.close())
  return browser
}

/** axe-core's violations (WCAG 2.1 A/AA), as "rule: target" lines. Injected over CDP, so the page's CSP stays on. */
export async function axeViolations (page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  const result = await page.evaluate(async () => await (globalThis as any).axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
  return (result.violations as Array<{ id: string; nodes: Array<{ target: string[] }> }>).map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

export async function screenshot (page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true })
  const path = new URL(`${name}.png`, SHOTS).pathname
  await page.screenshot({ path, fullPage: true })
  return path
}
