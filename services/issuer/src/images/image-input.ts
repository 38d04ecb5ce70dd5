// Images inside API bodies: the `image` of an achievement or a profile, and any `image` of a credential handed
// to VC-API issue (OB 3.0 §B.1.1 Achievement.image, §B.1.16 Profile.image, the credential's own `image`).
// A remote URL is kept as given and never fetched; a `data:` URI is checked like an upload, 400 when refused.
import { ImageInvalid } from '../errors.js'
import { checkDataImage, type ImageLimits } from './check-image.js'

type ImageValue = string | { id: string; caption?: string }
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

function checked (uri: string, limits: ImageLimits, path: string): string {
  if (!/^data:/i.test(uri)) return uri
  const result = checkDataImage(uri, limits)
  if ('error' in result) throw new ImageInvalid(`"${path}": ${result.error}`)
  return result.uri
}

/** An `image` input (a URI or `{ id, caption? }`) with its data: URI checked and, for an SVG, cleaned. */
export function cleanImageInput<T extends ImageValue | undefined> (image: T, limits: ImageLimits, path = 'image'): T {
  if (typeof image === 'string') return checked(image, limits, path) as T
  if (isObject(image) && typeof image.id === 'string') return { ...(image as Record<string, unknown>), id: checked(image.id, limits, `${path}.id`) } as T
  return image
}

/**
 * Every `image` of a credential (string or `{ id }`, at any depth, as in issuer, achievement and endorsement
 * profiles). A credential is signed as given, so nothing is rewritten: a data: image is accepted if it passes,
 * and the baked download cleans it again (hosted/badge-image.ts).
 */
export function checkCredentialImages (node: unknown, limits: ImageLimits, path = 'credential'): void {
  if (Array.isArray(node)) { node.forEach((n, i) => checkCredentialImages(n, limits, `${path}[${i}]`)); return }
  if (!isObject(node)) return
  for (const [key, value] of Object.entries(node)) {
    if (key === '@context') continue
    if (key === 'image') {
      const uri = typeof value === 'string' ? value : isObject(value) ? value.id : undefined
      if (typeof uri === 'string') checked(uri, limits, `${path}.image`)
    }
    checkCredentialImages(value, limits, `${path}.${key}`)
  }
}

/** The image limits of the issuer's settings. */
export const imageLimits = (config: { IMAGE_MAX_BYTES: number; IMAGE_MAX_DIMENSION: number }): ImageLimits =>
  ({ maxBytes: config.IMAGE_MAX_BYTES, maxDimension: config.IMAGE_MAX_DIMENSION })
