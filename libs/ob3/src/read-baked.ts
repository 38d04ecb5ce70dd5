// Reading a baked badge strictly (OB 3.0 §5.3 "Baked Badge"): the credential is extracted as §5.3.1.2 / §5.3.2.2
// say (the first chunk / element), and every MUST / MUST NOT of the baking rules is checked on the way, so a
// verifier can refuse an image that breaks them and say which rule. unbakePng / unbakeSvg stay the lenient readers.
import { inflateSync } from 'node:zlib'
import { PNG_ITXT_KEYWORD, SVG_OB_NAMESPACE } from './constants.js'
import { InvalidPngError } from './errors.js'
import { isCompactJws } from './bake-text.js'
import { parseITxt, readChunks, type ITxt } from './png.js'
import { contentText, findTag, parseAttributes, type Tag } from './svg-scan.js'

export interface BakedReading {
  /** the baked text (JSON or a compact JWS) per the Extracting rules; undefined when the image carries none */
  text?: string
  /** the baking rules the image breaks, each naming the rule */
  violations: string[]
}

// A compressed chunk is a violation, but it is still read to report what it carries; its inflated size is capped.
const MAX_INFLATED = 16 * 1024 * 1024

/** A PNG: exactly one `openbadgecredential` iTXt chunk, uncompressed. Throws OBP_OB3_INVALID_PNG for a damaged PNG. */
export function readBakedPng (png: Buffer): BakedReading {
  const chunks = readChunks(png).filter(c => c.type === 'iTXt').map(c => parseITxt(c.data))
    .filter((c): c is ITxt => c?.keyword === PNG_ITXT_KEYWORD)
  const first = chunks[0]
  if (first === undefined) return { violations: [] }
  const violations: string[] = []
  if (chunks.length > 1) violations.push(`the PNG has ${chunks.length} iTXt chunks with the keyword ${PNG_ITXT_KEYWORD}; it MUST NOT appear more than once`)
  let text: string
  if (first.compressed) {
    violations.push(`the ${PNG_ITXT_KEYWORD} iTXt chunk is compressed; compression MUST NOT be used`)
    try {
      text = inflateSync(first.text, { maxOutputLength: MAX_INFLATED }).toString('utf8')
    } catch {
      throw new InvalidPngError(`undecodable compressed ${PNG_ITXT_KEYWORD} chunk`)
    }
  } else {
    text = first.text.toString('utf8')
  }
  return { text, violations }
}

const ELEMENT = 'openbadges:credential'

/** Every `<openbadges:credential>` start tag outside comments and CDATA, in document order. */
function credentialTags (svg: string): Tag[] {
  const tags: Tag[] = []
  for (let tag = findTag(svg, 0, t => !t.closing && t.name === ELEMENT); tag !== undefined; tag = findTag(svg, tag.end, t => !t.closing && t.name === ELEMENT)) tags.push(tag)
  return tags
}

/** The raw content of an element (between its start and end tags). */
function elementContent (svg: string, start: Tag): string | undefined {
  if (start.selfClosing) return ''
  const close = findTag(svg, start.end, t => t.name === ELEMENT)
  return close?.closing === true ? svg.slice(start.end, close.start) : undefined
}

/** Content that is only CDATA sections (with whitespace and comments around them). */
function onlyCdata (content: string): boolean {
  const outside = content.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '')
  return outside.trim() === '' && content.includes('<![CDATA[')
}

/**
 * An SVG: one `<openbadges:credential>` in the https://purl.imsglobal.org/ob/v3p0 namespace (declared on `<svg>`),
 * with either a `verify` attribute holding a compact JWS and no content, or the credential's JSON wrapped in
 * `<![CDATA[ ]]>`. Throws OBP_OB3_INVALID_SVG for markup that cannot be read.
 */
export function readBakedSvg (svg: string): BakedReading {
  const tags = credentialTags(svg)
  const first = tags[0]
  if (first === undefined) return { violations: [] }
  const violations: string[] = []
  if (tags.length > 1) violations.push(`the SVG has ${tags.length} <${ELEMENT}> elements; there MUST be only one`)
  const root = findTag(svg, 0, t => !t.closing)
  const attributes = parseAttributes(first.attributes)
  const namespace = attributes.get('xmlns:openbadges') ?? (root?.name === 'svg' ? parseAttributes(root.attributes).get('xmlns:openbadges') : undefined)
  if (root?.name !== 'svg') violations.push('the root element is not <svg>')
  if (namespace !== SVG_OB_NAMESPACE) violations.push(`the openbadges prefix is ${namespace === undefined ? 'not declared' : `bound to ${namespace}`}; it MUST be the namespace ${SVG_OB_NAMESPACE}`)
  const content = elementContent(svg, first)
  if (content === undefined) return { violations: [...violations, `<${ELEMENT}> is not closed`] }
  const verify = attributes.get('verify')
  if (verify !== undefined) {
    if (!isCompactJws(verify)) violations.push('the verify attribute MUST be a compact JWS')
    if (contentText(content).trim() !== '') violations.push(`a <${ELEMENT}> with a verify attribute carries the JWS only; its content MUST be empty`)
    return { text: verify, violations }
  }
  const text = contentText(content).trim()
  if (text === '') return { violations }
  if (!onlyCdata(content)) violations.push(`the credential's JSON MUST be wrapped in <![CDATA[...]]>`)
  return { text, violations }
}
