// deploy/docker-compose.yml loads with compose-go, the Compose Specification's reference implementation
// (interpolation with deploy/.env.example, validation against the compose-spec JSON schema, semantic checks),
// and the loaded project keeps the settings the deployment needs (docs/decisions/0007-deployment.md).
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { configSettings, readText, run, tool, workloadNames, workloads } from './helpers.js'

/** Settings the deployment needs (docs/decisions/0007-deployment.md; some are read by code still being written, such as the revocation worker). */
const issueSettings = [
  'MONGODB_URL', 'REDIS_URL', 'OBP_MODE', 'KEY_ENCRYPTION_KEY', 'KEY_ENCRYPTION_KEY_FILE', 'ADMIN_TOKEN', 'ADMIN_TOKEN_FILE',
  'ISSUER_PUBLIC_URL', 'VERIFIER_PUBLIC_URL', 'REVOCATION_PUBLIC_URL', 'ISSUER_PORT', 'VERIFIER_PORT', 'REVOCATION_PORT',
  'HOST', 'LOG_LEVEL', 'TLS_CERT_FILE', 'TLS_KEY_FILE', 'ISSUER_WORKER_CONCURRENCY', 'REVOCATION_WORKER_CONCURRENCY',
  'STATUS_LIST_TTL_SECONDS', 'WORKER_HEALTH_PORT'
]
/** Settings the code validates at start: the keys of the config schemas (STYLE.md §7). */
const codeSettings = configSettings()
const knownSettings = new Set([...issueSettings, ...codeSettings])

interface Service { [key: string]: any, image: string }
interface Project { services: Record<string, Service>, volumes: Record<string, unknown>, networks: Record<string, any>, secrets: Record<string, any> }

function load (file: string, env: NodeJS.ProcessEnv = {}) {
  return run(tool('compose-check'), ['-env-file', 'deploy/.env.example', file], {
    env: { PATH: process.env.PATH, KEY_ENCRYPTION_KEY: 'test-only', ADMIN_TOKEN: 'test-only', ...env }
  })
}

const loaded = load('deploy/docker-compose.yml')
const project = JSON.parse(loaded.stdout || '{}') as Project

t.test('validates against the compose specification', async (t) => {
  t.equal(loaded.status, 0, loaded.stderr)
  t.same(Object.keys(project.services).sort(), ['mongodb', 'redis', ...workloadNames].sort(), 'stores, three APIs, two workers')
})

t.test('the validator rejects what the specification does', async (t) => {
  const dir = t.testdir()
  const cases = {
    'unknown key': ['read_only: true', 'readonly: true'],
    'bad depends_on condition': ['condition: service_healthy', 'condition: healthy'],
    'undeclared volume': ['redis-data:/data', 'redis-cache:/data']
  }
  for (const [name, [from, to]] of Object.entries(cases)) {
    const file = join(dir, `${name.replace(/ /g, '-')}.yml`)
    writeFileSync(file, readText('deploy/docker-compose.yml').replace(from, to))
    const result = load(file)
    t.not(result.status, 0, `${name}: rejected (${result.stderr.trim()})`)
  }
})

t.test('MongoDB 7 as a one-node replica set, Redis 7 append-only with noeviction', async (t) => {
  const { mongodb, redis } = project.services
  t.match(mongodb.image, /^mongo:7(\.|$|-)/)
  t.match(mongodb.command.join(' '), /--replSet rs0/)
  t.match(mongodb.healthcheck.test.join(' '), /rs\.initiate/, 'the healthcheck initiates the replica set')
  t.match(redis.image, /^redis:7(\.|$|-)/)
  const args = redis.command.join(' ')
  t.match(args, /--appendonly yes/)
  t.match(args, /--maxmemory-policy noeviction/)
  for (const store of [mongodb, redis]) {
    t.equal(store.ports, undefined, `${store.image}: no published port`)
    t.same(Object.keys(store.networks), ['data'], `${store.image}: only on the internal network`)
    t.ok(store.healthcheck?.test, `${store.image}: healthcheck`)
    t.ok(store.volumes.every((v: any) => v.type === 'volume' && v.source in project.volumes), `${store.image}: named volumes`)
  }
  t.equal(project.networks.data.internal, true, 'the stores network has no route out')
  t.match(project.services.issuer.environment.MONGODB_URL, /replicaSet=rs0/)
})

t.test('every platform container is locked down', async (t) => {
  for (const name of workloadNames) {
    const s = project.services[name]
    const w = workloads[name]
    t.equal(s.read_only, true, `${name}: read-only root filesystem`)
    t.ok(s.tmpfs?.some((m: string) => m.startsWith('/tmp')), `${name}: tmpfs /tmp`)
    t.same(s.cap_drop, ['ALL'], `${name}: drops all capabilities`)
    t.equal(s.cap_add, undefined, `${name}: adds none`)
    t.ok(s.security_opt?.includes('no-new-privileges:true'), `${name}: no-new-privileges`)
    t.match(s.user, /^[1-9]\d*(:\d+)?$/, `${name}: numeric non-root user`)
    t.not(s.privileged, true)
    t.same(s.build, { context: s.build.context, dockerfile: 'deploy/Dockerfile', target: name }, `${name}: built from its Dockerfile target`)
    t.match(s.healthcheck?.test, ['CMD', '/nodejs/bin/node', '/app/healthcheck.mjs'], `${name}: healthcheck`)
    t.match(s.depends_on, { mongodb: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } })
    t.equal(s.environment.OBP_MODE, 'production')
    t.equal(s.environment.KEY_ENCRYPTION_KEY, undefined, `${name}: the key is a secret file, not an env var`)
    t.equal(s.environment.ADMIN_TOKEN, undefined, `${name}: the token is a secret file, not an env var`)
    t.same(s.secrets.map((x: any) => x.source).sort(), ['admin_token', 'key_encryption_key'])
    t.equal(s.environment.KEY_ENCRYPTION_KEY_FILE, '/run/secrets/key_encryption_key')
    t.equal(s.environment[w.portEnv], String(w.port), `${name}: ${w.portEnv}`)
    const published = (s.ports ?? []).map((p: any) => p.target)
    t.same(published, w.component === 'api' ? [w.port] : [], `${name}: publishes ${w.component === 'api' ? 'its API port' : 'nothing'}`)
    for (const p of s.ports ?? []) t.equal(p.host_ip, '127.0.0.1', `${name}: bound to loopback by default`)
  }
  t.same(project.secrets.key_encryption_key, { name: 'obp_key_encryption_key', environment: 'KEY_ENCRYPTION_KEY' })
})

t.test('the platform reaches its own public URLs from inside the containers', async (t) => {
  for (const [name, variable] of [['issuer', 'ISSUER_PUBLIC_URL'], ['verifier', 'VERIFIER_PUBLIC_URL'], ['revocation', 'REVOCATION_PUBLIC_URL']] as const) {
    const url = new URL(project.services.verifier.environment[variable])
    const target = project.services[name]
    t.equal(url.hostname, `${name}.localhost`, `${variable} defaults to ${name}.localhost (loopback for browsers on the host)`)
    t.ok(target.networks.edge?.aliases?.includes(url.hostname), `${url.hostname} is ${name}'s alias on the network the verifier shares`)
    t.equal(Number(url.port), workloads[name].port, `${variable}: the container port`)
    t.same(target.ports.map((p: any) => Number(p.published)), [workloads[name].port], `${variable}: the published port`)
  }
  t.ok('edge' in project.services.verifier.networks)
})

t.test('deploy/.env.example documents every variable', async (t) => {
  const example = readText('deploy/.env.example')
  const set = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))
  const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))
  const compose = readText('deploy/docker-compose.yml')
  const interpolated = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))
  t.ok(interpolated.size > 10)
  t.ok(codeSettings.length > 20, `${codeSettings.length} settings found in the config schemas`)
  for (const name of interpolated) t.ok(set.has(name), `${name} (used by docker-compose.yml) is set in .env.example`)
  for (const name of knownSettings) t.ok(documented.has(name), `${name} is documented in .env.example`)
  t.match(readText('deploy/.gitignore'), /^\.env$/m, 'the filled-in deploy/.env is never committed')
  for (const secret of Object.values(project.secrets)) {
    t.match(example, new RegExp(`^${secret.environment}=$`, 'm'), `${secret.environment} is left empty in the example`)
  }
  for (const name of workloadNames) {
    for (const key of Object.keys(project.services[name].environment)) t.ok(knownSettings.has(key), `${name}: ${key} is a setting the services know`)
  }
  const configEnv = readText('k8s/base/config.env')
  for (const [, name] of configEnv.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)) t.ok(knownSettings.has(name), `k8s config ${name} is a setting the services know`)
})

t.test('an optional setting reaches the containers only when set', async (t) => {
  t.equal(project.services.verifier.environment.MAX_FETCH_BYTES, null, 'unset: the service default holds')
  const dir = t.testdir({ 'tuned.env': readText('deploy/.env.example') + 'MAX_FETCH_BYTES=2048\n' })
  const result = run(tool('compose-check'), ['-env-file', join(dir, 'tuned.env'), 'deploy/docker-compose.yml'], { env: { PATH: process.env.PATH } })
  t.equal(result.status, 0, result.stderr)
  t.equal((JSON.parse(result.stdout) as Project).services.verifier.environment.MAX_FETCH_BYTES, '2048')
})
