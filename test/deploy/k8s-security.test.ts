// The deployment's security settings (docs/decisions/0007-deployment.md), asserted on every workload of every overlay, so that a later change
// cannot drop one silently: non-root, read-only root filesystem with an emptyDir /tmp, all capabilities
// dropped, no privilege escalation, seccomp, no service-account token, probes on the health endpoints,
// resource requests and limits, secrets from the `obp-secrets` Secret only.
// The pod-level rules are those of the Pod Security Standards "restricted" profile, which the overlays'
// namespaces also enforce (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
import t from 'tap'
import type { K8sObject } from './helpers.js'
import { byKind, overlays, render, workloadNames, workloads } from './helpers.js'

const podKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'])

function podSpec (obj: K8sObject): Record<string, any> {
  if (obj.kind === 'Pod') return obj.spec
  if (obj.kind === 'CronJob') return obj.spec.jobTemplate.spec.template.spec
  return obj.spec.template.spec
}

for (const overlay of overlays) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = render(overlay)
    const pods = objects.filter((obj) => podKinds.has(obj.kind))
    t.same(pods.map((obj) => `${obj.kind}/${obj.metadata.name}`).sort(),
      workloadNames.map((name) => `Deployment/${name}`).sort(), 'one Deployment per API and per worker, nothing else runs pods')
    t.equal(byKind(objects, 'Secret').length, 0, 'no Secret is rendered (so none can be committed with values)')

    for (const obj of pods) {
      const name = obj.metadata.name
      const spec = podSpec(obj)
      t.test(`${obj.kind}/${name}`, async (t) => {
        t.equal(spec.automountServiceAccountToken, false, 'no service-account token')
        t.equal(spec.hostNetwork ?? false, false, 'no host network')
        t.equal(spec.hostPID ?? false, false, 'no host PID')
        t.equal(spec.hostIPC ?? false, false, 'no host IPC')
        t.equal(spec.securityContext?.runAsNonRoot, true, 'pod runAsNonRoot')
        t.ok(spec.securityContext?.runAsUser > 0, 'pod runs as a non-zero uid')
        t.equal(spec.securityContext?.seccompProfile?.type, 'RuntimeDefault', 'RuntimeDefault seccomp')

        const tmp = spec.volumes?.find((v: any) => v.name === 'tmp')
        t.ok(tmp?.emptyDir, 'an emptyDir volume named tmp')
        for (const volume of spec.volumes ?? []) {
          t.notOk(volume.hostPath, `volume ${volume.name} is not a hostPath`)
        }

        const containers = [...(spec.initContainers ?? []), ...spec.containers]
        t.ok(containers.length > 0)
        for (const c of containers) {
          const sc = c.securityContext ?? {}
          t.equal(sc.runAsNonRoot, true, `${c.name}: runAsNonRoot`)
          t.not(sc.runAsUser, 0, `${c.name}: not uid 0`)
          t.equal(sc.readOnlyRootFilesystem, true, `${c.name}: readOnlyRootFilesystem`)
          t.equal(sc.allowPrivilegeEscalation, false, `${c.name}: allowPrivilegeEscalation false`)
          t.equal(sc.privileged ?? false, false, `${c.name}: not privileged`)
          t.same(sc.capabilities?.drop, ['ALL'], `${c.name}: drops all capabilities`)
          t.same(sc.capabilities?.add ?? [], [], `${c.name}: adds none`)
          t.ok((c.volumeMounts ?? []).some((m: any) => m.mountPath === '/tmp' && m.name === 'tmp'), `${c.name}: /tmp is the emptyDir`)
          for (const resource of ['cpu', 'memory']) {
            t.ok(c.resources?.requests?.[resource], `${c.name}: requests ${resource}`)
            t.ok(c.resources?.limits?.[resource], `${c.name}: limits ${resource}`)
          }
          t.notMatch(c.image, /:latest$/, `${c.name}: image not :latest`)
          t.match(c.image, /:[\w.-]+$|@sha256:[0-9a-f]{64}$/, `${c.name}: image has a tag or digest`)
          for (const env of c.env ?? []) {
            if (/(KEY|TOKEN|PASSWORD|SECRET)$|^(MONGODB|REDIS)_URL$/.test(env.name)) {
              t.equal(env.value, undefined, `${c.name}: ${env.name} is not a literal`)
            }
            if (env.valueFrom?.secretKeyRef) t.equal(env.valueFrom.secretKeyRef.name, 'obp-secrets', `${env.name} from obp-secrets`)
          }
        }
      })
    }
  })
}

t.test('probes and ports follow the health contract', async (t) => {
  for (const overlay of overlays) {
    for (const deployment of byKind(render(overlay), 'Deployment')) {
      const name = deployment.metadata.name as keyof typeof workloads
      const expected = workloads[name]
      const spec = deployment.spec.template.spec
      const [c] = spec.containers
      const portName = expected.component === 'api' ? 'http' : 'health'
      t.same(c.ports.map((p: any) => [p.name, p.containerPort]), [[portName, expected.port]], `${overlay}/${name}: port ${expected.port}`)
      t.same(c.args, [expected.entry], `${overlay}/${name}: runs ${expected.entry}`)
      t.match(c.livenessProbe, { httpGet: { path: '/health/live', port: portName } }, `${overlay}/${name}: liveness`)
      t.match(c.readinessProbe, { httpGet: { path: '/health/ready', port: portName } }, `${overlay}/${name}: readiness`)
      t.match(c.startupProbe, { httpGet: { path: '/health/live', port: portName } }, `${overlay}/${name}: startup`)
      t.equal(deployment.spec.template.metadata.labels['app.kubernetes.io/component'], expected.component)

      const mounts = new Map(c.volumeMounts.map((m: any) => [m.name, m]))
      const env = new Map(c.env.map((e: any) => [e.name, e]))
      const secretVolume = spec.volumes.find((v: any) => v.secret)
      t.equal(secretVolume.secret.secretName, 'obp-secrets')
      t.equal((mounts.get(secretVolume.name) as any)?.readOnly, true, 'secret volume mounted read-only')
      const dir = (mounts.get(secretVolume.name) as any).mountPath
      t.same(env.get('KEY_ENCRYPTION_KEY_FILE'), { name: 'KEY_ENCRYPTION_KEY_FILE', value: `${dir}/key-encryption-key` })
      t.same(env.get('ADMIN_TOKEN_FILE'), { name: 'ADMIN_TOKEN_FILE', value: `${dir}/admin-token` })
      t.same(secretVolume.secret.items.map((i: any) => i.key).sort(), ['admin-token', 'key-encryption-key'])
      for (const store of ['MONGODB_URL', 'REDIS_URL']) {
        t.equal((env.get(store) as any)?.valueFrom?.secretKeyRef?.name, 'obp-secrets', `${store} from the Secret`)
      }
    }
  }
})

t.test('namespaces enforce the restricted Pod Security profile', async (t) => {
  for (const overlay of overlays) {
    const objects = render(overlay)
    const [ns] = byKind(objects, 'Namespace')
    t.equal(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted', `${overlay}: enforce restricted`)
    const namespaced = objects.filter((obj) => obj.kind !== 'Namespace')
    t.ok(namespaced.every((obj) => obj.metadata.namespace === ns.metadata.name), `${overlay}: everything in ${ns.metadata.name}`)
  }
})
