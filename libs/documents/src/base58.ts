// base58btc (the Bitcoin alphabet), as used by multibase 'z' prefixed values (did:key, Multikey).
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, BigInt(i)]))

/** Decodes base58btc; returns undefined for a character outside the alphabet. */
export function decodeBase58 (text: string): Uint8Array | undefined {
  let value = 0n
  for (const c of text) {
    const digit = INDEX.get(c)
    if (digit === undefined) return undefined
    value = value * 58n + digit
  }
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  let hex = value === 0n ? '' : value.toString(16)
  if (hex.length % 2 === 1) hex = '0' + hex
  return Uint8Array.from([...new Uint8Array(zeros), ...Buffer.from(hex, 'hex')])
}

export function encodeBase58 (bytes: Uint8Array): string {
  let value = 0n
  for (const b of bytes) value = (value << 8n) + BigInt(b)
  let out = ''
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out
    value /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = '1' + out
  }
  return out
}
