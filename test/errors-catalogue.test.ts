// One error catalogue (issue "one set of rules"): every OBP_* code is defined once, in a package's errors.ts, every
// code the sources use is in the catalogue, and docs/errors.md is what scripts/errors-doc.ts generates from it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { collectErrors, DOC_PATH, renderErrorsDoc } from '../scripts/errors-doc.js'

const root = fileURLToPath(new URL('..', import.meta.url))

function sources (dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

const entries = await collectErrors()

t.test('every code is defined once', async t => {
  t.ok(entries.length > 100, `${entries.length} codes in the catalogue`)
  const seen = new Map<string, string>()
  for (const e of entries) {
    t.notOk(seen.has(e.code), `${e.code} is defined once (${e.package} ${e.name}${seen.has(e.code) ? `, and ${seen.get(e.code)}` : ''})`)
    seen.set(e.code, `${e.package} ${e.name}`)
  }
  for (const e of entries) t.ok(e.status >= 200 && e.status < 600, `${e.code} has an HTTP status`)
})

t.test('every code the sources use is in the catalogue', async t => {
  const known = new Set(entries.map(e => e.code))
  const dirs = ['libs', 'services'].flatMap(top => readdirSync(join(root, top)).map(ws => join(root, top, ws, 'src')))
  const used = new Map<string, string>()
  for (const dir of dirs) {
    try { statSync(dir) } catch { continue }
    for (const file of sources(dir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](OBP_[A-Z0-9_]+)['"`]/g)) used.set(m[1], file.slice(root.length))
    }
  }
  t.ok(used.size > 50, `${used.size} codes written in the sources`)
  for (const [code, file] of used) t.ok(known.has(code), `${code} (${file}) is defined in an errors.ts`)
})

t.test(`${DOC_PATH} is current (npx tsx scripts/errors-doc.ts rewrites it)`, async t => {
  const doc = readFileSync(join(root, DOC_PATH), 'utf8')
  t.equal(doc, renderErrorsDoc(entries))
  t.match(doc, /\| `OBP_ISSUER_ALREADY_AWARDED` \| 409 \|/)
})
