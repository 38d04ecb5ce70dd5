// The SVG sanitiser: the document is parsed as XML (what a browser does with image/svg+xml, so prefixes,
// entities and CDATA mean what they will mean there), cleaned in place by DOMPurify's SVG allow-list, with
// hooks that keep references inside the document, and serialised again. Only that output is stored or baked.
//
// Refuse or clean? An upload, a data: image or a baked image that needed active content removed (an element of
// a rendered namespace outside the allow-list, an event attribute, an outside reference, loading CSS) is
// refused: the issuer learns their file is not what they think. Markup nobody renders (editor metadata in other
// namespaces, comments, processing instructions, unknown presentation attributes) is dropped silently.
import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { cssProblem } from './css-check.js'

const NS = {
  svg: 'http://www.w3.org/2000/svg',
  xhtml: 'http://www.w3.org/1999/xhtml',
  mathml: 'http://www.w3.org/1998/Math/MathML',
  xlink: 'http://www.w3.org/1999/xlink'
} as const
const RENDERED = new Set<string>([NS.svg, NS.xhtml, NS.mathml])
/** The only images an SVG may embed: PNG, JPEG or GIF bytes inline (base64). */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif);base64,[a-z0-9+/=\s]*$/i
const IMAGE_ELEMENTS = new Set(['image', 'feimage'])

export type SvgResult = { svg: string } | { error: string }

const { window } = new JSDOM('')
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
/** What the hooks refused during the current (synchronous) sanitise call. */
let refused: string[] = []

const localName = (qualified: string): string => qualified.slice(qualified.lastIndexOf(':') + 1).toLowerCase()

// `href`, `xlink:href` or any other prefix for it: a `#fragment` of this document, or an inline raster image.
function hrefProblem (element: Element, value: string): string | undefined {
  const v = value.trim()
  if (/^#[^\s]*$/.test(v)) return undefined
  if (IMAGE_ELEMENTS.has(element.localName.toLowerCase()) && DATA_IMAGE.test(v)) return undefined
  return `a reference outside the document on <${element.localName}>`
}

purify.addHook('uponSanitizeAttribute', (node, data) => {
  const element = node as Element
  const name = localName(data.attrName)
  let problem: string | undefined
  if (name.startsWith('on')) problem = `an event attribute ${data.attrName}`
  else if (name === 'href') problem = hrefProblem(element, data.attrValue)
  else if (name === 'attributename') {
    // an animation that rewrites a reference or an event handler (SVG Animations §2.6, the `attributeName` target)
    const target = localName(data.attrValue.trim())
    if (target === 'href' || target === 'style' || target.startsWith('on')) problem = `an animation of ${data.attrValue.trim()}`
  }
  problem ??= cssProblem(data.attrValue)
  if (problem !== undefined) {
    refused.push(problem)
    data.keepAttr = false
  }
})

purify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'style') return
  const problem = cssProblem(node.textContent ?? '')
  if (problem !== undefined) {
    refused.push(`${problem} in <style>`)
    node.textContent = ''
  }
})

const CONFIG = {
  IN_PLACE: true,
  USE_PROFILES: { svg: true, svgFilters: true },
  ADD_TAGS: ['use'], // SVG 2 §5.6; its href is held to a #fragment by the hook above
  ADD_ATTR: ['role'], // WAI-ARIA's role="img" with aria-label (kept by default) names the badge to screen readers
  KEEP_CONTENT: false // a removed element goes with everything inside it
}

/** A removal DOMPurify reports that the hooks did not already explain, if it is active content. */
function activeRemoval (entry: { element?: Node; attribute?: Attr | null; from?: Node }): string | undefined {
  if (entry.element !== undefined) {
    const el = entry.element as Element
    if (el.nodeType !== 1 || !RENDERED.has(el.namespaceURI ?? '')) return undefined // comments, PIs, editor markup
    return `<${el.nodeName}>`
  }
  const attr = entry.attribute
  if (attr == null) return undefined
  const name = attr.localName.toLowerCase()
  if (name.startsWith('on')) return `an event attribute ${attr.name}`
  if (name === 'href' && (attr.namespaceURI === null || attr.namespaceURI === NS.xlink)) return `a reference ${attr.name}`
  return undefined
}

/** Belt and braces over the cleaned tree: only SVG elements, no event attribute, no outside reference. */
function checkTree (root: Element): string | undefined {
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el.namespaceURI !== NS.svg) return `<${el.nodeName}> outside the SVG namespace`
    for (const attr of el.attributes) {
      const name = attr.localName.toLowerCase()
      if (name.startsWith('on')) return `an event attribute ${attr.name}`
      if (name === 'href' && hrefProblem(el, attr.value) !== undefined) return `a reference ${attr.name}`
    }
  }
  return undefined
}

/**
 * The SVG, cleaned, or why it is refused: not UTF-8, not well-formed XML, a DOCTYPE declaring entities (XXE,
 * entity expansion), a root that is not `<svg>`, or active content (see the top of this file).
 */
export function sanitiseSvg (data: Buffer | string): SvgResult {
  let text: string
  try {
    text = typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return { error: 'an SVG must be UTF-8' }
  }
  // Entities are never needed in a badge and are how XXE and "billion laughs" start; a bare DOCTYPE naming the
  // SVG 1.1 DTD (as editors write) is harmless and dropped with the rest of the prolog.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*\[/i.test(text)) return { error: 'a DOCTYPE with entity declarations' }
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml')
  const root = doc.documentElement
  if (root.getElementsByTagNameNS('http://www.mozilla.org/newlayout/xml/parsererror.xml', 'parsererror').length > 0 ||
    root.localName === 'parsererror') return { error: 'not well-formed XML' }
  if (root.namespaceURI !== NS.svg || root.localName !== 'svg') return { error: 'the root element is not <svg> in the SVG namespace' }
  refused = []
  try {
    purify.sanitize(root, CONFIG)
  } catch (err) {
    // DOMPurify refuses a root it would remove, e.g. a prefixed <s:svg> (its allow-list names unprefixed elements)
    return { error: `SVG refused by the sanitiser: ${(err as Error).message}` }
  }
  const found = [...refused, ...purify.removed.map(activeRemoval).filter((r): r is string => r !== undefined)]
  refused = []
  if (found.length > 0) return { error: `SVG with active content: ${[...new Set(found)].slice(0, 5).join(', ')}` }
  const stray = checkTree(root)
  if (stray !== undefined) return { error: `SVG with active content: ${stray}` }
  return { svg: new window.XMLSerializer().serializeToString(root) }
}
