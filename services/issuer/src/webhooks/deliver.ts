// Batch completion webhook: POST JSON, signed `X-OBP-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.
// A transient failure (network, 5xx, 408, 429) throws, so BullMQ retries with exponential backoff; a permanent one
// (the guard refuses the target, or any other 4xx) throws UnrecoverableError: retrying cannot help, and a
// refused target must not be probed again and again. The connection goes to the address that was checked
// (url-guard.ts), redirects are not followed, and the answer is capped. `lastError` (shown to the issuer) says
// only "refused", "unreachable" or the HTTP status: never the resolved addresses or socket errors, which would
// let a caller map the network behind the issuer.
import { createHmac } from 'node:crypto'
import { UnrecoverableError } from 'bullmq'
import { requestPinned } from '@obp/documents'
import type { IssuerContext } from '../context.js'
import { batchUrl } from '../ids.js'
import { assertDeliverable } from './url-guard.js'
import { openWebhookSecret } from './secret.js'

export const SIGNATURE_HEADER = 'x-obp-signature'

export function signBody (secret: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
}

/** What a failed delivery tells the issuer, and whether retrying can help. */
export function classifyFailure (err: unknown, status?: number): { lastError: string; permanent: boolean } {
  if (status !== undefined) return { lastError: `HTTP ${status}`, permanent: status >= 400 && status < 500 && status !== 408 && status !== 429 }
  if ((err as { code?: string })?.code === 'OBP_ISSUER_WEBHOOK_URL_REFUSED') return { lastError: 'refused', permanent: true }
  return { lastError: 'unreachable', permanent: false }
}

export async function deliverBatchWebhook (ctx: IssuerContext, batchId: string, attempt: number): Promise<'delivered' | 'skipped'> {
  const batch = await ctx.batches.get(batchId)
  if (!batch?.webhookUrl || !batch.webhookSecretSealed || batch.state !== 'completed') return 'skipped'
  if (batch.webhook?.state === 'delivered') return 'skipped'
  const body = JSON.stringify({
    type: 'batch.completed',
    batchId,
    issuerId: batch.issuerId,
    state: batch.state,
    total: batch.total,
    succeeded: batch.succeeded ?? 0,
    failed: batch.failed ?? 0,
    statusUrl: batchUrl(ctx.config.ISSUER_PUBLIC_URL, batchId),
    completedAt: batch.completedAt?.toISOString()
  })
  const secret = await openWebhookSecret(ctx.custody, batch.webhookSecretSealed)
  let status: number | undefined
  try {
    const { url, address } = await assertDeliverable(batch.webhookUrl, ctx.config)
    const res = await requestPinned({
      url,
      address,
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
      maxBytes: 64 * 1024,
      headers: {
        'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'obp-issuer-webhooks/0.1',
        [SIGNATURE_HEADER]: signBody(secret, body), 'x-obp-event': 'batch.completed', 'x-obp-delivery': batchId
      },
      body
    })
    if (res.status < 200 || res.status >= 300) {
      status = res.status
      throw new Error(`HTTP ${status}`)
    }
  } catch (err) {
    const { lastError, permanent } = classifyFailure(err, status)
    await ctx.batches.setWebhook(batchId, { state: permanent ? 'failed' : 'pending', attempts: attempt, lastError })
    throw permanent ? new UnrecoverableError(lastError) : new Error(lastError)
  }
  await ctx.batches.setWebhook(batchId, { state: 'delivered', attempts: attempt, deliveredAt: new Date() })
  return 'delivered'
}
