// Container HEALTHCHECK for the distroless images, which have no shell, curl or wget.
// Asks this process's own /health/live (or OBP_HEALTHCHECK_PATH) on the port named by OBP_HEALTH_PORT_ENV
// (ISSUER_PORT, VERIFIER_PORT, REVOCATION_PORT or WORKER_HEALTH_PORT); exit 0 on a 2xx, 1 otherwise.
// The APIs serve HTTPS when TLS_CERT_FILE is set; the certificate is for the public name, not 127.0.0.1,
// so this loopback self-check does not verify it.
import http from 'node:http'
import https from 'node:https'

const defaults = { ISSUER_PORT: 3001, VERIFIER_PORT: 3002, REVOCATION_PORT: 3003, WORKER_HEALTH_PORT: 9464 }
const portEnv = process.env.OBP_HEALTH_PORT_ENV ?? 'WORKER_HEALTH_PORT'
const port = Number(process.env[portEnv] ?? defaults[portEnv] ?? 9464)
const tls = portEnv !== 'WORKER_HEALTH_PORT' && Boolean(process.env.TLS_CERT_FILE)
const client = tls ? https : http
const request = client.get({
  host: '127.0.0.1',
  port,
  path: process.env.OBP_HEALTHCHECK_PATH ?? '/health/live',
  timeout: 2500,
  rejectUnauthorized: false
}, (res) => {
  res.resume()
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1)
})
request.on('timeout', () => request.destroy(new Error('timeout')))
request.on('error', () => process.exit(1))
