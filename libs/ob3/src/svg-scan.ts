// A small, non-validating XML tag scanner for SVG baking: finds start/end tags while skipping comments,
// CDATA sections, processing instructions and the DOCTYPE (XML 1.0 §2.5-§2.8, §3.1), with quote-aware
// attribute parsing. Enough to place and find one element without a DOM or a dependency.
import { InvalidSvgError } from './errors.js'

export interface Tag {
  /** Index of `<` and just past `>`. */
  start: number
  end: number
  name: string
  closing: boolean
  selfClosing: boolean
  /** The raw text between the name and `>` (or `/>`). */
  attributes: string
}

function skipTo (xml: string, from: number, terminator: string, what: string): number {
  const i = xml.indexOf(terminator, from)
  if (i < 0) throw new InvalidSvgError(`unterminated ${what}`)
  return i + terminator.length
}

/** The first tag at or after `from` whose name satisfies `match`, or undefined. */
export function findTag (xml: string, from: number, match: (tag: Tag) => boolean): Tag | undefined {
  let pos = from
  for (;;) {
    const lt = xml.indexOf('<', pos)
    if (lt < 0) return undefined
    if (xml.startsWith('<!--', lt)) { pos = skipTo(xml, lt + 4, '-->', 'comment'); continue }
    if (xml.startsWith('<![CDATA[', lt)) { pos = skipTo(xml, lt + 9, ']]>', 'CDATA section'); continue }
    if (xml.startsWith('<?', lt)) { pos = skipTo(xml, lt + 2, '?>', 'processing instruction'); continue }
    if (xml.startsWith('<!', lt)) { pos = skipDeclaration(xml, lt); continue }
    const tag = readTag(xml, lt)
    if (match(tag)) return tag
    pos = tag.end
  }
}

/** `<!DOCTYPE ...>` (with an optional `[...]` internal subset) or another markup declaration. */
function skipDeclaration (xml: string, lt: number): number {
  let quote = ''
  let depth = 0
  for (let i = lt + 2; i < xml.length; i++) {
    const c = xml[i]
    if (quote !== '') { if (c === quote) quote = ''; continue }
    if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']') depth--
    else if (c === '>' && depth <= 0) return i + 1
  }
  throw new InvalidSvgError('unterminated declaration')
}

function readTag (xml: string, lt: number): Tag {
  const m = /^<(\/?)([A-Za-z_][\w.:-]*)/.exec(xml.slice(lt, lt + 256))
  if (m === null) throw new InvalidSvgError(`malformed tag at ${lt}`)
  let quote = ''
  for (let i = lt + m[0].length; i < xml.length; i++) {
    const c = xml[i]
    if (quote !== '') { if (c === quote) quote = ''; continue }
    if (c === '"' || c === "'") quote = c
    else if (c === '>') {
      const selfClosing = xml[i - 1] === '/'
      const attributes = xml.slice(lt + m[0].length, selfClosing ? i - 1 : i)
      return { start: lt, end: i + 1, name: m[2], closing: m[1] === '/', selfClosing, attributes }
    }
  }
  throw new InvalidSvgError(`unterminated tag <${m[2]}>`)
}

/** Attribute values by name, entity references decoded. */
export function parseAttributes (text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of text.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1], decodeEntities(m[2] ?? m[3]))
  return out
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function decodeEntities (text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    return NAMED[ref]
  })
}

export function escapeAttribute (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Wraps text in CDATA; a `]]>` inside is split across two sections so the text survives unchanged. */
export function cdata (text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

/** The character data of element content: CDATA sections verbatim, text with entities decoded, comments dropped. */
export function contentText (content: string): string {
  let out = ''
  let pos = 0
  while (pos < content.length) {
    const lt = content.indexOf('<', pos)
    out += decodeEntities(content.slice(pos, lt < 0 ? content.length : lt))
    if (lt < 0) break
    if (content.startsWith('<![CDATA[', lt)) {
      const end = skipTo(content, lt + 9, ']]>', 'CDATA section')
      out += content.slice(lt + 9, end - 3)
      pos = end
    } else if (content.startsWith('<!--', lt)) {
      pos = skipTo(content, lt + 4, '-->', 'comment')
    } else {
      throw new InvalidSvgError('unexpected markup inside <openbadges:credential>')
    }
  }
  return out
}
