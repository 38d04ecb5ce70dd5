// @obp/documents/testing: helpers for tests only (see each file's warning).
export { createFragmentKeyResolver } from './fragment-key-resolver.js'
