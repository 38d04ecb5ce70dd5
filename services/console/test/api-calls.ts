// Every HTTP call of the console's API client (src/api/client.ts: get, post, put, del), read from the sources'
// syntax trees: the method from the function called, the path from its first argument with each interpolated
// value as `{}` (issuerPath(id, rest) is `/issuers/{}` + rest, a const is followed to its value). A path the
// reader cannot follow is reported, so a new call cannot slip past the check (STYLE.md §16).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

export interface ApiCall { method: string; path: string; at: string }

const METHODS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', del: 'DELETE' }

function sources (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? sources(join(dir, e.name))
    : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [])
}

class Unreadable extends Error {}

/** The path a call's argument builds; `{}` for each value only known at run time. */
function pathOf (node: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string {
  if (depth > 5) throw new Unreadable('too deep')
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isParenthesizedExpression(node)) return pathOf(node.expression, consts, depth + 1)
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map(s => interpolated(s.expression, consts, depth) + s.literal.text).join('')
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'issuerPath') {
    const rest = node.arguments[1]
    return '/issuers/{}' + (rest ? pathOf(rest, consts, depth + 1) : '')
  }
  if (ts.isIdentifier(node) && consts.has(node.text)) return pathOf(consts.get(node.text) as ts.Expression, consts, depth + 1)
  throw new Unreadable(node.getText())
}

/** An interpolated value: a path when it is one (issuerPath, a const path), else a run-time value. */
function interpolated (node: ts.Expression, consts: Map<string, ts.Expression>, depth: number): string {
  try {
    const p = pathOf(node, consts, depth + 1)
    if (p.startsWith('/')) return p
  } catch (err) { if (!(err instanceof Unreadable)) throw err }
  return '{}'
}

/** The console's API calls, and the calls whose path could not be read (to be fixed in the source). */
export function apiCalls (srcDir: string): { calls: ApiCall[]; unreadable: string[] } {
  const calls: ApiCall[] = []
  const unreadable: string[] = []
  for (const file of sources(srcDir)) {
    if (file.endsWith(join('api', 'client.ts'))) continue // the client's own definitions
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
    const consts = new Map<string, ts.Expression>()
    const ambiguous = new Set<string>()
    const found: ts.CallExpression[] = []
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (node.parent.flags & ts.NodeFlags.Const)) {
        // one name, two different values in one file: neither is followed (the call is reported instead)
        const name = node.name.text
        const seen = consts.get(name)
        if (seen !== undefined && seen.getText() !== node.initializer.getText()) ambiguous.add(name)
        consts.set(name, node.initializer)
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && METHODS[node.expression.text] && node.arguments.length > 0) found.push(node)
      ts.forEachChild(node, visit)
    }
    visit(source)
    for (const name of ambiguous) consts.delete(name)
    for (const call of found) {
      const at = `${relative(srcDir, file)}:${source.getLineAndCharacterOfPosition(call.getStart()).line + 1}`
      try {
        const path = pathOf(call.arguments[0], consts).split('?')[0]
        calls.push({ method: METHODS[(call.expression as ts.Identifier).text], path, at })
      } catch (err) {
        if (!(err instanceof Unreadable)) throw err
        unreadable.push(`${at}: ${call.arguments[0].getText()}`)
      }
    }
  }
  return { calls, unreadable }
}

/** Whether an OpenAPI path (`/issuers/{issuerId}/...`) serves a console path (`/issuers/{}/...`). */
export function serves (openApiPath: string, consolePath: string): boolean {
  const pattern = consolePath.split('/').map(seg => seg.split('{}').map(s => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('[^/]+')).join('/')
  return new RegExp(`^${pattern}$`).test(openApiPath)
}
