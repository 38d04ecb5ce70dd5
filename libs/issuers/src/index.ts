export { createIssuerStore, type IssuerStore, type IssuerRecord, type IssuerKeyRecord, type DidMethod } from './issuer-store.js'
export { createIssuerSigners, type IssuerSigners } from './signers.js'
