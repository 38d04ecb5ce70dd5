import type { Queue } from 'bullmq'

/** A publish job names a list; nothing else (STYLE.md §11). */
export interface PublishJob { listId: string }

export const PUBLISH_JOB = 'publish'

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
