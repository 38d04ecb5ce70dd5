import { createHash, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import envSchema from 'env-schema'
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'

// Settings every service shares (CONTRACT.md "Running"). A service extends this with its own.
export const commonConfigProperties = {
  OBP_MODE: Type.Union([Type.Literal('development'), Type.Literal('production')], { default: 'development' }),
  MONGODB_URL: Type.String({ default: 'mongodb://127.0.0.1:27017/obp', pattern: '^mongodb(\\+srv)?://' }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', pattern: '^rediss?://' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map(l => Type.Literal(l)), { default: 'info' }),
  OBP_DATA_DIR: Type.String({ default: '.data' }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  ADMIN_TOKEN_FILE: Type.Optional(Type.String({ minLength: 1 })),
  KEY_ENCRYPTION_KEY: Type.Optional(Type.String({ minLength: 1 })),
  KEY_ENCRYPTION_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  TLS_CERT_FILE: Type.Optional(Type.String({ minLength: 1 })),
  TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  ISSUER_PUBLIC_URL: Type.String({ default: 'http://localhost:3001', pattern: '^https?://' }),
  VERIFIER_PUBLIC_URL: Type.String({ default: 'http://localhost:3002', pattern: '^https?://' }),
  REVOCATION_PUBLIC_URL: Type.String({ default: 'http://localhost:3003', pattern: '^https?://' }),
  BODY_LIMIT_BYTES: Type.Integer({ default: 5 * 1024 * 1024, minimum: 1024 }),
  /** origins (comma-separated) allowed to make authenticated cross-origin calls, besides the platform's own URLs */
  CORS_ORIGINS: Type.Optional(Type.String()),
  /** requests per client IP and window on public (unauthenticated) routes, counted in Redis across replicas; 0 turns it off */
  RATE_LIMIT_MAX: Type.Integer({ default: 3000, minimum: 0 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60_000, minimum: 100 }),
  /** load shedding: above this event-loop delay (ms) or utilisation, requests get a fast 503 with Retry-After; 0 turns a check off */
  LOAD_SHED_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0 }),
  /** off by default: a busy process at full throughput sits near 1 (set e.g. 0.98 where replicas can take the rest) */
  LOAD_SHED_EVENT_LOOP_UTILIZATION: Type.Number({ default: 0, minimum: 0, maximum: 1 }),
  /**
   * How long a process reuses a valid API key it read (an award then costs no key look-up). A key revoked through
   * this process is refused at once; one revoked through another replica, within this time. 0: read on every request.
   */
  API_KEY_CACHE_MS: Type.Integer({ default: 5_000, minimum: 0 }),
  /** BullMQ key prefix shared by producers and workers (tests use their own to get their own queues). */
  OBP_QUEUE_PREFIX: Type.String({ default: 'bull', minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' })
} satisfies TProperties

export const CommonConfig = Type.Object(commonConfigProperties)
export type CommonConfig = Static<typeof CommonConfig>

export interface Secrets {
  adminToken: string
  /** 32 bytes; the key-encryption key for private keys at rest */
  kek: Buffer
  kekId: string
}

/** Validates `env` against `schema` once, at start; a bad or missing setting throws naming the variable. */
export function loadConfig<T extends TObject> (schema: T, env: Record<string, string | undefined> = process.env): Static<T> {
  try {
    return envSchema<Static<T>>({ schema, data: env, dotenv: false })
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`)
  }
}

const DEV_MARKERS = /change[-_ ]?me|example|dev(elopment)?|secret|password|test/i

function decodeKek (raw: string, source: string): Buffer {
  const text = raw.trim()
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (key.length !== 32) throw new Error(`Invalid configuration: ${source} must be 32 bytes (base64 or hex)`)
  return key
}

/** The secret in `file`, created with `make()` (mode 0600) when missing: development secrets under the data directory. */
export function readOrCreate (file: string, make: () => string): string {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(resolve(file, '..'), { recursive: true })
    // written whole under another name, then linked into place (fails if it exists): a process starting at the
    // same moment never reads a created but still empty file
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, make() + '\n', { mode: 0o600 })
    try {
      linkSync(tmp, file)
    } catch { /* another process created it first: read theirs */ } finally {
      unlinkSync(tmp)
    }
    return readFileSync(file, 'utf8').trim()
  }
}

/**
 * The admin token and the key-encryption key. In development, missing ones are generated once under the data
 * directory (shared by all services). In production they must be given, and development values are refused.
 */
export function loadSecrets (config: CommonConfig): Secrets {
  const prod = config.OBP_MODE === 'production'
  const devAdmin = join(config.OBP_DATA_DIR, 'admin-token')
  const devKek = join(config.OBP_DATA_DIR, 'kek')
  let adminToken = config.ADMIN_TOKEN ?? (config.ADMIN_TOKEN_FILE ? readFileSync(config.ADMIN_TOKEN_FILE, 'utf8').trim() : undefined)
  const kekText = config.KEY_ENCRYPTION_KEY ?? (config.KEY_ENCRYPTION_KEY_FILE ? readFileSync(config.KEY_ENCRYPTION_KEY_FILE, 'utf8') : undefined)
  if (prod) {
    if (!adminToken) throw new Error('Invalid configuration: ADMIN_TOKEN (or ADMIN_TOKEN_FILE) is required when OBP_MODE=production')
    if (adminToken.length < 32 || DEV_MARKERS.test(adminToken)) {
      throw new Error('Invalid configuration: ADMIN_TOKEN looks like a development value (use at least 32 random characters)')
    }
    if (!kekText) throw new Error('Invalid configuration: KEY_ENCRYPTION_KEY (or KEY_ENCRYPTION_KEY_FILE) is required when OBP_MODE=production')
  }
  adminToken ??= readOrCreate(devAdmin, () => randomBytes(32).toString('base64url'))
  const kek = kekText ? decodeKek(kekText, 'KEY_ENCRYPTION_KEY') : decodeKek(readOrCreate(devKek, () => randomBytes(32).toString('base64')), devKek)
  if (prod) {
    let devValue = ''
    try { devValue = readFileSync(devKek, 'utf8').trim() } catch { /* none */ }
    if (new Set(kek).size < 8 || (devValue && decodeKek(devValue, devKek).equals(kek))) {
      throw new Error('Invalid configuration: KEY_ENCRYPTION_KEY is a development key')
    }
  }
  // A short, non-reversible id for the KEK, so sealed keys record which KEK sealed them.
  const kekId = 'kek-' + createHash('sha256').update('obp-kek-id').update(kek).digest('hex').slice(0, 8)
  return { adminToken, kek, kekId }
}
