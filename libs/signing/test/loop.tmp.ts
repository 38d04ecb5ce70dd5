import { randomBytes } from 'node:crypto'
import { createLocalCustody, createSigner, generateKey, issue, compiledFastPathStats } from '/work/main/libs/signing/src/index.js'
import { testLoader } from '/work/main/libs/signing/test/helpers/loader.js'
import { sampleCredential } from '/work/main/libs/signing/test/fixtures/credential.js'
const custody = createLocalCustody({ kek: randomBytes(32) })
const key = await generateKey({ custody })
const signer = await createSigner({ key, custody })
const documentLoader = testLoader()
for (let i = 0; i < 300; i++) await issue({ credential: sampleCredential(key.controller, i), signer, key, documentLoader })
const t0 = performance.now()
const N = Number(process.env.N ?? 3000)
for (let i = 0; i < N; i++) await issue({ credential: sampleCredential(key.controller, i), signer, key, documentLoader })
console.log('fast/s', N / ((performance.now() - t0) / 1000), JSON.stringify(compiledFastPathStats()))
