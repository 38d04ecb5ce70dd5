// The picture a credential is baked into: the achievement's uploaded or data: image when it has the wanted
// type, else the generated default image. Remote images are never fetched at bake time (no SSRF, no slow bakes).
import { defaultBadgeImage } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import type { ImageType } from '../stores/image-store.js'

function fromDataUri (uri: string): { type: string; data: Buffer } | undefined {
  const m = /^data:([a-z0-9.+/-]+)(;charset=[^;,]+)?(;base64)?,(.*)$/is.exec(uri)
  if (!m) return undefined
  const data = m[3] ? Buffer.from(m[4], 'base64') : Buffer.from(decodeURIComponent(m[4]), 'utf8')
  return { type: m[1].toLowerCase(), data }
}

export async function badgeImage (ctx: IssuerContext, credential: Record<string, any>, want: ImageType): Promise<Buffer> {
  const achievement = credential?.credentialSubject?.achievement ?? {}
  const imageId: unknown = achievement.image?.id ?? credential.image?.id
  if (typeof imageId === 'string') {
    const prefix = `${ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')}/images/`
    if (imageId.startsWith(prefix)) {
      const stored = await ctx.images.get(imageId.slice(prefix.length))
      if (stored?.contentType === want) return stored.data
    } else if (imageId.startsWith('data:')) {
      const inline = fromDataUri(imageId)
      if (inline?.type === want) return inline.data
    }
  }
  const name = typeof achievement.name === 'string' ? achievement.name : typeof credential.name === 'string' ? credential.name : 'Badge'
  const generated = defaultBadgeImage({ name })
  return want === 'image/png' ? generated.png : Buffer.from(generated.svg, 'utf8')
}
