// SVG baking (OB 3.0 §5.3.2 "Baked Badge / SVG"): `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`
// on the root `<svg>`, and directly after it one `<openbadges:credential>`: for a VC-JWT an empty element
// with the compact JWS in its `verify` attribute; for an embedded proof the JSON in a CDATA section.
import { SVG_OB_NAMESPACE } from './constants.js'
import { InvalidSvgError } from './errors.js'
import { bakeText } from './bake-text.js'
import { cdata, contentText, escapeAttribute, findTag, parseAttributes, type Tag } from './svg-scan.js'

const ELEMENT = 'openbadges:credential'

function rootSvg (svg: string): Tag {
  const root = findTag(svg, 0, (t) => !t.closing)
  if (root === undefined || root.name !== 'svg') throw new InvalidSvgError('the root element is not <svg>')
  return root
}

/** The span of the first `<openbadges:credential>` element (start tag to end tag), or undefined. */
function credentialElement (svg: string, from: number): { start: Tag; end: number; content: string } | undefined {
  const start = findTag(svg, from, (t) => !t.closing && t.name === ELEMENT)
  if (start === undefined) return undefined
  if (start.selfClosing) return { start, end: start.end, content: '' }
  const close = findTag(svg, start.end, (t) => t.name === ELEMENT)
  if (close === undefined || !close.closing) throw new InvalidSvgError(`<${ELEMENT}> is not closed`)
  return { start, end: close.end, content: svg.slice(start.end, close.start) }
}

/** The root start tag with the openbadges namespace declared (an existing binding is re-pointed). */
function withNamespace (root: Tag): string {
  const attrs = parseAttributes(root.attributes)
  let attributes = root.attributes
  if (attrs.get('xmlns:openbadges') !== SVG_OB_NAMESPACE) {
    attributes = attributes.replace(/\s+xmlns:openbadges\s*=\s*(?:"[^"]*"|'[^']*')/, '')
    attributes = `${attributes.replace(/\s+$/, '')} xmlns:openbadges="${SVG_OB_NAMESPACE}"`
  }
  return `<svg${attributes}>`
}

/**
 * Bakes a credential into an SVG. An existing `<openbadges:credential>` is replaced ("There MUST be only one").
 * Object or JSON text goes in CDATA (a `]]>` in the JSON is split across CDATA sections); a compact JWS goes
 * in `verify`. Throws OBP_OB3_INVALID_SVG when the root element is not `<svg>`.
 */
export function bakeSvg (svg: string, credential: object | string): string {
  if (typeof svg !== 'string') throw new InvalidSvgError('not a string')
  const text = bakeText(credential)
  let doc = svg
  for (let old = credentialElement(doc, 0); old !== undefined; old = credentialElement(doc, old.start.start)) {
    doc = doc.slice(0, old.start.start) + doc.slice(old.end)
  }
  const root = rootSvg(doc)
  const element = text.kind === 'jws'
    ? `<${ELEMENT} verify="${escapeAttribute(text.value)}"></${ELEMENT}>`
    : `<${ELEMENT}>${cdata(text.value)}</${ELEMENT}>`
  const tail = root.selfClosing ? '</svg>' : ''
  return doc.slice(0, root.start) + withNamespace(root) + element + tail + doc.slice(root.end)
}

/**
 * The baked credential of an SVG (§5.3.2.2 Extracting: the first `<openbadges:credential>`): the `verify`
 * attribute (a compact JWS) if present, else the element's text (CDATA) with surrounding whitespace trimmed,
 * which JSON ignores. Undefined when there is none; throws OBP_OB3_INVALID_SVG for broken markup around it.
 */
export function unbakeSvg (svg: string): string | undefined {
  if (typeof svg !== 'string') throw new InvalidSvgError('not a string')
  const element = credentialElement(svg, 0)
  if (element === undefined) return undefined
  const verify = parseAttributes(element.start.attributes).get('verify')?.trim()
  if (verify !== undefined && verify !== '') return verify
  const text = contentText(element.content).trim()
  return text === '' ? undefined : text
}
