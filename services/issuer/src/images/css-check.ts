// CSS found in an SVG (`<style>` text, `style` and presentation attributes, which SVG 1.1 §6.4 parses as CSS)
// may only point inside the document. An SVG opened from disk has no CSP, so an outside load is a tracking
// beacon or worse. The allow-list sanitiser keeps `<style>` and `style`; this check is what makes them inert.

// Functions that take a URL or a string naming one (CSS Images 4 `image()`, `image-set()`, `cross-fade()`,
// `element()`; CSS Values 4 `src()`), old script hooks (IE `expression()`), and at-rules that load.
const LOADERS = /(?:^|[^a-z0-9_-])(?:-webkit-)?(?:image-set|image|cross-fade|element|src|expression)\s*\(|@import|-moz-binding|behavior\s*:|javascript:/

/** Why this CSS text is refused, or undefined when it only refers to `#fragment`s of the same document. */
export function cssProblem (css: string): string | undefined {
  const text = css.toLowerCase()
  // CSS Syntax 3 §4.3.7: an escape can spell any name (`\75 rl(` is `url(`); badge CSS has no use for them.
  if (text.includes('\\')) return 'a CSS escape'
  const loader = LOADERS.exec(text)
  if (loader) return `CSS ${loader[0].replace(/^[^a-z@-]/, '').trim()}`
  for (let at = text.indexOf('url('); at !== -1; at = text.indexOf('url(', at + 4)) {
    const target = text.slice(at + 4).replace(/^[\s'"]+/, '')
    if (!target.startsWith('#')) return 'a CSS url() outside the document'
  }
  return undefined
}
