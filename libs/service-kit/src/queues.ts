import { Queue, type QueueOptions } from 'bullmq'
import type { Redis } from 'ioredis'

// Queue names, one place (ARCHITECTURE.md "Queues"). A test passes a prefix to get its own queues.
export const QUEUES = {
  issueBatch: 'obp-issue-batch',
  credentialEvents: 'obp-credential-events',
  statusPublish: 'obp-status-publish',
  webhooks: 'obp-webhooks',
  notifications: 'obp-notifications'
} as const

export type QueueName = typeof QUEUES[keyof typeof QUEUES]

export function createQueue<T = unknown> (name: string, connection: Redis, opts: Partial<QueueOptions> = {}): Queue<T> {
  return new Queue<T>(name, {
    connection,
    prefix: opts.prefix ?? process.env.OBP_QUEUE_PREFIX ?? 'bull',
    defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 10_000, removeOnFail: false },
    ...opts
  })
}
