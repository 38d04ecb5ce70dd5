// The learner's badge page (issue 17): the claim page (`mode: 'claim'`, personal, not indexed) and the public,
// shareable credential page (`mode: 'public'`, with Open Graph and Twitter card tags). One template, every string
// from the message files, every value escaped; no script (strict CSP), one stylesheet.
import { escapeHtml as e } from '../hosted/escape.js'
import type { LearnerStatus as LiveStatus } from './learner-status.js'
import { formatDate, translator, type Language } from '../i18n/index.js'
import type { CredentialView } from './credential-view.js'

export interface PageUrls {
  /** claim mode: where the "get a wallet offer" form posts */
  offers?: string
  /** this page without the language parameter */
  self: string
  /** the public page (absolute) */
  publicPage: string
  image: string
  /** absolute image for link previews */
  previewImage: string
  json: string
  png: string
  svg: string
  linkedIn: string
  verify: string
}

export interface LearnerPage { lang: Language; mode: 'claim' | 'public'; view: CredentialView; status: LiveStatus; urls: PageUrls }

function statusText (t: ReturnType<typeof translator>, lang: Language, s: LiveStatus): string {
  switch (s.state) {
    case 'revoked': return [s.at ? t('page.statusRevoked', { date: formatDate(lang, s.at) }) : t('page.statusRevoked', { date: '' }), s.reason ? t('page.statusRevokedReason', { reason: s.reason }) : ''].join(' ').trim()
    case 'expired': return t('page.statusExpired', { date: formatDate(lang, s.at) })
    case 'notYetValid': return t('page.statusNotYetValid', { date: formatDate(lang, s.at) })
    default: return t('page.statusActive')
  }
}

const row = (label: string, value: string | undefined): string => value === undefined ? '' : `<dt>${e(label)}</dt><dd>${value}</dd>\n`

export function learnerPage (p: LearnerPage): string {
  const { lang, view: v, urls } = p
  const t = translator(lang)
  const vars = { achievement: v.achievementName, issuer: v.issuerName }
  const title = p.mode === 'claim' ? t('page.titleClaim', vars) : `${v.achievementName} | ${v.issuerName}`
  const description = t('page.metaDescription', vars)
  const sep = urls.self.includes('?') ? '&' : '?'
  const meta = p.mode === 'claim'
    ? '<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">'
    : [
        ['og:type', 'website'], ['og:title', title], ['og:description', description], ['og:image', urls.previewImage],
        ['og:url', urls.publicPage], ['og:locale', lang === 'fr' ? 'fr_FR' : 'en_GB']
      ].map(([k, val]) => `<meta property="${k}" content="${e(val)}">`).concat(
        [['twitter:card', 'summary'], ['twitter:title', title], ['twitter:description', description], ['twitter:image', urls.previewImage]]
          .map(([k, val]) => `<meta name="${k}" content="${e(val)}">`)).join('\n')
  const issuer = v.issuerUrl ? `${e(v.issuerName)} (<a href="${e(v.issuerUrl)}">${e(t('page.issuerWebsite', vars))}</a>)` : e(v.issuerName)
  const criteria = [v.criteria ? e(v.criteria) : '', v.criteriaUrl ? `<a href="${e(v.criteriaUrl)}">${e(v.criteriaUrl)}</a>` : ''].filter(Boolean).join('<br>') || undefined
  const endorsements = v.endorsements.length === 0
    ? ''
    : `<section class="card" aria-labelledby="endorsements"><h2 id="endorsements">${e(t('page.endorsements'))}</h2><ul>${v.endorsements.map(n => `<li><strong>${e(t('page.endorsedBy', { name: n.name }))}</strong>${n.comment !== undefined ? `: “${e(n.comment)}”` : ''}</li>`).join('')}</ul></section>\n`
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<meta name="description" content="${e(description)}">
${meta}
<link rel="stylesheet" href="/assets/learner.css"><link rel="icon" href="data:,">
</head><body>
<header><nav aria-label="${e(t('page.langSwitch'))}">${lang === 'fr'
    ? `<span aria-current="true">Français</span> · <a href="${e(urls.self + sep)}lang=en" lang="en" hreflang="en">English</a>`
    : `<a href="${e(urls.self + sep)}lang=fr" lang="fr" hreflang="fr">Français</a> · <span aria-current="true">English</span>`}</nav></header>
<main>
${p.mode === 'claim' ? `<p class="notice">${e(t('page.claimNotice'))}</p>\n` : ''}<section class="card badge" aria-labelledby="title">
<img src="${e(urls.image)}" alt="${e(t('page.badgeImageAlt', vars))}">
<div><h1 id="title">${e(v.achievementName)}</h1>
${v.recipientName ? `<p>${e(t('page.awardedTo', { name: v.recipientName }))}</p>` : ''}
<p>${e(t('page.awardedBy'))} ${issuer}</p></div>
</section>
<section class="card" aria-labelledby="status-h"><h2 id="status-h">${e(t('page.status'))}</h2>
<p class="status status-${p.status.state}" role="status">${e(statusText(t, lang, p.status))}</p></section>
<section class="card" aria-labelledby="details"><h2 id="details">${e(t('page.achievement'))}</h2><dl>
${row(t('page.description'), v.description && e(v.description))}${row(t('page.criteria'), criteria)}${row(t('page.issuer'), issuer)}${row(t('page.issued'), v.validFrom && e(formatDate(lang, v.validFrom)))}${row(t('page.validUntil'), v.validUntil && e(formatDate(lang, v.validUntil)))}${row(t('page.credentialId'), e(v.id))}</dl></section>
${endorsements}<section class="card" aria-labelledby="download"><h2 id="download">${e(t('page.download'))}</h2><ul class="actions">
<li><a href="${e(urls.json)}" download>${e(t('page.downloadJson'))}</a></li>
<li><a href="${e(urls.png)}" download>${e(t('page.downloadPng'))}</a></li>
<li><a href="${e(urls.svg)}" download>${e(t('page.downloadSvg'))}</a></li>
</ul></section>
<section class="card" aria-labelledby="share"><h2 id="share">${e(t('page.share'))}</h2><ul class="actions">
<li><a href="${e(urls.publicPage)}">${e(t('page.shareLink'))}</a></li>
${p.mode === 'claim' ? `<li><a class="button" href="${e(urls.linkedIn)}" rel="noopener noreferrer">${e(t('page.linkedin'))}</a></li>\n` : ''}<li><a href="${e(urls.verify)}">${e(t('page.verify'))}</a></li>
</ul></section>
${p.mode === 'claim' && urls.offers ? `<section class="card" aria-labelledby="wallet"><h2 id="wallet">${e(t('wallet.title'))}</h2><p>${e(t('wallet.intro'))}</p>
<form method="post" action="${e(urls.offers)}?lang=${lang}"><button class="button" type="submit">${e(t('wallet.button'))}</button></form></section>
` : ''}</main></body></html>
`
}

/** The answer to the claim page's form: both wallet routes, each as a QR code and a same-device link. */
export interface WalletOffer {
  lang: Language
  expiresAt: Date
  back: string
  /** OID4VCI 1.0 offer by reference */
  offerUri: string
  qrDataUri: string
  /** the offer asks for the code that came in the learner's message with the claim link */
  codeByEmail?: boolean
  /** VC-API exchange: the interaction URL (scanned by LCW 2.2.10+ and VCALM wallets) and LCW's same-device link */
  interactionUrl: string
  interactionQrDataUri: string
  lcwUrl: string
}

export function walletOfferPage (o: WalletOffer): string {
  const t = translator(o.lang)
  const time = o.expiresAt.toLocaleTimeString(o.lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('wallet.title'))}</title><meta name="robots" content="noindex, nofollow"><link rel="stylesheet" href="/assets/learner.css"><link rel="icon" href="data:,">
</head><body><main><h1 id="wallet">${e(t('wallet.title'))}</h1>
<section class="card" aria-labelledby="lcw"><h2 id="lcw">${e(t('wallet.lcwTitle'))}</h2>
<p>${e(t('wallet.lcwScan'))}</p><p><img class="qr" src="${e(o.interactionQrDataUri)}" alt="${e(t('wallet.lcwQrAlt'))}" width="240" height="240"></p>
<p><a class="button" href="${e(o.lcwUrl)}">${e(t('wallet.lcwOpen'))}</a></p>
<p>${e(t('wallet.interactionLink'))} <a href="${e(o.interactionUrl)}">${e(o.interactionUrl)}</a></p></section>
<section class="card" aria-labelledby="oid4vci"><h2 id="oid4vci">${e(t('wallet.oid4vciTitle'))}</h2>
<p>${e(t('wallet.scan'))}</p>${o.codeByEmail ? `<p>${e(t('wallet.codeByEmail'))}</p>` : ''}<p><img class="qr" src="${e(o.qrDataUri)}" alt="${e(t('wallet.qrAlt'))}" width="240" height="240"></p>
<p><a class="button" href="${e(o.offerUri)}">${e(t('wallet.open'))}</a></p></section>
<p>${e(t('wallet.expires', { time }))}</p><p><a href="${e(o.back)}">${e(t('wallet.back'))}</a></p></main></body></html>
`
}

/** The interaction URL opened by a person (a phone camera, a browser): what it is and the LCW link (VCALM). */
export function interactionPage (o: { lang: Language; lcwUrl: string }): string {
  const t = translator(o.lang)
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('interaction.title'))}</title><meta name="robots" content="noindex, nofollow"><link rel="stylesheet" href="/assets/learner.css"><link rel="icon" href="data:,">
</head><body><main><section class="card"><h1>${e(t('interaction.title'))}</h1><p>${e(t('interaction.text'))}</p>
<p><a class="button" href="${e(o.lcwUrl)}">${e(t('wallet.lcwOpen'))}</a></p></section></main></body></html>
`
}

/** The claim page of an unknown or expired token (404). */
export function claimGonePage (lang: Language): string {
  const t = translator(lang)
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('page.claimExpiredTitle'))}</title><meta name="robots" content="noindex, nofollow"><link rel="stylesheet" href="/assets/learner.css"><link rel="icon" href="data:,">
</head><body><main><section class="card"><h1>${e(t('page.claimExpiredTitle'))}</h1><p>${e(t('page.claimExpired'))}</p></section></main></body></html>
`
}
