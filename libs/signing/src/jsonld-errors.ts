// Turning jsonld / jsonld-signatures failures into @obp/signing errors.
import { SigningFailedError, UndefinedTermError } from './errors.js'
import type { ErrorInfo } from './types.js'

/** The term or type named by a JSON-LD safe-mode event (JSON-LD 1.1 API, `safe` option). */
export function undefinedTermOf (err: unknown): string | undefined {
  const e = err as { name?: string; details?: { event?: { code?: string; details?: Record<string, unknown> } } }
  if (e?.name !== 'jsonld.ValidationError') return undefined
  const d = e.details?.event?.details ?? {}
  const term = d.property ?? d.type ?? d.expandedProperty ?? d.value ?? d.term
  return typeof term === 'string' ? term : JSON.stringify(term ?? e.details?.event?.code ?? 'unknown')
}

/** A loader error (e.g. OBP_DOCUMENTS_UNKNOWN_CONTEXT) wrapped by jsonld keeps its code; find it. */
function causeWithCode (err: unknown): (Error & { code: string }) | undefined {
  let cur = err as { code?: unknown; cause?: unknown; details?: { cause?: unknown } } | undefined
  for (let i = 0; cur && i < 5; i++) {
    if (typeof cur.code === 'string' && cur.code.startsWith('OBP_')) return cur as Error & { code: string }
    cur = (cur.details?.cause ?? cur.cause) as typeof cur
  }
  return undefined
}

export function toSigningError (err: unknown): Error {
  const term = undefinedTermOf(err)
  if (term !== undefined) return new UndefinedTermError(term)
  const coded = causeWithCode(err)
  if (coded) return coded
  if (err instanceof TypeError) return err
  const e = err as Error
  return new SigningFailedError(e?.message ?? String(err), { cause: err })
}

export function errorInfo (err: unknown): ErrorInfo | undefined {
  if (!err) return undefined
  const e = err as Error & { code?: string; errors?: unknown[] }
  const term = undefinedTermOf(err)
  const coded = causeWithCode(err)
  const info: ErrorInfo = {
    name: e.name ?? 'Error',
    message: term !== undefined ? `Credential uses a term that no @context defines: "${term}"` : coded?.message ?? e.message ?? String(err)
  }
  const code = coded?.code ?? (typeof e.code === 'string' ? e.code : undefined)
  if (code) info.code = code
  if (Array.isArray(e.errors) && e.errors.length > 0) info.errors = e.errors.map(x => errorInfo(x)).filter((x): x is ErrorInfo => !!x)
  return info
}
