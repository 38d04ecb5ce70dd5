import { runService } from '@obp/service-kit'
import app from './app.js'
import { VerifierConfig } from './config.js'

await runService({ schema: VerifierConfig, app, port: config => config.VERIFIER_PORT, processes: config => config.VERIFIER_CONCURRENCY })
