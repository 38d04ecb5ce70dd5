// The BitstringStatusListCredential (W3C Bitstring Status List v1.0 §2.2) and the entry a credential carries (§2.1).

export const STATUS_PURPOSE = 'revocation' as const
export const ENTRY_TYPE = 'BitstringStatusListEntry' as const

export interface CredentialStatus {
  id: string
  type: typeof ENTRY_TYPE
  statusPurpose: typeof STATUS_PURPOSE
  statusListIndex: string
  statusListCredential: string
}

export interface StatusListCredential {
  '@context': string[]
  id: string
  type: ['VerifiableCredential', 'BitstringStatusListCredential']
  issuer: string
  validFrom: string
  validUntil: string
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: typeof STATUS_PURPOSE; encodedList: string }
}

/** §2.1: `statusListIndex` is a decimal string; `id` names the list and the index. */
export function credentialStatusOf (statusListCredential: string, index: number): CredentialStatus {
  return {
    id: `${statusListCredential}#${index}`,
    type: ENTRY_TYPE,
    statusPurpose: STATUS_PURPOSE,
    statusListIndex: String(index),
    statusListCredential
  }
}

/**
 * §2.2, VCDM 2.0: the unsigned list credential. `issuer` is the DID string of the issuer whose key signs it
 * (verifiers reject a list signed by another DID than the credential's issuer).
 */
export function buildStatusListCredential (opts: { id: string; issuerDid: string; encodedList: string; validFrom: string | Date; validUntil: string | Date }): StatusListCredential {
  if (!opts?.id) throw new TypeError('"id" is required.')
  if (!opts.issuerDid) throw new TypeError('"issuerDid" is required.')
  if (!opts.encodedList) throw new TypeError('"encodedList" is required.')
  const iso = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString().replace(/\.\d{3}Z$/, 'Z'))
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: opts.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: opts.issuerDid,
    validFrom: iso(opts.validFrom),
    validUntil: iso(opts.validUntil),
    credentialSubject: { id: `${opts.id}#list`, type: 'BitstringStatusList', statusPurpose: STATUS_PURPOSE, encodedList: opts.encodedList }
  }
}
