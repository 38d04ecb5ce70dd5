// Shared by test/deploy/*.test.ts: paths, the offline tools that scripts/deploy-tools.sh installs, rendering
// of the Kustomize overlays and a typed view of the few Kubernetes fields the tests read.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const binDir = process.env.OBP_DEPLOY_BIN ?? join(root, '.data', 'bin')
export const overlays = ['dev', 'prod', 'prod-keda'] as const
export type Overlay = typeof overlays[number]

/** The five processes: Dockerfile target = image name = Deployment name. */
export const workloads = {
  issuer: { component: 'api', entry: 'services/issuer/dist/server.js', portEnv: 'ISSUER_PORT', port: 3001 },
  'issuer-worker': { component: 'worker', entry: 'services/issuer/dist/worker.js', portEnv: 'WORKER_HEALTH_PORT', port: 9464 },
  verifier: { component: 'api', entry: 'services/verifier/dist/server.js', portEnv: 'VERIFIER_PORT', port: 3002 },
  revocation: { component: 'api', entry: 'services/revocation/dist/server.js', portEnv: 'REVOCATION_PORT', port: 3003 },
  'revocation-worker': { component: 'worker', entry: 'services/revocation/dist/worker.js', portEnv: 'WORKER_HEALTH_PORT', port: 9464 }
} as const
export type WorkloadName = keyof typeof workloads
export const workloadNames = Object.keys(workloads) as WorkloadName[]
export const apiNames = workloadNames.filter((name) => workloads[name].component === 'api')

/** Path of a tool installed by scripts/deploy-tools.sh; throws a hint when it is missing. */
export function tool (name: 'kustomize' | 'k8s-strict' | 'compose-check' | 'dockerfile-check'): string {
  const path = join(binDir, name)
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash scripts/deploy-tools.sh\` first`)
  return path
}

export interface RunResult { status: number, stdout: string, stderr: string }

/** Runs a tool without a shell; a non-zero exit is returned, not thrown. */
export function run (file: string, args: string[], options: { input?: string, env?: NodeJS.ProcessEnv } = {}): RunResult {
  try {
    const stdout = execFileSync(file, args, {
      cwd: root, input: options.input, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: 'pipe'
    })
    return { status: 0, stdout, stderr: '' }
  } catch (err) {
    const e = err as { status?: number, stdout?: string, stderr?: string }
    return { status: e.status ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) }
  }
}

export type K8sObject = Record<string, any> & { apiVersion: string, kind: string, metadata: { name: string, namespace?: string, labels?: Record<string, string> } }

export function parseYamlStream (text: string): K8sObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0]
    return doc.toJS() as K8sObject
  }).filter((obj) => obj != null)
}

const rendered = new Map<string, string>()

/** `kustomize build k8s/overlays/<overlay>` as YAML text (memoized per process). */
export function renderText (overlay: string): string {
  let text = rendered.get(overlay)
  if (text === undefined) {
    const result = run(tool('kustomize'), ['build', join(root, 'k8s', 'overlays', overlay)])
    if (result.status !== 0) throw new Error(`kustomize build ${overlay} failed: ${result.stderr}`)
    text = result.stdout
    rendered.set(overlay, text)
  }
  return text
}

export function render (overlay: string): K8sObject[] {
  return parseYamlStream(renderText(overlay))
}

export function byKind (objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((obj) => obj.kind === kind)
}

export function find (objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((obj) => obj.kind === kind && obj.metadata.name === name)
}

export function readText (relative: string): string {
  return readFileSync(join(root, relative), 'utf8')
}

/** Does a label selector's matchLabels select these labels? (matchExpressions are not used here.) */
export function selects (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string> = {}): boolean {
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value)
}

/** Names of the settings the services validate at start: keys of the TypeBox config schemas (STYLE.md §7). */
export function configSettings (): string[] {
  const files = ['libs/service-kit/src/config.ts', ...readdirSync(join(root, 'services')).map((s) => `services/${s}/src/config.ts`)]
  const names = new Set<string>()
  for (const file of files.filter((f) => existsSync(join(root, f)))) {
    for (const [, name] of readText(file).matchAll(/^\s+([A-Z][A-Z0-9_]+): Type\./gm)) names.add(name)
  }
  return [...names].sort()
}
