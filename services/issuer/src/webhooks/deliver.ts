// Batch completion webhook: POST JSON, signed `X-OBP-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.
// Any non-2xx answer or network error throws, so BullMQ retries with exponential backoff. The connection goes to
// the address that was checked (url-guard.ts), redirects are not followed, and the answer is capped.
import { createHmac } from 'node:crypto'
import { requestPinned } from '@obp/documents'
import type { IssuerContext } from '../context.js'
import { batchUrl } from '../ids.js'
import { assertDeliverable } from './url-guard.js'

export const SIGNATURE_HEADER = 'x-obp-signature'

export function signBody (secret: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
}

export async function deliverBatchWebhook (ctx: IssuerContext, batchId: string, attempt: number): Promise<'delivered' | 'skipped'> {
  const batch = await ctx.batches.get(batchId)
  if (!batch?.webhookUrl || !batch.webhookSecret || batch.state !== 'completed') return 'skipped'
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
        [SIGNATURE_HEADER]: signBody(batch.webhookSecret, body), 'x-obp-event': 'batch.completed', 'x-obp-delivery': batchId
      },
      body
    })
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`)
  } catch (err) {
    await ctx.batches.setWebhook(batchId, { state: 'pending', attempts: attempt, lastError: (err as Error).message })
    throw err
  }
  await ctx.batches.setWebhook(batchId, { state: 'delivered', attempts: attempt, deliveredAt: new Date() })
  return 'delivered'
}
