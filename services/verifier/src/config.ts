import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const VerifierConfig = Type.Object({
  ...commonConfigProperties,
  VERIFIER_PORT: Type.Integer({ default: 3002, minimum: 0, maximum: 65535 })
})
export type VerifierConfig = Static<typeof VerifierConfig>
