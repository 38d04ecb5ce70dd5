import type { Queue } from 'bullmq'

/** A publish job names a list and the version that must become visible; nothing else (STYLE.md §11). */
export interface PublishJob { listId: string; version: number }

export const PUBLISH_JOB = 'publish'

/**
 * One job per list version: `jobId` = listId + version. A BullMQ job that is still active ignores a new add with
 * its id, so a per-list id would lose the revocations that arrive while the list is being signed; a per-version
 * id never collides. Coalescing comes from the delay and the worker's check: after the first job of a burst signs
 * the list's latest state, the other jobs of the burst find it already published and finish without signing.
 */
export async function enqueuePublish (queue: Queue<PublishJob>, job: PublishJob, delayMs: number): Promise<void> {
  await queue.add(PUBLISH_JOB, job, {
    jobId: `${job.listId}-v${job.version}`,
    delay: delayMs,
    removeOnComplete: true,
    removeOnFail: 1000
  })
}
