// How many credentials the platform has issued, for /metrics. Counting the `credentials` collection costs
// FerretDB 1.24 a conversion of every document (measured: 8.7 s for 20,000 credentials), so every issuing path
// adds the ids to a Redis HyperLogLog instead: idempotent (a retried chunk adds nothing), shared by the API and
// the workers, 12 KB whatever the volume, exact for small counts and within about 1% beyond.
import type { Redis } from 'ioredis'

export function createIssuedCount (redis: Redis, prefix: string) {
  const key = `${prefix}:obp:credentials-issued`
  return {
    async add (credentialIds: string[]): Promise<void> {
      if (credentialIds.length > 0) await redis.pfadd(key, ...credentialIds)
    },
    async count (): Promise<number> {
      return redis.pfcount(key)
    }
  }
}

export type IssuedCount = ReturnType<typeof createIssuedCount>
