// The @digitalbazaar packages the tests drive directly (stock verification, did:key round trips) ship no
// declarations; the library itself only uses the ones in src/vendor.d.ts.
declare module '@digitalbazaar/vc'
declare module '@digitalbazaar/data-integrity'
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
declare module '@digitalbazaar/ed25519-signature-2020'
declare module '@digitalbazaar/ed25519-multikey'
declare module '@digitalbazaar/ecdsa-multikey'
