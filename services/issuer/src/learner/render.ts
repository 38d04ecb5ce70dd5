// Builds the learner page of a stored credential: links, live status, language.
import type { FastifyRequest } from 'fastify'
import type { IssuerContext } from '../context.js'
import type { CredentialRecord } from '../stores/credential-store.js'
import { credentialUrl } from '../ids.js'
import { liveStatus } from './learner-status.js'
import { fromAcceptLanguage, isLanguage, type Language } from '../i18n/index.js'
import { credentialView } from './credential-view.js'
import { linkedInAddUrl } from './linkedin.js'
import { learnerPage } from './page.js'

/** No script, one stylesheet, images from this origin or inline (STYLE.md §15). */
export const LEARNER_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** `?lang=` (the switch), else Accept-Language, else the issuer's language. */
export function pageLanguage (request: FastifyRequest, fallback: Language): Language {
  const q = (request.query as { lang?: unknown } | undefined)?.lang
  return isLanguage(q) ? q : fromAcceptLanguage(request.headers['accept-language'], fallback)
}

export async function renderLearnerPage (ctx: IssuerContext, request: FastifyRequest, record: CredentialRecord, mode: 'claim' | 'public', self: string, offers?: string): Promise<string> {
  const publicUrl = ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')
  const basePath = new URL(publicUrl).pathname.replace(/\/+$/, '')
  const [issuer, status] = await Promise.all([ctx.issuers.get(record.issuerId), liveStatus(ctx, record.credential)])
  const lang = pageLanguage(request, issuer?.language ?? 'fr')
  const view = credentialView(record.credential)
  const publicPage = credentialUrl(publicUrl, record.segment)
  const local = `${basePath}/credentials/${encodeURIComponent(record.segment)}`
  const image = view.image?.startsWith(`${publicUrl}/images/`)
    ? basePath + view.image.slice(publicUrl.length)
    : view.image?.startsWith('data:image/') ? view.image : `${local}?format=svg`
  return learnerPage({
    lang,
    mode,
    view,
    status,
    urls: {
      self,
      // a revoked or expired badge is not offered to wallets (POST .../offers would answer 409)
      ...(offers && (status.state === 'active' || status.state === 'notYetValid') ? { offers } : {}),
      publicPage,
      image,
      previewImage: `${publicPage}?format=png`,
      json: `${local}?format=json&download=true`,
      png: `${local}?format=png&download=true`,
      svg: `${local}?format=svg&download=true`,
      linkedIn: linkedInAddUrl({ name: view.achievementName, organization: view.issuerName, issued: view.validFrom, certUrl: publicPage, certId: view.id }),
      verify: `${ctx.config.VERIFIER_PUBLIC_URL.replace(/\/+$/, '')}/?credentialUrl=${encodeURIComponent(publicPage)}`
    }
  })
}

/** A readable download name: the achievement's name as a slug and the issue date (`data-literacy-2026-12-04.png`). */
export function downloadName (credential: Record<string, any>, ext: string): string {
  const view = credentialView(credential)
  const slug = view.achievementName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'badge'
  const date = view.validFrom && !Number.isNaN(Date.parse(view.validFrom)) ? '-' + new Date(view.validFrom).toISOString().slice(0, 10) : ''
  return `${slug}${date}.${ext}`
}
