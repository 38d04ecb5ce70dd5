// The public page drawing the network graph: inline SVG computed here, no script at all, so the page works
// under a strict Content-Security-Policy. Issuers sit on a circle; each endorsed achievement sits just outside
// its issuer. Arrows go from the endorser to what it endorses; dashed ones are not (yet) accepted.
import type { GraphNode, NetworkGraph } from './graph.js'

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

function svg (graph: NetworkGraph): string {
  const at = layout(graph)
  const kind = new Map(graph.nodes.map(n => [n.id, n.kind]))
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
    return `<g class="${n.kind}"><circle cx="${p.x}" cy="${p.y}" r="${r}"><title>${escapeHtml(n.id)}</title></circle>` +
      `<text x="${p.x}" y="${p.y + r + 14}" text-anchor="middle">${escapeHtml(short(n.name))}</text></g>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="Endorsement network">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">' +
    '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>' +
    lines.join('') + circles.join('') + '</svg>'
}

function table (graph: NetworkGraph): string {
  const name = new Map(graph.nodes.map(n => [n.id, n.name]))
  const rows = graph.edges.map(e => `<tr><td>${escapeHtml(name.get(e.from) ?? e.from)}</td><td>${escapeHtml(name.get(e.to) ?? e.to)}</td>` +
    `<td>${escapeHtml(e.since.slice(0, 10))}</td><td>${e.accepted ? 'yes' : 'no'}</td><td><a href="${escapeHtml(e.url)}">credential</a></td></tr>`)
  return '<table><thead><tr><th>Endorser</th><th>Endorses</th><th>Since</th><th>Shown on badges</th><th></th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
}

/** A self-contained HTML page: no external scripts, styles or fonts. */
export function renderGraphPage (graph: NetworkGraph): string {
  const issuers = graph.nodes.filter(n => n.kind === 'issuer').length
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Endorsement network</title><style>' +
    'body{font-family:system-ui,sans-serif;margin:2rem;color:#222}svg{max-width:100%;height:auto;border:1px solid #ddd}' +
    '.edge{stroke:#888;stroke-width:1.5}.issuer circle{fill:#2b6cb0}.achievement circle{fill:#dd6b20}' +
    'text{font-size:12px;fill:#222}table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}' +
    '</style></head><body><h1>Endorsement network</h1>' +
    `<p>${issuers} member issuers, ${graph.edges.length} endorsements. Blue: issuers; orange: achievements; ` +
    'arrows point from the endorser to what it endorses; dashed: not shown on badges.' +
    `${graph.truncated ? ' Only the oldest endorsements are drawn.' : ''} <a href="/network/graph">JSON</a></p>` +
    svg(graph) + table(graph) + '</body></html>'
}
