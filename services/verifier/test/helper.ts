import type { FastifyServerOptions } from 'fastify'
import { createFragmentKeyResolver } from '@obp/documents/testing'
import { buildTestApp } from '@obp/service-kit/testing'
import app from '../src/app.js'
import { VerifierConfig } from '../src/config.js'
import type { DepsOverrides } from '../src/create-deps.js'

type T = { teardown: (fn: () => unknown) => void }

/** A verifier app on real stores, with its own database; torn down with the test (the service-kit test kit). */
export async function build (t: T, env: Record<string, string> = {}, overrides: DepsOverrides = {}, logger: FastifyServerOptions['logger'] = false) {
  const built = await buildTestApp(t, {
    service: 'verifier',
    schema: VerifierConfig,
    // verification on the HTTP thread unless a test asks for threads (verify-pool.test.ts does)
    env: { VERIFIER_THREADS: '0', ...env },
    fastify: { logger },
    register: async (fastify, { config, secrets, mongoClient, dbName }) => await fastify.register(app, { config, secrets, mongoClient, dbName, overrides })
  })
  return { app: built.app, config: built.config, secrets: built.secrets, db: built.db, routes: built.routes }
}

/**
 * The test-only resolver of the 1EdTech validator fixtures' keys, written in URL fragments under these hosts
 * (test/spec-material/fixtures/1edtech-validator/README.md); other URLs go on to the production resolver.
 */
export const fixtureKeyResolver = () => createFragmentKeyResolver({ hosts: ['example.com', '1edtech.edu', 'accrediter.edu'] })
