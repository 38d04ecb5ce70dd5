// Tampering: every leaf of a signed credential is altered in turn (fast-check picks the new value); none of
// the altered credentials verifies, and each is answered 422 with a failing check, never 200 or 400.
import fc from 'fast-check'
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, endorsement } from './helpers/issuer.js'

type Path = Array<string | number>

function leaves (node: unknown, path: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => leaves(v, [...path, i]))
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [path]
}

function withLeaf (doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = value
  return copy
}

function leafAt (doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], doc)
}

/** A value of the same kind as `original`, but not equal to it. */
function altered (original: unknown): fc.Arbitrary<unknown> {
  const base: fc.Arbitrary<unknown> = typeof original === 'string'
    ? fc.oneof(fc.string({ minLength: 1, maxLength: 12 }).map(s => original + s), fc.string({ maxLength: 12 }), fc.constant(original.slice(0, -1)))
    : typeof original === 'number' ? fc.integer() : typeof original === 'boolean' ? fc.constant(!original) : fc.string()
  return base.filter((v: unknown) => v !== original)
}

t.test('altering any leaf of a signed credential makes it fail', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const agency = await createTestIssuer()
  const signed = await issuer.sign(badge(issuer.did, { endorsement: [await agency.sign(endorsement(agency.did, issuer.did))] }))
  const original = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: signed } })
  t.equal(original.statusCode, 200, 'the untouched credential verifies')
  const paths = leaves(signed)
  t.ok(paths.length > 40, `${paths.length} leaves`)
  let verified = 0
  for (const path of paths) {
    await fc.assert(fc.asyncProperty(altered(leafAt(signed, path)), async value => {
      const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: withLeaf(signed, path, value) } })
      const ok = res.statusCode === 422 && res.json().verified === false && res.json().checks.some((c: { status: string }) => c.status === 'failure')
      if (!ok) {
        verified++
        t.fail(`altering ${path.join('.')} to ${JSON.stringify(value)} gave HTTP ${res.statusCode}`)
      }
      return ok
    }), { numRuns: 1, seed: 42 + paths.indexOf(path) })
  }
  t.equal(verified, 0, `none of the ${paths.length} altered credentials verified`)
})
