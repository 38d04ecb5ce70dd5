// Minimal Ed25519 proof checks for tests: enough to show that a context or key resolves to the right bytes.
// VC-DI-EDDSA §3.3 (eddsa-rdfc-2022) and Ed25519Signature2020 share the hash layout:
// sha256(canonical proof options) || sha256(canonical document), signed with Ed25519.
import { createHash, createPublicKey, verify } from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import jsonld from 'jsonld'
import { decodeBase58 } from '../../src/base58.js'
import type { DocumentLoader } from '../../src/index.js'

export async function canonize (input: object, documentLoader: DocumentLoader): Promise<string> {
  return await jsonld.canonize(input, {
    algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true
  })
}

export async function verifyEd25519Proof (credential: Record<string, any>, jwk: JsonWebKey,
  documentLoader: DocumentLoader): Promise<boolean> {
  const { proof, ...document } = credential
  const { proofValue, ...options } = Array.isArray(proof) ? proof[0] : proof
  const proofOptions = { '@context': document['@context'], ...options }
  const sha = (text: string): Buffer => createHash('sha256').update(text).digest()
  const data = Buffer.concat([sha(await canonize(proofOptions, documentLoader)), sha(await canonize(document, documentLoader))])
  const signature = decodeBase58(String(proofValue).slice(1))
  if (signature === undefined) return false
  return verify(null, data, createPublicKey({ key: jwk, format: 'jwk' }), signature)
}
