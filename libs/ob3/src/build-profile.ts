// Profile builder (OB 3.0 §B.1.13 Profile).
import { requireObject, requireString, toImage } from './build-util.js'
import type { Image, Profile } from './types.js'

export interface BuildProfileOptions {
  id: string
  name: string
  url?: string
  email?: string
  description?: string
  image?: string | Image | { id: string; caption?: string }
}

/** An OB 3.0 Profile for an issuer or endorser; `image` given as a URI becomes an Image object. */
export function buildProfile (opts: BuildProfileOptions): Profile {
  requireObject(opts, 'opts')
  const profile: Profile = { id: requireString(opts.id, 'id'), type: ['Profile'], name: requireString(opts.name, 'name') }
  if (opts.url !== undefined) profile.url = requireString(opts.url, 'url')
  if (opts.email !== undefined) profile.email = requireString(opts.email, 'email')
  if (opts.description !== undefined) profile.description = opts.description
  if (opts.image !== undefined) profile.image = toImage(opts.image, 'image')
  return profile
}
