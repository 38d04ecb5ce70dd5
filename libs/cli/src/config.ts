// Where the CLI finds the platform and its key: flags, then the environment, then what `obp login` saved, then the
// local development ports. The saved file holds an API key, so it is written with mode 0600.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export interface Saved {
  issuerUrl?: string
  verifierUrl?: string
  revocationUrl?: string
  apiKey?: string
  issuerId?: string
  /** the last batch uploaded, so that `obp batch watch` resumes it after an interruption */
  lastBatchId?: string
}

export interface Settings { issuerUrl: string; verifierUrl: string; revocationUrl: string; apiKey?: string; issuerId?: string }

export interface GlobalFlags { issuerUrl?: string; verifierUrl?: string; revocationUrl?: string; apiKey?: string; issuer?: string }

const DEFAULTS = { issuerUrl: 'http://localhost:3001', verifierUrl: 'http://localhost:3002', revocationUrl: 'http://localhost:3003' }

/** `$OBP_CONFIG`, else `$XDG_CONFIG_HOME/obp/config.json`, else `~/.config/obp/config.json`. */
export function configFile (env: NodeJS.ProcessEnv = process.env): string {
  if (env.OBP_CONFIG) return env.OBP_CONFIG
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'obp', 'config.json')
}

export function loadSaved (env: NodeJS.ProcessEnv = process.env): Saved {
  const file = configFile(env)
  if (!existsSync(file)) return {}
  try { return JSON.parse(readFileSync(file, 'utf8')) as Saved } catch { return {} }
}

export function save (patch: Saved, env: NodeJS.ProcessEnv = process.env): string {
  const file = configFile(env)
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  writeFileSync(file, JSON.stringify({ ...loadSaved(env), ...patch }, null, 2) + '\n', { mode: 0o600 })
  chmodSync(file, 0o600) // an existing file keeps its old mode on write
  return file
}

const trim = (url: string): string => url.replace(/\/+$/, '')

export function resolve (flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const saved = loadSaved(env)
  // an empty setting counts as unset (`OBP_API_KEY= obp ...` falls back to the login)
  const pick = (...values: Array<string | undefined>): string | undefined => values.find(v => v !== undefined && v !== '')
  const apiKey = pick(flags.apiKey, env.OBP_API_KEY, saved.apiKey)
  const issuerId = pick(flags.issuer, env.OBP_ISSUER_ID, saved.issuerId)
  return {
    issuerUrl: trim(pick(flags.issuerUrl, env.OBP_ISSUER_URL, saved.issuerUrl) ?? DEFAULTS.issuerUrl),
    verifierUrl: trim(pick(flags.verifierUrl, env.OBP_VERIFIER_URL, saved.verifierUrl) ?? DEFAULTS.verifierUrl),
    revocationUrl: trim(pick(flags.revocationUrl, env.OBP_REVOCATION_URL, saved.revocationUrl) ?? DEFAULTS.revocationUrl),
    ...(apiKey ? { apiKey } : {}),
    ...(issuerId ? { issuerId } : {})
  }
}
