// How the objects fit together: every API has a Service, an HPA on CPU and a PodDisruptionBudget, every worker
// a PodDisruptionBudget (and, with KEDA, a ScaledObject on its queue); the Ingress only reaches the APIs;
// the NetworkPolicies let only the pods that need them reach MongoDB and Redis; the ConfigMap carries every
// non-secret setting.
import t from 'tap'
import type { K8sObject } from './helpers.js'
import { apiNames, byKind, find, overlays, render, selects, workloadNames, workloads } from './helpers.js'

function podLabels (objects: K8sObject[], name: string): Record<string, string> {
  const deployment = find(objects, 'Deployment', name)
  if (!deployment) throw new Error(`no Deployment ${name}`)
  return deployment.spec.template.metadata.labels
}

/** Names of the workloads whose pods a NetworkPolicy selects. */
function selected (objects: K8sObject[], policy: K8sObject): string[] {
  return workloadNames.filter((name) => selects(policy.spec.podSelector, podLabels(objects, name)))
}

function allowsPort (policy: K8sObject, direction: 'ingress' | 'egress', port: number | string): boolean {
  return (policy.spec[direction] ?? []).some((rule: any) => (rule.ports ?? []).some((p: any) => p.port === port))
}

for (const overlay of overlays) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = render(overlay)

    for (const name of apiNames) {
      const service = find(objects, 'Service', name)
      t.ok(service && selects({ matchLabels: service.spec.selector }, podLabels(objects, name)), `Service ${name} selects its pods`)
      t.same(service?.spec.ports.map((p: any) => p.targetPort), ['http'])
      const hpa = find(objects, 'HorizontalPodAutoscaler', name)
      t.match(hpa?.spec, { scaleTargetRef: { kind: 'Deployment', name }, metrics: [{ type: 'Resource', resource: { name: 'cpu' } }] }, `HPA ${name} on CPU`)
      t.ok(hpa?.spec.minReplicas >= 1 && hpa?.spec.maxReplicas > hpa?.spec.minReplicas, `HPA ${name} has room to scale`)
      t.equal(find(objects, 'Deployment', name)?.spec.replicas, undefined, `Deployment ${name} leaves replicas to the HPA`)
    }
    t.same(byKind(objects, 'Service').map((s) => s.metadata.name).sort(), [...apiNames].sort(), 'Services only for the APIs')
    t.same(byKind(objects, 'HorizontalPodAutoscaler').map((h) => h.metadata.name).sort(), [...apiNames].sort(), 'HPAs only for the APIs')

    for (const name of workloadNames) {
      const pdbs = byKind(objects, 'PodDisruptionBudget').filter((p) => selects(p.spec.selector, podLabels(objects, name)))
      t.equal(pdbs.length, 1, `one PodDisruptionBudget covers ${name}`)
    }

    const policies = byKind(objects, 'NetworkPolicy')
    const denyAll = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && p.spec.ingress === undefined && p.spec.egress === undefined)
    t.same(denyAll?.spec.policyTypes.sort(), ['Egress', 'Ingress'], 'a default-deny policy for every pod, both directions')

    for (const port of [27017, 6379]) {
      const allowing = policies.filter((p) => allowsPort(p, 'egress', port))
      t.ok(allowing.length > 0, `some policy allows egress to ${port}`)
      for (const policy of allowing) {
        t.ok(selects(policy.spec.podSelector, { 'obp.dev/stores': 'true' }) && Object.keys(policy.spec.podSelector.matchLabels).length > 0,
          `${policy.metadata.name}: egress to ${port} only for pods labelled obp.dev/stores`)
      }
    }
    const storePods = workloadNames.filter((name) => podLabels(objects, name)['obp.dev/stores'] === 'true')
    t.same(storePods, workloadNames, 'the APIs and both workers need the stores (readiness checks Mongo and Redis)')

    const ingressPolicies = policies.filter((p) => (p.spec.ingress ?? []).length > 0)
    t.ok(ingressPolicies.length > 0)
    for (const policy of ingressPolicies) {
      t.same(selected(objects, policy), apiNames, `${policy.metadata.name}: ingress only to the APIs`)
      t.ok(allowsPort(policy, 'ingress', 'http'), `${policy.metadata.name}: only on the http port`)
      for (const rule of policy.spec.ingress) {
        t.ok(rule.from?.length > 0, 'every ingress rule names its sources')
      }
    }

    const web = policies.find((p) => p.metadata.name === 'allow-web-egress')
    t.same(selected(objects, web!), ['issuer-worker', 'verifier'], 'outbound web only for the verifier (did:web, status lists) and the issuer worker (webhooks)')
    t.ok(web?.spec.egress[0].to[0].ipBlock.except.includes('169.254.0.0/16'), 'cloud metadata addresses are refused')

    const [ingress] = byKind(objects, 'Ingress')
    const backends = ingress.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service))
    t.same(backends.map((b: any) => b.name).sort(), [...apiNames].sort(), 'the Ingress routes to the three APIs')
    t.ok(backends.every((b: any) => b.port.name === 'http'))
    t.same(ingress.spec.tls[0].hosts.sort(), ingress.spec.rules.map((r: any) => r.host).sort(), 'TLS for every host')

    const [config] = byKind(objects, 'ConfigMap')
    t.match(config.metadata.name, /^obp-config-[a-z0-9]{10}$/, 'ConfigMap name carries a content hash')
    for (const deployment of byKind(objects, 'Deployment')) {
      t.same(deployment.spec.template.spec.containers[0].envFrom, [{ configMapRef: { name: config.metadata.name } }], `${deployment.metadata.name} reads the ConfigMap`)
    }
    t.equal(config.data.OBP_MODE, 'production', 'production mode (refuses development secrets)')
    for (const key of Object.keys(config.data)) {
      t.notMatch(key, /^(KEY_ENCRYPTION_KEY|ADMIN_TOKEN|MONGODB_URL|REDIS_URL)$/, `${key} is not a secret`)
    }
    for (const { portEnv, port } of Object.values(workloads)) t.equal(config.data[portEnv], String(port))
  })
}

t.test('workers: fixed replicas, or KEDA on their queue', async (t) => {
  const prod = render('prod')
  for (const name of ['issuer-worker', 'revocation-worker']) t.equal(find(prod, 'Deployment', name)?.spec.replicas, 2)

  const keda = render('prod-keda')
  const queues = { 'issuer-worker': 'obp-issue-batch', 'revocation-worker': 'obp-status-publish' }
  for (const [name, queue] of Object.entries(queues)) {
    const scaled = find(keda, 'ScaledObject', name)
    t.equal(scaled?.spec.scaleTargetRef.name, name)
    t.ok(find(keda, 'Deployment', name), `${name} exists`)
    t.equal(find(keda, 'Deployment', name)?.spec.replicas, undefined, `${name}: replicas left to KEDA`)
    t.match(scaled?.spec.triggers, [{ type: 'redis', metadata: { listName: `bull:${queue}:wait` }, authenticationRef: { name: 'obp-redis' } }])
  }
  const auth = find(keda, 'TriggerAuthentication', 'obp-redis')
  t.ok(auth?.spec.secretTargetRef.every((ref: any) => ref.name === 'obp-secrets'), 'KEDA reads Redis credentials from obp-secrets')
  t.same(byKind(keda, 'HorizontalPodAutoscaler').map((h) => h.metadata.name).sort(), [...apiNames].sort(), 'no HPA fights KEDA')
})

