// jsonld ships no declarations; the tests only expand and canonize.
declare module 'jsonld' {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>
    expand(input: object, options: Record<string, unknown>): Promise<unknown[]>
  }
  export default jsonld
}
