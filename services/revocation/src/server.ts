import { runService } from '@obp/service-kit'
import app from './app.js'
import { RevocationConfig } from './config.js'

await runService({ schema: RevocationConfig, app, port: config => config.REVOCATION_PORT })
