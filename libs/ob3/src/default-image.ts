// A generated default badge image for achievements without one: a filled circle with a ring and the
// initials of the name. PNG drawn pixel by pixel (RGBA, PNG §11.2.2 IHDR, §11.2.4 IDAT deflate) with
// node:zlib only; SVG as markup with the same design.
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { requireString } from './build-util.js'
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './bitmap-font.js'
import { InvalidArgumentError } from './errors.js'
import { writeChunks } from './png.js'
import { escapeAttribute } from './svg-scan.js'

const SIZE = 256
const RADIUS = 120
const RING = [100, 106] as const
// Saturated colours on which white text stays readable (WCAG contrast >= 4.5).
const PALETTE = ['#1e5aa8', '#0f766e', '#7c3aed', '#b91c1c', '#a1460b', '#166534', '#9d174d', '#334155']

type Rgb = [number, number, number]

/** Up to two initials: the first letter or digit of each of the first two words, upper-cased. */
export function initials (name: string): string {
  const words = name.split(/[\s\-_/.,]+/u)
  const out: string[] = []
  for (const word of words) {
    const m = /[\p{L}\p{N}]/u.exec(word)
    if (m !== null) out.push(m[0].toUpperCase())
    if (out.length === 2) break
  }
  return out.join('')
}

function parseColor (color: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(color)
  if (m === null) throw new InvalidArgumentError('"color" must be a #rrggbb colour.')
  const n = parseInt(m[1], 16)
  return [n >> 16, (n >> 8) & 0xff, n & 0xff]
}

/** Relative luminance (WCAG 2.1 §1.4.3 definition), to choose light or dark text. */
function luminance ([r, g, b]: Rgb): number {
  const lin = (c: number): number => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4 }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** The share of a pixel inside the disc of radius r (4x4 supersampling, for smooth edges). */
function coverage (x: number, y: number, r: number): number {
  const dx0 = x + 0.5 - SIZE / 2
  const dy0 = y + 0.5 - SIZE / 2
  const d = Math.sqrt(dx0 * dx0 + dy0 * dy0)
  if (d <= r - 1) return 1 // well inside or outside: no need to sample
  if (d >= r + 1) return 0
  let inside = 0
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const dx = x + (i + 0.5) / 4 - SIZE / 2
      const dy = y + (j + 0.5) / 4 - SIZE / 2
      if (dx * dx + dy * dy <= r * r) inside++
    }
  }
  return inside / 16
}

/** The initials' pixels: glyphs scaled up, centred, one glyph column of space between letters. */
function textMask (text: string): Uint8Array {
  const mask = new Uint8Array(SIZE * SIZE)
  const glyphs = [...text].map((ch) => glyph(ch.normalize('NFD').replace(/\p{M}/gu, ''))).filter((g) => g !== undefined)
  if (glyphs.length === 0) return mask
  const cols = glyphs.length * GLYPH_WIDTH + (glyphs.length - 1)
  const scale = Math.floor(Math.min(150 / cols, 110 / GLYPH_HEIGHT))
  const left = Math.round((SIZE - cols * scale) / 2)
  const top = Math.round((SIZE - GLYPH_HEIGHT * scale) / 2)
  glyphs.forEach((rows, g) => {
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if (((rows[row] >> (GLYPH_WIDTH - 1 - col)) & 1) === 0) continue
        const x0 = left + (g * (GLYPH_WIDTH + 1) + col) * scale
        for (let y = top + row * scale; y < top + (row + 1) * scale; y++) mask.fill(1, y * SIZE + x0, y * SIZE + x0 + scale)
      }
    }
  })
  return mask
}

function drawPng (fill: Rgb, ink: Rgb, text: string): Buffer {
  const mask = textMask(text)
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    const rowStart = y * (SIZE * 4 + 1) // each scanline starts with filter type 0 (None)
    for (let x = 0; x < SIZE; x++) {
      const disc = coverage(x, y, RADIUS)
      if (disc === 0) continue
      const ring = coverage(x, y, RING[1]) - coverage(x, y, RING[0])
      const inkShare = Math.min(1, mask[y * SIZE + x] + ring)
      const p = rowStart + 1 + x * 4
      for (let c = 0; c < 3; c++) raw[p + c] = Math.round(fill[c] * (1 - inkShare) + ink[c] * inkShare)
      raw[p + 3] = Math.round(255 * disc)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  return writeChunks([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: deflateSync(raw, { level: 9 }) },
    { type: 'IEND', data: Buffer.alloc(0) }
  ])
}

function drawSvg (name: string, fill: string, ink: string, text: string): string {
  const label = escapeAttribute(name)
  const c = SIZE / 2
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${label}">` +
    `<title>${label}</title>` +
    `<circle cx="${c}" cy="${c}" r="${RADIUS}" fill="${fill}"/>` +
    `<circle cx="${c}" cy="${c}" r="${(RING[0] + RING[1]) / 2}" fill="none" stroke="${ink}" stroke-width="${RING[1] - RING[0]}"/>` +
    `<text x="${c}" y="${c}" text-anchor="middle" dominant-baseline="central" font-family="Helvetica, Arial, sans-serif" ` +
    `font-size="${text.length > 1 ? 84 : 110}" font-weight="700" fill="${ink}">${escapeAttribute(text)}</text></svg>`
}

/**
 * A 256x256 default badge (PNG and SVG) with the name's initials. `color` (`#rrggbb`) defaults to a palette
 * colour chosen from a hash of the name, so the same name always gets the same image.
 */
// Drawing and deflating the PNG costs milliseconds, and every baked badge of an achievement without its own image
// asks for the same picture: the last images drawn are kept (a bounded map, least recently used out first).
const drawn = new Map<string, { png: Buffer; svg: string }>()
const DRAWN_MAX = 256

/** The generated badge picture for a name (the same bytes every time; callers never modify them). */
export function defaultBadgeImage (opts: { name: string; color?: string }): { png: Buffer; svg: string } {
  const key = JSON.stringify([requireString(opts?.name, 'name'), opts.color ?? null])
  const hit = drawn.get(key)
  if (hit) {
    drawn.delete(key)
    drawn.set(key, hit)
    return hit
  }
  const image = drawBadgeImage(opts)
  drawn.set(key, image)
  if (drawn.size > DRAWN_MAX) drawn.delete(drawn.keys().next().value as string)
  return image
}

function drawBadgeImage (opts: { name: string; color?: string }): { png: Buffer; svg: string } {
  const name = requireString(opts?.name, 'name')
  const color = opts.color ?? PALETTE[createHash('sha256').update(name).digest()[0] % PALETTE.length]
  const fill = parseColor(color)
  const ink: Rgb = luminance(fill) > 0.4 ? [17, 24, 39] : [255, 255, 255]
  const inkHex = '#' + ink.map((v) => v.toString(16).padStart(2, '0')).join('')
  const text = initials(name)
  return { png: drawPng(fill, ink, text), svg: drawSvg(name, color.toLowerCase(), inkHex, text) }
}
