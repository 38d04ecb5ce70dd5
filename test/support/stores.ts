// Stores of a test's own, on ports of its own, so a test may kill and restart them (never the shared ones).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, ownProcess, ownRedis as kitRedis, type OwnStore } from '@obp/service-kit/testing'
import { ROOT } from './platform.js'

type T = { teardown: (fn: () => unknown) => void }

export type { OwnStore }

/** A persistent redis-server (append-only, fsync always): a restart keeps the queues, as production Redis does. */
export const ownRedis = async (t: T): Promise<OwnStore> => await kitRedis(t, { persistent: true })

/** The FerretDB binary scripts/infra.sh builds (once; cached under .data/bin). */
export function ferretDbBin (): string {
  return execFileSync('bash', [join(ROOT, 'scripts/infra.sh'), 'ferretdb-bin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
}

/**
 * A FerretDB of the test's own, on the backend scripts/infra.sh chose: a PostgreSQL database of its own when the
 * local PostgreSQL answers, else SQLite in a temporary directory.
 */
export async function ownFerretDb (t: T): Promise<OwnStore> {
  const bin = ferretDbBin()
  if (!existsSync(bin)) throw new Error(`no FerretDB binary at ${bin}`)
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'obp-own-ferretdb-'))
  let backend = ['--handler=sqlite', `--sqlite-url=file:${dir}/`]
  const pgDb = `ferretdb_test_${port}`
  try {
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', `create database ${pgDb}`], { stdio: 'ignore' })
    backend = ['--handler=postgresql', `--postgresql-url=postgres://postgres@127.0.0.1:5432/${pgDb}?pool_max_conns=15`]
    t.teardown(() => { try { execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', `drop database if exists ${pgDb} with (force)`], { stdio: 'ignore' }) } catch { /* best effort */ } })
  } catch { /* no local PostgreSQL: SQLite */ }
  const store = ownProcess(t, bin, [`--listen-addr=127.0.0.1:${port}`, ...backend,
    `--state-dir=${dir}`, '--telemetry=disable', '--debug-addr=-', '--log-level=ERROR'], port, `mongodb://127.0.0.1:${port}`)
  await store.start()
  return store
}
