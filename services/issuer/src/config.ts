import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const IssuerConfig = Type.Object({
  ...commonConfigProperties,
  ISSUER_PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535 })
})
export type IssuerConfig = Static<typeof IssuerConfig>
