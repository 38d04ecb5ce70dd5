// The settings that compose and every Kubernetes overlay hand to each process pass that service's own
// config schema (loadConfig, STYLE.md §7), so a deployment cannot ship a value the service refuses at start.
// Needs the libraries built (`npm run build`), as the services' own tests do.
import t from 'tap'
import type { Test } from 'tap'
import type { TObject } from '@sinclair/typebox'
import { loadConfig } from '@obp/service-kit'
import { IssuerConfig } from '../../services/issuer/src/config.js'
import { RevocationConfig } from '../../services/revocation/src/config.js'
import { VerifierConfig } from '../../services/verifier/src/config.js'
import type { WorkloadName } from './helpers.js'
import { byKind, find, overlays, render, run, tool, workloadNames } from './helpers.js'

const schemas: Record<WorkloadName, TObject> = {
  issuer: IssuerConfig,
  'issuer-worker': IssuerConfig,
  verifier: VerifierConfig,
  revocation: RevocationConfig,
  'revocation-worker': RevocationConfig
}

/** What the Secret obp-secrets would provide, shaped as the schemas expect. */
const secretEnv = { MONGODB_URL: 'mongodb://mongo.invalid:27017/obp', REDIS_URL: 'redis://redis.invalid:6379' }

function check (t: Test, name: WorkloadName, env: Record<string, string>) {
  let error: string | null = null
  try {
    const config = loadConfig(schemas[name], env) as Record<string, unknown>
    t.equal(config.OBP_MODE, 'production', `${name}: production mode`)
  } catch (err) {
    error = (err as Error).message
  }
  t.equal(error, null, `${name}: settings pass the service's config schema`)
}

for (const overlay of overlays) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = render(overlay)
    const [config] = byKind(objects, 'ConfigMap')
    for (const name of workloadNames) {
      const container = find(objects, 'Deployment', name)?.spec.template.spec.containers[0]
      const literals = Object.fromEntries((container.env as Array<{ name: string, value?: string }>)
        .filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string]))
      check(t, name, { ...config.data, ...literals, ...secretEnv })
    }
  })
}

t.test('docker-compose.yml', async (t) => {
  const result = run(tool('compose-check'), ['-env-file', 'deploy/.env.example', 'deploy/docker-compose.yml'], { env: { PATH: process.env.PATH } })
  t.equal(result.status, 0, result.stderr)
  const project = JSON.parse(result.stdout) as { services: Record<string, { environment: Record<string, string | null> }> }
  for (const name of workloadNames) {
    const env = Object.fromEntries(Object.entries(project.services[name].environment).filter(([, v]) => v !== null)) as Record<string, string>
    check(t, name, env)
  }
})

t.test('the check refuses a value the service refuses', async (t) => {
  t.throws(() => loadConfig(RevocationConfig, { ...secretEnv, OBP_MODE: 'production', STATUS_LIST_TTL_SECONDS: '30' }), /STATUS_LIST_TTL_SECONDS/)
  t.throws(() => loadConfig(VerifierConfig, { ...secretEnv, OBP_MODE: 'staging' }), /OBP_MODE/)
})
