// The `obp-status-publish` queue's job (ARCHITECTURE.md "Queues"): asked for by the revocation API after a status
// change, and by the issuer when a wallet copy is revoked at issue because its award was revoked meanwhile
// (services/issuer/src/oid4vci/holder-credential.ts); run by the revocation worker (publish-worker.ts).
import type { Queue } from 'bullmq'

/** A publish job names a list; nothing else (STYLE.md §11). */
export interface PublishJob { listId: string }

export const PUBLISH_JOB = 'publish'

/** The revocation service's default `STATUS_PUBLISH_DELAY_MS`: the window used by callers without that setting. */
export const STATUS_PUBLISH_WINDOW_MS = 1000

/**
 * One job per list and time bucket of `windowMs`, run just after its bucket ends: a burst of revocations is
 * signed about once per window. BullMQ ignores an add whose jobId is still active; here a bucket's job only
 * becomes active after the bucket is over, so a change made during the bucket always finds its job waiting (or
 * starts the next bucket's), and the worker reads the bits after that. The worker also re-reads after signing
 * (publisher.ts), which covers a change that lands while it signs.
 */
export async function enqueuePublish (queue: Queue<PublishJob>, job: PublishJob, windowMs: number): Promise<void> {
  const now = Date.now()
  const window = Math.max(1, windowMs)
  const bucket = Math.floor(now / window)
  await queue.add(PUBLISH_JOB, job, {
    jobId: `${job.listId}-${window}-${bucket}`,
    delay: (bucket + 1) * window - now + 20,
    removeOnComplete: true,
    removeOnFail: 1000
  })
}
