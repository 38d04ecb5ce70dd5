// The picture a credential is baked into: the achievement's uploaded or data: image (a PNG is wrapped in an SVG
// for the baked SVG), else the generated default image, also when the own image fails the checks. Remote images
// are never fetched at bake time (no SSRF, no slow bakes).
import { defaultBadgeImage } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import type { ImageType } from '../stores/image-store.js'
import { parseDataUri, safeImage } from '../images/check-image.js'
import { imageLimits } from '../images/image-input.js'

/**
 * The achievement's own image (uploaded to this service, or inline), when it has one and it passes the image
 * checks: an upload checked when it was stored is used as is; an older upload or a data: image (which may come
 * from an achievement saved before the checks, or from a VC-API credential) is checked here, once per content.
 * Only PNG and sanitised SVG bytes come out, so a baked SVG never carries script.
 */
async function ownImage (ctx: IssuerContext, credential: Record<string, any>): Promise<{ type: string; data: Buffer } | undefined> {
  const imageId: unknown = credential?.credentialSubject?.achievement?.image?.id ?? credential?.image?.id
  if (typeof imageId !== 'string') return undefined
  const limits = imageLimits(ctx.config)
  const prefix = `${ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')}/images/`
  let image: { type: string; data: Buffer } | undefined
  if (imageId.startsWith(prefix)) {
    const stored = await ctx.images.get(imageId.slice(prefix.length))
    if (stored?.checked === true) return { type: stored.contentType, data: stored.data }
    if (stored) image = { type: stored.contentType, data: stored.data }
  } else if (/^data:/i.test(imageId)) {
    const parsed = parseDataUri(imageId, limits.maxBytes)
    if (!('error' in parsed)) image = parsed
  }
  if (image?.type !== 'image/png' && image?.type !== 'image/svg+xml') return undefined
  const data = safeImage(image, limits)
  return data === undefined ? undefined : { type: image.type, data }
}

/** A PNG inside an SVG (SVG 1.1 <image> with a data: URI), sized from the PNG's IHDR. */
function pngInSvg (png: Buffer): Buffer {
  const width = png.length >= 24 ? png.readUInt32BE(16) : 256
  const height = png.length >= 24 ? png.readUInt32BE(20) : 256
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`, 'utf8')
}

/** The URL a page shows for the badge: the achievement's own image when it has one, else `fallback`. */
export function pageImageUrl (ctx: IssuerContext, credential: Record<string, any>, fallback: string): string {
  const imageId: unknown = credential?.credentialSubject?.achievement?.image?.id
  const prefix = `${ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')}/images/`
  return typeof imageId === 'string' && (imageId.startsWith(prefix) || /^data:image\/(png|svg\+xml)[;,]/.test(imageId)) ? imageId : fallback
}

export async function badgeImage (ctx: IssuerContext, credential: Record<string, any>, want: ImageType): Promise<Buffer> {
  const achievement = credential?.credentialSubject?.achievement ?? {}
  const own = await ownImage(ctx, credential)
  if (own?.type === want) return own.data
  if (own?.type === 'image/png' && want === 'image/svg+xml') return pngInSvg(own.data)
  const name = typeof achievement.name === 'string' ? achievement.name : typeof credential.name === 'string' ? credential.name : 'Badge'
  const generated = defaultBadgeImage({ name })
  return want === 'image/png' ? generated.png : Buffer.from(generated.svg, 'utf8')
}
