// The @digitalbazaar packages the scripted wallets drive directly ship no declarations.
declare module '@digitalbazaar/vc'
declare module '@digitalbazaar/data-integrity'
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
declare module '@digitalbazaar/ed25519-signature-2020'
declare module '@digitalbazaar/ed25519-multikey'
