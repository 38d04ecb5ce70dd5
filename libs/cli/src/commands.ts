// The commands. Each resolves its settings (flags > environment > `obp login` > local defaults), calls the
// platform's public HTTP API, and prints for people or, with --json, for machines.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { resolve, save, loadSaved, type GlobalFlags, type Settings } from './config.js'
import { CliError, EXIT } from './errors.js'
import { call, expect } from './http.js'
import { output, toCsv, type Out } from './output.js'
import { watchBatch } from './progress.js'

export interface Io { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; isTty: boolean; readStdin: () => Buffer }

type Flags = GlobalFlags & { json?: boolean }

const last = (id: string): string => id.split('/').pop() ?? id

function needKey (s: Settings): { apiKey: string; issuerId: string } {
  if (!s.apiKey || !s.issuerId) throw new CliError('no API key or issuer: run `obp login`, or set OBP_API_KEY and OBP_ISSUER_ID (or --api-key and --issuer)', EXIT.auth)
  return { apiKey: s.apiKey, issuerId: s.issuerId }
}

export async function login (flags: Flags, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey, issuerId } = needKey(s)
  const out = output(!!flags.json, io.stdout)
  const profile = expect(await call('GET', `${s.issuerUrl}/issuers/${encodeURIComponent(issuerId)}`), [200], `issuer ${issuerId}`).body as { name?: string; id?: string }
  // A key is checked without side effects: a batch that cannot exist is 404 for a valid key, 401 for a bad one.
  const probe = await call('GET', `${s.issuerUrl}/batches/00000000-0000-4000-8000-000000000000?results=false`, { apiKey })
  if (probe.status === 401) throw new CliError('the API key was refused (401)', EXIT.auth)
  const file = save({ issuerUrl: s.issuerUrl, verifierUrl: s.verifierUrl, revocationUrl: s.revocationUrl, apiKey, issuerId })
  out.print(`Logged in to ${s.issuerUrl} as ${profile.name ?? issuerId}. Settings saved in ${file} (mode 0600).`, { issuerUrl: s.issuerUrl, issuerId, issuerName: profile.name, config: file })
  return EXIT.ok
}

export async function achievementsList (flags: Flags, io: Io): Promise<number> {
  const s = resolve(flags)
  if (!s.issuerId) throw new CliError('no issuer: run `obp login` or pass --issuer', EXIT.usage)
  const list = expect(await call('GET', `${s.issuerUrl}/issuers/${encodeURIComponent(s.issuerId)}/achievements`), [200], 'achievements').body as Array<{ id: string; name: string; achievementType?: string }>
  output(!!flags.json, io.stdout).table(list.map(a => ({ id: last(a.id), name: a.name, type: a.achievementType ?? '' })), ['id', 'name', 'type'], list)
  return EXIT.ok
}

export interface AwardFlags extends Flags { achievement: string; email?: string; did?: string; sourcedId?: string; name?: string; validUntil?: string; idempotencyKey?: string; notify?: boolean }

export async function award (flags: AwardFlags, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey, issuerId } = needKey(s)
  const ids = [flags.email && { email: flags.email }, flags.did && { did: flags.did }, flags.sourcedId && { sourcedId: flags.sourcedId }].filter(Boolean)
  if (ids.length !== 1) throw new CliError('give exactly one of --email, --did, --sourced-id', EXIT.usage)
  const body = {
    achievementId: flags.achievement,
    recipient: { ...ids[0], ...(flags.name ? { name: flags.name } : {}) },
    ...(flags.validUntil ? { validUntil: flags.validUntil } : {}),
    ...(flags.notify === false ? { notify: false } : {})
  }
  const res = await fetchWithKey('POST', `${s.issuerUrl}/issuers/${encodeURIComponent(issuerId)}/credentials`, apiKey, body, flags.idempotencyKey)
  const credential = expect(res, [200, 201], 'award').body as { id: string }
  output(!!flags.json, io.stdout).print(`Awarded: ${credential.id}`, credential)
  return EXIT.ok
}

async function fetchWithKey (method: string, url: string, apiKey: string, json: unknown, idempotencyKey?: string) {
  if (!idempotencyKey) return call(method, url, { apiKey, json })
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(json) })
    .catch((err: Error) => { throw new CliError(`cannot reach ${new URL(url).origin}: ${err.message}`, EXIT.unavailable) })
  const text = await res.text()
  let body: any
  try { body = JSON.parse(text) } catch { body = undefined }
  return { status: res.status, body, text, headers: res.headers }
}

export interface UploadFlags extends Flags { dryRun?: boolean; achievement?: string; webhook?: string; allowPartial?: boolean; watch?: boolean }

export async function batchUpload (file: string, flags: UploadFlags, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey, issuerId } = needKey(s)
  const out = output(!!flags.json, io.stdout)
  const csv = readInput(file, io).toString('utf8')
  const query = new URLSearchParams()
  if (flags.dryRun) query.set('dryRun', 'true')
  if (flags.achievement) query.set('achievementId', flags.achievement)
  if (flags.webhook) query.set('webhookUrl', flags.webhook)
  if (flags.allowPartial) query.set('allowPartial', 'true')
  const url = `${s.issuerUrl}/issuers/${encodeURIComponent(issuerId)}/batches${query.size ? `?${query}` : ''}`
  const res = await call('POST', url, { apiKey, body: csv, type: 'text/csv' })
  const invalid = res.status === 400 && Array.isArray(res.body?.errors)
  if (flags.dryRun || invalid) {
    const report = res.status === 200 ? res.body : invalid ? res.body : expect(res, [200], 'dry run').body
    const errors = (report.errors ?? []) as Array<{ row?: number; line?: number; code?: string; error?: string; message?: string }>
    out.print([
      flags.dryRun ? `Dry run of ${basename(file)}: ${report.valid ?? '?'} valid, ${report.invalid ?? errors.length} invalid of ${report.total ?? '?'} rows.` : `Refused: ${report.detail}`,
      ...errors.map(e => `  line ${e.line ?? (e.row !== undefined ? e.row + 2 : '?')}: ${e.error ?? e.message ?? e.code}`),
      ...(Array.isArray(report.warnings) ? report.warnings.map((w: unknown) => `  warning: ${typeof w === 'string' ? w : JSON.stringify(w)}`) : [])
    ].join('\n'), report)
    return errors.length > 0 ? (flags.dryRun ? EXIT.negative : EXIT.usage) : EXIT.ok
  }
  const accepted = expect(res, [200, 202], 'batch upload').body as { batchId: string; statusUrl: string; total?: number }
  save({ lastBatchId: accepted.batchId })
  if (flags.watch === false) { out.print(`Batch ${accepted.batchId} accepted (${accepted.total ?? '?'} rows): ${accepted.statusUrl}`, accepted); return EXIT.ok }
  if (!out.json) io.stderr.write(`Batch ${accepted.batchId} accepted; watching (Ctrl-C stops watching, \`obp batch watch\` resumes)\n`)
  return finish(await watchBatch({ issuerUrl: s.issuerUrl, apiKey, batchId: accepted.batchId, bar: io.isTty && !out.json, log: l => io.stderr.write(l + '\n') }), out)
}

export async function batchWatch (batchId: string | undefined, flags: Flags, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey } = needKey(s)
  const id = batchId ?? loadSaved().lastBatchId
  if (!id) throw new CliError('no batch id given and no batch uploaded from here', EXIT.usage)
  const out = output(!!flags.json, io.stdout)
  return finish(await watchBatch({ issuerUrl: s.issuerUrl, apiKey, batchId: id, bar: io.isTty && !out.json, log: l => io.stderr.write(l + '\n') }), out)
}

function finish (p: { batchId: string; total: number; succeeded: number; failed: number }, out: Out): number {
  out.print(`Batch ${p.batchId} completed: ${p.succeeded} issued, ${p.failed} failed of ${p.total}.${p.failed ? ` \`obp batch results ${p.batchId} --csv --failed\` lists them.` : ''}`, p)
  return p.failed > 0 ? EXIT.negative : EXIT.ok
}

export async function batchResults (batchId: string, flags: Flags & { csv?: boolean; failed?: boolean }, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey } = needKey(s)
  const batch = expect(await call('GET', `${s.issuerUrl}/batches/${encodeURIComponent(batchId)}`, { apiKey }), [200], `batch ${batchId}`).body as { state: string; results: Array<Record<string, unknown>> }
  const rows = (batch.results ?? []).filter(r => !flags.failed || r.state === 'failed')
  const columns = ['row', 'state', 'credentialId', 'code', 'error']
  if (flags.csv) io.stdout.write(toCsv(rows, columns))
  else output(!!flags.json, io.stdout).table(rows, columns, { ...batch, results: rows })
  return EXIT.ok
}

export async function revoke (credentialId: string, flags: Flags & { reason?: string; restore?: boolean }, io: Io): Promise<number> {
  const s = resolve(flags)
  const { apiKey, issuerId } = needKey(s)
  const res = flags.restore
    ? await call('POST', `${s.revocationUrl}/credentials/status`, { apiKey, json: { credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: false } })
    : await call('POST', `${s.revocationUrl}/issuers/${encodeURIComponent(issuerId)}/credentials/${encodeURIComponent(last(credentialId))}/revoke`, { apiKey, json: flags.reason ? { reason: flags.reason } : {} })
  const body = expect(res, [200], flags.restore ? 'restore' : 'revoke').body as { credentialId: string; revoked: boolean; changed: boolean }
  output(!!flags.json, io.stdout).print(`${body.credentialId}: ${body.revoked ? 'revoked' : 'not revoked'}${body.changed ? '' : ' (no change)'}`, body)
  return EXIT.ok
}

/** The body for the verifier: a baked PNG or SVG as it is, a link, a JSON credential, or a compact JWS. */
function verifyRequest (input: Buffer, name: string): { body?: Buffer | string; json?: unknown; type?: string } {
  if (input.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { body: input, type: 'image/png' }
  const text = input.toString('utf8').replace(/^\uFEFF/, '').trim()
  if (text.startsWith('<')) return { body: text, type: 'image/svg+xml' }
  if (/^https?:\/\//.test(text)) return { json: { credentialUrl: text } }
  if (text.startsWith('{')) {
    try { return { json: { verifiableCredential: JSON.parse(text) } } } catch { throw new CliError(`${name} is not valid JSON`, EXIT.usage) }
  }
  return { json: { verifiableCredential: text } }
}

export async function verify (file: string, flags: Flags, io: Io): Promise<number> {
  const s = resolve(flags)
  const input = /^https?:\/\//.test(file) ? Buffer.from(file) : readInput(file, io)
  const req = verifyRequest(input, file)
  const res = await call('POST', `${s.verifierUrl}/credentials/verify`, req)
  const report = expect(res, [200, 422], 'verify').body as { verified: boolean; profile?: string; checks?: Array<{ check: string; status: string; message?: string }>; errors?: unknown[]; trust?: { level?: string } }
  const mark: Record<string, string> = { success: 'ok  ', failure: 'FAIL', warning: 'warn', skipped: 'skip' }
  output(!!flags.json, io.stdout).print([
    ...(report.checks ?? []).map(c => `${mark[c.status] ?? c.status} ${c.check}${c.message ? `: ${c.message}` : ''}`),
    report.verified ? 'VERIFIED' : 'NOT VERIFIED',
    ...(report.trust?.level ? [`trust: ${report.trust.level}`] : [])
  ].join('\n'), report)
  return report.verified ? EXIT.ok : EXIT.negative
}

function readInput (file: string, io: Io): Buffer {
  if (file === '-') return io.readStdin()
  try { return readFileSync(file) } catch (err) { throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage) }
}
