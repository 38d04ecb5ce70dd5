// Every overlay renders with kustomize, and every object it yields validates offline twice:
// 1. against the Kubernetes OpenAPI schemas compiled into `kubernetes-models` (and `@kubernetes-models/keda`
//    for KEDA's custom resources): types, required fields, enums, formats;
// 2. by strict decoding into the `k8s.io/api` Go types (test/deploy/tools/k8s-strict), which rejects
//    unknown and duplicate fields the way `kubectl apply --validate=strict` does.
import t from 'tap'
import { stringify } from 'yaml'
import type { K8sObject } from './helpers.js'
import { find, overlays, render, renderText, run, tool } from './helpers.js'

interface Model { validate: () => void }
type ModelClass = new (data: unknown) => Model

/** The kubernetes-models module of a kind: `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment`. */
async function modelFor (apiVersion: string, kind: string): Promise<ModelClass> {
  const pkg = apiVersion.startsWith('keda.sh/') ? '@kubernetes-models/keda' : 'kubernetes-models'
  const mod = await import(`${pkg}/${apiVersion}/${kind}`) as Record<string, ModelClass>
  const model = mod[kind]
  if (typeof model !== 'function') throw new Error(`no model for ${apiVersion} ${kind}`)
  return model
}

async function schemaErrors (obj: K8sObject): Promise<string | null> {
  const Model = await modelFor(obj.apiVersion, obj.kind)
  try {
    new Model(obj).validate()
    return null
  } catch (err) {
    return (err as Error).message
  }
}

function strict (yamlText: string) {
  return run(tool('k8s-strict'), [], { input: yamlText })
}

for (const overlay of overlays) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = render(overlay)
    t.ok(objects.length >= 25, `renders ${objects.length} objects`)

    for (const obj of objects) {
      t.equal(await schemaErrors(obj), null, `${obj.kind}/${obj.metadata.name} validates against the Kubernetes schema`)
    }

    const result = strict(renderText(overlay))
    t.equal(result.status, 0, `strict decoding: ${result.stdout.split('\n').filter((l) => l.startsWith('error')).join('; ')}`)
    const keda = objects.filter((obj) => obj.apiVersion.startsWith('keda.sh/')).length
    t.match(result.stdout, `checked ${objects.length - keda}, skipped ${keda}, failed 0`, 'every built-in kind was decoded')
  })
}

t.test('the validators catch what they must', async (t) => {
  const deployment = find(render('prod'), 'Deployment', 'issuer')
  if (!deployment) throw new Error('no issuer Deployment')

  const mistyped: K8sObject = structuredClone(deployment)
  mistyped.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = 'yes'
  t.match(await schemaErrors(mistyped), /readOnlyRootFilesystem must be boolean/, 'schema: wrong type')

  const noSelector: K8sObject = structuredClone(deployment)
  delete noSelector.spec.selector
  t.match(await schemaErrors(noSelector), /selector/, 'schema: missing required field')

  // A typo the schema validation lets through (unknown fields are not its business) but strict decoding does not.
  const typo: K8sObject = structuredClone(deployment)
  const securityContext = typo.spec.template.spec.containers[0].securityContext
  securityContext.readOnlyRootFileSystem = securityContext.readOnlyRootFilesystem
  delete securityContext.readOnlyRootFilesystem
  const result = strict(stringify(typo))
  t.not(result.status, 0, 'strict decoding fails')
  t.match(result.stdout, /unknown field "spec\.template\.spec\.containers\[0\]\.securityContext\.readOnlyRootFileSystem"/)

  const scaled = find(render('prod-keda'), 'ScaledObject', 'issuer-worker')
  if (!scaled) throw new Error('no ScaledObject')
  const badTrigger: K8sObject = structuredClone(scaled)
  delete badTrigger.spec.scaleTargetRef
  t.match(await schemaErrors(badTrigger), /scaleTargetRef/, 'KEDA schema: missing scaleTargetRef')
})

t.test('kustomize renders the same objects twice (no generator randomness)', async (t) => {
  const first = run(tool('kustomize'), ['build', 'k8s/overlays/prod'])
  t.equal(first.status, 0)
  t.equal(first.stdout, renderText('prod'))
})
