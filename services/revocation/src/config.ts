import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const RevocationConfig = Type.Object({
  ...commonConfigProperties,
  REVOCATION_PORT: Type.Integer({ default: 3003, minimum: 0, maximum: 65535 })
})
export type RevocationConfig = Static<typeof RevocationConfig>
