import { Fastify, listen, loadConfig, loadSecrets, serverOptions } from '@obp/service-kit'
import app from './app.js'
import { IssuerConfig } from './config.js'

let config: IssuerConfig
try {
  config = loadConfig(IssuerConfig)
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
// Path parameters may be full ids (URLs), longer than Fastify's default limit of 100 characters.
const server = Fastify({ ...serverOptions(config), routerOptions: { maxParamLength: 4096 } })
await server.register(app, { config, secrets })
await listen(server, config, config.ISSUER_PORT)
