// deploy/Dockerfile cannot be built here (no Docker engine). BuildKit's own parser and build checks read it
// (test/deploy/tools/dockerfile-check); then its rules are asserted: a target per process on a non-root
// distroless runtime, production dependencies only, a HEALTHCHECK, the entry points that Kubernetes and compose
// run; and deploy/healthcheck.mjs is run for real against a local server.
import t from 'tap'
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { byKind, readText, render, root, run, tool, workloadNames, workloads } from './helpers.js'

interface Instruction { op: string, args: string }
interface Stage { name: string, from: string, body: Instruction[] }

/** Instructions per stage; continuation lines joined, comments dropped (Dockerfile reference, "Format"). */
function parseDockerfile (text: string): { args: Map<string, string>, stages: Stage[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
  const args = new Map<string, string>()
  const stages: Stage[] = []
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? []
    const instruction = { op: op.toUpperCase(), args: rest }
    if (instruction.op === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest) ?? []
      stages.push({ name: name ?? String(stages.length), from, body: [] })
    } else if (stages.length === 0 && instruction.op === 'ARG') {
      const [key, value] = rest.split('=')
      args.set(key, value)
    } else {
      stages.at(-1)?.body.push(instruction)
    }
  }
  return { args, stages }
}

const text = readText('deploy/Dockerfile')
const { args, stages } = parseDockerfile(text)
const stage = (name: string): Stage => {
  const found = stages.find((s) => s.name === name)
  if (!found) throw new Error(`no stage ${name}`)
  return found
}
const all = (s: Stage, op: string): string[] => s.body.filter((i) => i.op === op).map((i) => i.args)

t.test('BuildKit parses it with no build-check warning', async (t) => {
  const result = run(tool('dockerfile-check'), ['deploy/Dockerfile'])
  t.equal(result.status, 0, result.stdout + result.stderr)
  const report = JSON.parse(result.stdout || '{}') as { stages?: Array<{ name: string, baseName: string }>, warnings?: string[] }
  t.same(report.warnings, [])
  t.same(report.stages?.map((s) => [s.name, s.baseName]), stages.map((s) => [s.name, s.from]), 'BuildKit sees the stages this test reads')

  const dir = t.testdir({
    'bad-flag.Dockerfile': text.replace('COPY --from=build /app/node_modules', 'COPY --frm=build /app/node_modules'),
    'casing.Dockerfile': text.replace('AS build', 'as build')
  })
  const badFlag = run(tool('dockerfile-check'), [join(dir, 'bad-flag.Dockerfile')])
  t.match(badFlag, { status: 1, stderr: /unknown flag: --frm/ }, 'an unknown flag is an error')
  const casing = run(tool('dockerfile-check'), [join(dir, 'casing.Dockerfile')])
  t.match(casing, { status: 1, stdout: /FromAsCasing/ }, 'a build-check warning fails too')
})

t.test('one target per process, all on the shared runtime', async (t) => {
  t.match(text.split('\n')[0], /^# syntax=docker\/dockerfile:1/, 'BuildKit syntax (cache mounts, Dockerfile.dockerignore)')
  const targets = stages.filter((s) => s.from === 'runtime').map((s) => s.name)
  t.same(targets.sort(), [...workloadNames].sort())
  const names = new Set(stages.map((s) => s.name))
  for (const s of stages) {
    for (const copy of all(s, 'COPY')) {
      const from = /--from=(\S+)/.exec(copy)?.[1]
      if (from) t.ok(names.has(from) && stages.indexOf(stage(from)) < stages.indexOf(s), `${s.name}: COPY --from=${from} is an earlier stage`)
    }
  }
})

t.test('small, non-root runtime with production dependencies only', async (t) => {
  const runtime = stage('runtime')
  t.equal(runtime.from, '${NODE_RUNTIME_IMAGE}')
  t.match(args.get('NODE_RUNTIME_IMAGE'), /^gcr\.io\/distroless\/nodejs20-debian12:nonroot$/, 'distroless Node 20, no shell')
  t.match(args.get('NODE_BUILD_IMAGE'), /^node:20-/, 'built with Node 20')
  const users = all(runtime, 'USER')
  t.same(users, ['65532:65532'], 'numeric non-root user (Kubernetes can verify runAsNonRoot)')
  t.match(all(runtime, 'ENV').join(' '), /OBP_MODE=production/, 'production mode unless told otherwise')
  t.notMatch(all(runtime, 'COPY').join('\n'), /--chown/, 'code stays owned by root, read-only to the process')
  t.notOk(all(runtime, 'RUN').length, 'nothing runs in the runtime stage (it has no shell)')

  const build = all(stage('build'), 'RUN').join('\n')
  t.match(build, /npm ci/, 'installs from the lockfile')
  t.match(build, /npm run build/, 'compiles every workspace')
  t.match(build, /npm prune --omit=dev/, 'drops dev dependencies before the runtime copies node_modules')
  const copied = all(runtime, 'COPY').join('\n')
  t.match(copied, /--from=build \/app\/node_modules/)
  t.notMatch(copied, /--from=manifests/, 'the runtime takes nothing from the unpruned stages')

  const workspaces = (JSON.parse(readText('package.json')) as { workspaces: string[] }).workspaces
  t.ok(workspaces.every((w) => /^(libs|services|apps)\//.test(w)), 'every workspace sits under libs/, services/ or apps/, which the build copies')
})

t.test('each target runs its entry point with a HEALTHCHECK', async (t) => {
  for (const name of workloadNames) {
    const s = stage(name)
    const w = workloads[name]
    t.same(all(s, 'CMD'), [JSON.stringify([w.entry])], `${name}: CMD ${w.entry}`)
    t.same(all(s, 'USER'), [], `${name}: keeps the runtime's non-root user`)
    t.same(all(s, 'EXPOSE'), [String(w.port)], `${name}: EXPOSE ${w.port}`)
    t.match(all(s, 'ENV').join(' '), `OBP_HEALTH_PORT_ENV=${w.portEnv}`, `${name}: health check asks ${w.portEnv}`)
    const [healthcheck] = all(s, 'HEALTHCHECK')
    t.match(healthcheck, /--interval=\d+s --timeout=\d+s .*CMD \["\/nodejs\/bin\/node", "\/app\/healthcheck\.mjs"\]/, `${name}: exec-form HEALTHCHECK`)
    t.match(all(s, 'COPY').join(' '), `--from=build /app/services/${w.entry.split('/')[1]} `, `${name}: copies its service`)
    // A missing entry is reported as a todo, not a failure, while the services are still being written.
    const source = w.entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts')
    const exists = existsSync(join(root, source))
    t.ok(exists, `${name}: ${source} exists`, exists ? {} : { todo: 'entry point not written yet' })
  }
})

t.test('Kubernetes runs the same images and entry points', async (t) => {
  for (const deployment of byKind(render('prod'), 'Deployment')) {
    const name = deployment.metadata.name as keyof typeof workloads
    const [container] = deployment.spec.template.spec.containers
    t.match(container.image, new RegExp(`/obp/${name}:`), `${name}: image of target ${name}`)
    t.same(container.args, [workloads[name].entry])
  }
})

t.test('the build context leaves out secrets, dependencies and build output', async (t) => {
  const ignore = readText('deploy/Dockerfile.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'))
  t.equal(ignore[0], '**', 'everything is excluded unless listed')
  for (const pattern of ['**/node_modules', '**/dist', '**/.env', '**/.env.*']) t.ok(ignore.includes(pattern), `excludes ${pattern}`)
  t.ok(ignore.includes('!deploy/healthcheck.mjs') && text.includes('COPY deploy/healthcheck.mjs'), 'healthcheck script is in the context')
})

t.test('healthcheck.mjs: 0 on a 2xx from /health/live, 1 otherwise', async (t) => {
  let status = 200
  const paths: string[] = []
  const server = createServer((req, res) => { paths.push(req.url ?? ''); res.writeHead(status).end() })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const port = (server.address() as AddressInfo).port
  // Asynchronous on purpose: the server answering the check runs in this process.
  const check = (env: Record<string, string>) => new Promise<number | null>((resolve) => {
    spawn(process.execPath, [join(root, 'deploy', 'healthcheck.mjs')], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' })
      .on('exit', (code) => resolve(code))
  })
  t.equal(await check({ OBP_HEALTH_PORT_ENV: 'VERIFIER_PORT', VERIFIER_PORT: String(port) }), 0, 'healthy API')
  t.equal(await check({ WORKER_HEALTH_PORT: String(port) }), 0, 'healthy worker (WORKER_HEALTH_PORT by default)')
  t.same(paths, ['/health/live', '/health/live'])
  status = 503
  t.equal(await check({ OBP_HEALTH_PORT_ENV: 'ISSUER_PORT', ISSUER_PORT: String(port) }), 1, '503: unhealthy')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  t.equal(await check({ OBP_HEALTH_PORT_ENV: 'ISSUER_PORT', ISSUER_PORT: String(port) }), 1, 'nothing listening: unhealthy')
})
