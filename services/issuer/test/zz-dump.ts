import { writeFileSync } from 'node:fs'
const svc = process.argv[2]
const { build } = await import(`/work/wt/openapi/services/${svc}/test/helper.ts`)
const teardowns: Array<() => unknown> = []
const { app } = await build({ teardown: (f: () => unknown) => teardowns.push(f) })
const res = await app.inject({ method: 'GET', url: '/docs/json' })
const doc = res.json()
writeFileSync(`/tmp/h3/${svc}.json`, JSON.stringify(doc, null, 1))
for (const [p, ops] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(ops)) {
  const codes = Object.entries<any>(op.responses ?? {}).map(([c, r]) => c + (r.content ? '' : '!'))
  console.log(m.toUpperCase().padEnd(7), p.padEnd(70), (op.tags ?? []).join(',').padEnd(14), op.description || op.summary ? 'D' : '-', codes.join(' '))
}
for (const f of teardowns.reverse()) await f()
process.exit(0)
