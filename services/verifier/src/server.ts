import { Fastify, listen, loadConfig, loadSecrets, serverOptions } from '@obp/service-kit'
import app from './app.js'
import { VerifierConfig } from './config.js'

let config: VerifierConfig
try {
  config = loadConfig(VerifierConfig)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
let secrets
try {
  secrets = loadSecrets(config)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
const server = Fastify(serverOptions(config))
await server.register(app, { config, secrets })
await listen(server, config, config.VERIFIER_PORT)
