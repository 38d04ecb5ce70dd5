// Compiling a shape (docs/decisions/0002-compiled-canonicalization.md): run stock jsonld.toRDF once on a template whose slot strings are unique
// placeholders, and remember where each placeholder lands in the RDF dataset (JSON-LD 1.1 API §8 "RDF
// Serialization/Deserialization"). Per document the slot values are put back into those positions, which gives
// the dataset toRDF would give, provided every value is one that expansion passes through unchanged:
//  - a literal slot (a string-valued property): JSON-LD never rewrites a string that becomes a literal, its
//    datatype/language come from the term definition (the shape) and escaping happens later, in rdf-canonize's
//    N-Quads serializer, exactly as on the stock path;
//  - an IRI slot (@id, or a property typed @id/@vocab): only absolute IRIs of safe forms (SAFE_IRI), whose scheme
//    is no term of any context used (so no compact-IRI expansion, JSON-LD 1.1 API §5.2 IRI Expansion step 6);
//  - an xsd:dateTime literal slot: additionally the XSD dateTime lexical form (conservative, not needed by jsonld).
// Blank node labels are not reproduced: RDFC-1.0 labels blank nodes from the quads' content (RDFC-1.0 §4.4), so
// the canonical N-Quads depend only on the dataset as a set; duplicates (two nodes sharing an IRI, two equal
// strings in one property) are removed, as jsonld's node map does.
import jsonld from 'jsonld'
import { fillSlots } from './shape.js'
import type { DocumentLoader } from './types.js'

export interface Term { termType: string; value: string; datatype?: Term; language?: string }
export interface Quad { subject: Term; predicate: Term; object: Term; graph: Term }

const SLOT_KIND = { iri: 1, literal: 2, dateTime: 3 } as const
type SlotKind = typeof SLOT_KIND[keyof typeof SLOT_KIND]
/** A template position: a fixed term, or slot `slot` as an IRI or as a literal with the template's datatype. */
type TermTemplate = { fixed: Term } | { slot: number; literal?: { datatype?: Term; language?: string } }
type QuadTemplate = [TermTemplate, TermTemplate, TermTemplate, TermTemplate]

export interface CompiledShape {
  kinds: SlotKind[]
  quads: QuadTemplate[]
  /** values of the fixed terms: a slot value among them could make two quads equal */
  fixedValues: Set<string>
}

const POSITIONS = ['subject', 'predicate', 'object', 'graph'] as const
const PLACEHOLDER = 'urn:uuid:0b9e5c1e-7f3a-4d2b-9c4e-'
const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime'

// https/http URLs, urn:uuid, DIDs (DID Core §3.1 syntax; optionally with a fragment) and data: URIs; RFC 3986 characters only, no
// spaces, quotes, angle brackets or backslashes (N-Quads IRIREF, RDF 1.1 N-Quads §5), no non-ASCII.
export const SAFE_IRI = new RegExp('^(?:https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~!$&\'()*+,;=:@/?#%-]*)?' +
  '|urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?:#[A-Za-z0-9._~%-]+)?' +
  '|did:[a-z0-9]+:[A-Za-z0-9._%:-]+(?:#[A-Za-z0-9._~%-]+)?' +
  // data: URIs (RFC 2397), e.g. an achievement image given inline: base64 or percent-encoded, no fragment
  '|data:[a-z]+/[a-z0-9.+-]+(?:;[a-z0-9.-]+=[A-Za-z0-9.-]+)*(?:;base64)?,[A-Za-z0-9._~!$&\'()*+,;=:@/?%-]*)$')
// XSD 1.1 dateTime with a time zone (the form VCDM 2.0 §4.9 and the OB builders produce).
export const DATE_TIME = /^-?[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$/
// Schemes of SAFE_IRI: a context defining one of these as a term (or any term with a colon) disables compiling.
const SAFE_SCHEMES = new Set(['https', 'http', 'urn', 'did', 'data', '_'])

function placeholder (i: number): string {
  return PLACEHOLDER + i.toString(16).padStart(12, '0')
}

function slotOf (value: string, count: number): number | undefined {
  if (!value.includes(PLACEHOLDER)) return undefined
  const hex = value.slice(PLACEHOLDER.length)
  const i = value.startsWith(PLACEHOLDER) && /^[0-9a-f]{12}$/.test(hex) ? parseInt(hex, 16) : -1
  return i >= 0 && i < count ? i : -1
}

/** Term names of a context document and every context it scopes or imports, loaded through `documentLoader`. */
async function termNames (urls: Iterable<string>, documentLoader: DocumentLoader): Promise<Set<string>> {
  const names = new Set<string>()
  const seen = new Set<string>()
  const visit = async (ctx: unknown): Promise<void> => {
    if (typeof ctx === 'string') {
      if (seen.has(ctx)) return
      seen.add(ctx)
      await visit((await documentLoader(ctx)).document?.['@context'])
    } else if (Array.isArray(ctx)) {
      for (const c of ctx) await visit(c)
    } else if (ctx !== null && typeof ctx === 'object') {
      for (const [k, v] of Object.entries(ctx)) {
        if (k === '@import') await visit(v)
        else if (!k.startsWith('@')) names.add(k)
        if (v !== null && typeof v === 'object' && '@context' in v) await visit((v as Record<string, unknown>)['@context'])
      }
    }
  }
  await visit([...urls])
  return names
}

function contextUrls (value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) contextUrls(v, out)
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '@context') for (const url of [v].flat()) out.add(url as string)
      else contextUrls(v, out)
    }
  }
  return out
}

/**
 * Compiles the shape of `document` (with `slotCount` slots); undefined when the shape cannot be compiled
 * (a placeholder rewritten, dropped, or in a predicate/datatype/language position; a context defining a term
 * SAFE_IRI relies on). Throws what stock jsonld.toRDF throws for the template (e.g. safe mode).
 */
export async function compileShape (document: object, slotCount: number, toRdfOptions: Record<string, unknown>): Promise<CompiledShape | undefined> {
  const names = await termNames(contextUrls(document, new Set()), toRdfOptions.documentLoader as DocumentLoader)
  for (const name of names) if (name.includes(':') || SAFE_SCHEMES.has(name)) return undefined
  let next = 0
  const template = fillSlots(document, () => placeholder(next++))
  const dataset: Quad[] = await jsonld.toRDF(template, toRdfOptions)
  const kinds = new Array<SlotKind | undefined>(slotCount).fill(undefined)
  const quads: QuadTemplate[] = []
  for (const quad of dataset) {
    const out: TermTemplate[] = []
    for (const position of POSITIONS) {
      const term = quad[position]
      const slot = slotOf(term.value, slotCount)
      if (slotOf(term.datatype?.value ?? '', slotCount) !== undefined || slotOf(term.language ?? '', slotCount) !== undefined) return undefined
      if (slot === undefined) {
        out.push({ fixed: term })
        continue
      }
      if (slot < 0 || position === 'predicate') return undefined
      const kind = term.termType === 'NamedNode' ? SLOT_KIND.iri : term.termType === 'Literal' ? (term.datatype?.value === XSD_DATE_TIME ? SLOT_KIND.dateTime : SLOT_KIND.literal) : undefined
      if (kind === undefined || (kinds[slot] !== undefined && kinds[slot] !== kind)) return undefined
      kinds[slot] = kind
      out.push(kind === SLOT_KIND.iri ? { slot } : { slot, literal: { datatype: term.datatype, language: term.language } })
    }
    quads.push(out as QuadTemplate)
  }
  if (kinds.some(k => k === undefined)) return undefined
  const fixedValues = new Set(quads.flatMap(q => q.flatMap(t => 'fixed' in t ? [t.fixed.value] : [])))
  return { kinds: kinds as SlotKind[], quads, fixedValues }
}

function termKey (t: Term): string {
  return t.termType === 'Literal' ? JSON.stringify([t.value, t.datatype?.value, t.language]) : `${t.termType[0]}${t.value}`
}

/** The RDF dataset of a document with this shape and these slot values; undefined if a value is not safe. */
export function instantiate (compiled: CompiledShape, slots: readonly string[]): Quad[] | undefined {
  const { kinds } = compiled
  if (slots.length !== kinds.length) return undefined
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]
    if (kind === SLOT_KIND.iri ? !SAFE_IRI.test(slots[i]) : kind === SLOT_KIND.dateTime && !DATE_TIME.test(slots[i])) return undefined
  }
  const term = (t: TermTemplate): Term => {
    if ('fixed' in t) return t.fixed
    if (t.literal === undefined) return { termType: 'NamedNode', value: slots[t.slot] }
    const literal: Term = { termType: 'Literal', value: slots[t.slot], datatype: t.literal.datatype }
    if (t.literal.language !== undefined) literal.language = t.literal.language
    return literal
  }
  // The template's quads are distinct (distinct placeholders), and filling in pairwise distinct values that equal
  // no fixed term keeps them distinct; only otherwise can two quads coincide and need removing.
  const distinct = new Set(slots)
  let mayCollide = distinct.size !== slots.length
  for (let i = 0; !mayCollide && i < slots.length; i++) mayCollide = compiled.fixedValues.has(slots[i])
  const seen = new Set<string>()
  const dataset: Quad[] = []
  for (const [s, p, o, g] of compiled.quads) {
    const quad = { subject: term(s), predicate: term(p), object: term(o), graph: term(g) }
    if (!mayCollide) {
      dataset.push(quad)
      continue
    }
    const key = `${termKey(quad.subject)} ${termKey(quad.predicate)} ${termKey(quad.object)} ${termKey(quad.graph)}`
    if (seen.has(key)) continue
    seen.add(key)
    dataset.push(quad)
  }
  return dataset
}
