// Processes and threads per pod follow the pod's CPU limit (issue 20): a container sees the node's cores, so the
// default (os.availableParallelism()) would oversubscribe a small limit. Each setting comes from the container's
// own limits.cpu through the downward API (divisor 1: rounded up), in every overlay.
import t from 'tap'
import { find, overlays, render } from './helpers.js'

const settings = { verifier: 'VERIFIER_THREADS', issuer: 'ISSUER_CONCURRENCY', 'issuer-worker': 'ISSUER_SIGNING_THREADS' } as const

for (const overlay of overlays) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = render(overlay)
    for (const [name, variable] of Object.entries(settings)) {
      const container = find(objects, 'Deployment', name)?.spec.template.spec.containers.find((c: { name: string }) => c.name === name)
      t.ok(container?.resources?.limits?.cpu, `${name} has a CPU limit`)
      const env = container?.env?.find((e: { name: string }) => e.name === variable)
      t.same(env?.valueFrom, { resourceFieldRef: { containerName: name, resource: 'limits.cpu', divisor: '1' } }, `${name}: ${variable} is its CPU limit`)
    }
  })
}
