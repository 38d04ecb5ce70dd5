import type { FastifyPluginAsync, FastifyServerOptions } from 'fastify'
import type { Static, TObject } from '@sinclair/typebox'
import { loadConfig, loadSecrets, type CommonConfig, type Secrets } from './config.js'
import { Fastify, listen, serverOptions } from './server.js'
import { runClustered } from './cluster.js'

/** Settings and secrets of a process, validated once at start; a bad one stops it with a message naming it. */
export function loadOrExit<T extends TObject> (schema: T): { config: Static<T>; secrets: Secrets } {
  try {
    const config = loadConfig(schema)
    return { config, secrets: loadSecrets(config as CommonConfig) }
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}

/** A service's whole server.ts: config, Fastify with the shared options, the app plugin, listen, graceful close. */
export async function runService<T extends TObject> (opts: {
  schema: T
  app: FastifyPluginAsync<{ config: Static<T>; secrets: Secrets }>
  port: (config: Static<T>) => number
  server?: Partial<FastifyServerOptions>
  /** processes sharing the port (cluster.ts); 1 (the default) runs the server in this process */
  processes?: (config: Static<T>) => number
}): Promise<void> {
  const { config, secrets } = loadOrExit(opts.schema)
  const common = config as CommonConfig
  const log = (msg: string, extra: Record<string, unknown> = {}): void => {
    if (common.LOG_LEVEL !== 'silent') console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...extra }))
  }
  await runClustered(opts.processes?.(config) ?? 1, async () => {
    const server = Fastify({ ...serverOptions(common), ...opts.server })
    await server.register(opts.app, { config, secrets })
    await listen(server, common, opts.port(config))
  }, log)
}
