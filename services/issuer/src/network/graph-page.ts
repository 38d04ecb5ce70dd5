// The public page drawing the network graph (French or English): inline SVG computed here, no script at all, so
// the page works under a strict Content-Security-Policy. Issuers sit on a circle; each endorsed achievement sits
// just outside its issuer, tied to it by a thin line. Arrows go from the endorser to what it endorses; dashed ones
// are not (yet) accepted. Every node links to its page; every member is listed, endorsed or not.
import type { Language } from '@obp/service-kit'
import { format, formatDate, pageMessages } from '../i18n/index.js'
import type { GraphNode, NetworkGraph } from './graph.js'
import { pageShell } from './page-shell.js'

const SIZE = 900
const CENTER = SIZE / 2
const ISSUER_RADIUS = 280
const ACHIEVEMENT_RADIUS = 380

interface Point { x: number; y: number }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] as string))
}

function short (text: string, max = 28): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

function polar (radius: number, angle: number): Point {
  return { x: Math.round(CENTER + radius * Math.cos(angle)), y: Math.round(CENTER + radius * Math.sin(angle)) }
}

/** Positions: issuers evenly on a circle, their achievements fanned out behind them. */
export function layout (graph: NetworkGraph): Map<string, Point> {
  const issuers = graph.nodes.filter(n => n.kind === 'issuer')
  const at = new Map<string, Point>()
  const angleOf = new Map<string, number>()
  const step = (2 * Math.PI) / Math.max(issuers.length, 1)
  issuers.forEach((n, i) => {
    const angle = i * step - Math.PI / 2
    angleOf.set(n.id, angle)
    at.set(n.id, issuers.length === 1 ? { x: CENTER, y: CENTER } : polar(ISSUER_RADIUS, angle))
  })
  const byIssuer = new Map<string, GraphNode[]>()
  for (const n of graph.nodes) {
    if (n.kind !== 'achievement') continue
    const key = n.issuer ?? ''
    byIssuer.set(key, [...(byIssuer.get(key) ?? []), n])
  }
  for (const [issuer, list] of byIssuer) {
    const base = angleOf.get(issuer) ?? 0
    const spread = Math.min(step * 0.8, 0.18 * list.length)
    list.forEach((n, i) => {
      const offset = list.length === 1 ? 0 : -spread / 2 + (spread * i) / (list.length - 1)
      at.set(n.id, polar(ACHIEVEMENT_RADIUS, base + offset))
    })
  }
  return at
}

const RADIUS = { issuer: 16, achievement: 10 } as const

/** The point `gap` short of `to` on the segment from `from`, so an arrow tip touches the target's circle. */
function shorten (from: Point, to: Point, gap: number): Point {
  const dx = to.x - from.x
  const dy = to.y - from.y
  const length = Math.hypot(dx, dy) || 1
  return { x: Math.round(to.x - (dx * gap) / length), y: Math.round(to.y - (dy * gap) / length) }
}

/** Where a node's page is: the issuer's public Profile, the achievement's own id when it is a web URL. */
export function nodeHref (n: GraphNode, publicUrl: string): string | undefined {
  if (n.kind === 'issuer') return n.issuerId !== undefined ? `${publicUrl}/issuers/${encodeURIComponent(n.issuerId)}` : undefined
  return /^https?:\/\//.test(n.id) ? n.id : undefined
}

function svg (graph: NetworkGraph, publicUrl: string, label: string): string {
  const at = layout(graph)
  const kind = new Map(graph.nodes.map(n => [n.id, n.kind]))
  // each achievement tied to its issuer (no arrow: ownership, not endorsement)
  const owned = graph.nodes.filter(n => n.kind === 'achievement' && n.issuer !== undefined).map(n => {
    const a = at.get(n.issuer as string)
    const b = at.get(n.id)
    return a && b ? `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="owner"/>` : ''
  })
  const lines = graph.edges.map(e => {
    const a = at.get(e.from)
    const target = at.get(e.to)
    if (!a || !target) return ''
    const b = shorten(a, target, RADIUS[kind.get(e.to) ?? 'issuer'] + 2)
    const dash = e.accepted ? '' : ' stroke-dasharray="6 4"'
    return `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="edge"${dash} marker-end="url(#arrow)"><title>${escapeHtml(`${e.from} endorses ${e.to} since ${e.since}`)}</title></line>`
  })
  const circles = graph.nodes.map(n => {
    const p = at.get(n.id)
    if (!p) return ''
    const r = RADIUS[n.kind]
    const node = `<circle cx="${p.x}" cy="${p.y}" r="${r}"><title>${escapeHtml(n.name)} (${escapeHtml(n.id)})</title></circle>` +
      `<text x="${p.x}" y="${p.y + r + 14}" text-anchor="middle">${escapeHtml(short(n.name))}</text>`
    const href = nodeHref(n, publicUrl)
    return `<g class="${n.kind}">${href !== undefined ? `<a href="${escapeHtml(href)}">${node}</a>` : node}</g>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="group" aria-label="${escapeHtml(label)}">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">' +
    '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>' +
    owned.join('') + lines.join('') + circles.join('') + '</svg>'
}

function table (graph: NetworkGraph, lang: Language): string {
  const m = pageMessages(lang).network
  const name = new Map(graph.nodes.map(n => [n.id, n.name]))
  const rows = graph.edges.map(e => `<tr><td>${escapeHtml(name.get(e.from) ?? e.from)}</td><td>${escapeHtml(name.get(e.to) ?? e.to)}</td>` +
    `<td>${escapeHtml(formatDate(lang, e.since, 'UTC'))}</td><td>${e.accepted ? m.yes : m.no}</td><td><a href="${escapeHtml(e.url)}">${m.credential}</a></td></tr>`)
  return `<table><thead><tr><th scope="col">${m.endorser}</th><th scope="col">${m.endorses}</th><th scope="col">${m.since}</th><th scope="col">${m.shown}</th><th scope="col">${m.credential}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
}

/** Every member, with what it endorses and what endorses it (a member without endorsements is listed too). */
function members (graph: NetworkGraph, publicUrl: string, lang: Language, since: Map<string, string>): string {
  const m = pageMessages(lang).network
  const items = graph.nodes.filter(n => n.kind === 'issuer').map(n => {
    const received = graph.edges.filter(e => e.to === n.id || graph.nodes.some(a => a.id === e.to && a.issuer === n.id)).length
    const given = graph.edges.filter(e => e.from === n.id).length
    const href = nodeHref(n, publicUrl)
    const title = href !== undefined ? `<a href="${escapeHtml(href)}">${escapeHtml(n.name)}</a>` : escapeHtml(n.name)
    const joined = since.get(n.id)
    const counts = received + given === 0 ? m.noEndorsements : format(m.counts, { received, given })
    return `<li>${title}${joined !== undefined ? ` — ${escapeHtml(format(m.memberSince, { date: formatDate(lang, joined, 'UTC') }))}` : ''} — ${escapeHtml(counts)}</li>`
  })
  return `<h2>${m.members}</h2><ul class="members">${items.join('')}</ul>`
}

export interface GraphPageOptions { lang: Language; publicUrl: string; since?: Map<string, string> }

/** A self-contained HTML page: no external scripts, styles or fonts. */
export function renderGraphPage (graph: NetworkGraph, opts: GraphPageOptions = { lang: 'en', publicUrl: '' }): string {
  const m = pageMessages(opts.lang).network
  const issuers = graph.nodes.filter(n => n.kind === 'issuer').length
  const intro = format(m.intro, { issuers, endorsements: graph.edges.length }) + (graph.truncated ? ` ${m.truncated}` : '')
  return pageShell({ lang: opts.lang, title: m.graphTitle, self: '/network', extraCss: '.edge{stroke:#888;stroke-width:1.5}.owner{stroke:#dd6b20;stroke-width:1}.issuer circle{fill:#2b6cb0}.achievement circle{fill:#b35309}text{font-size:12px;fill:#222}' },
    `<p>${escapeHtml(intro)} <a href="/network/graph">JSON</a> · <a href="/network/achievements?lang=${opts.lang}">${escapeHtml(m.search)}</a></p>` +
    svg(graph, opts.publicUrl, m.graphTitle) + members(graph, opts.publicUrl, opts.lang, opts.since ?? new Map()) + `<h2>${m.graphHeading}</h2>` + table(graph, opts.lang))
}
