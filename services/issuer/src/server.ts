import { runService } from '@obp/service-kit'
import app from './app.js'
import { IssuerConfig } from './config.js'

await runService({
  schema: IssuerConfig,
  app,
  port: config => config.ISSUER_PORT,
  processes: config => config.ISSUER_CONCURRENCY,
  // Path parameters may be full ids (URLs), longer than Fastify's default limit of 100 characters.
  server: { routerOptions: { maxParamLength: 4096 } }
})
