// What the builders make is JSON-LD that the platform can sign: every term is defined by the bundled
// contexts (JSON-LD safe mode, as the Data Integrity suites use it), including 1EdTechJsonSchemaValidator2019
// through the extensions context, which is why it is the third context.
import { createDocumentLoader } from '@obp/documents'
import jsonld from 'jsonld'
import t from 'tap'
import { buildEndorsementCredential, buildProfile, OB_EXTENSIONS_CONTEXT } from '../src/index.js'
import { sampleCredential } from './helpers/fixtures.js'

const documentLoader = createDocumentLoader()
const canonize = (doc: object) => jsonld.canonize(doc, { documentLoader, safe: true, algorithm: 'RDFC-1.0', format: 'application/n-quads' })

t.test('built credentials canonize in safe mode', async (t) => {
  const docs = {
    email: sampleCredential(),
    did: sampleCredential({ did: 'did:example:ebfeb1f712ebc6f1c276e12ec21', name: 'Jane Doe' }),
    endorsement: buildEndorsementCredential({ id: 'urn:uuid:e', issuer: buildProfile({ id: 'https://other.example', name: 'Other' }), subjectId: 'urn:uuid:s', comment: 'Good.' })
  }
  for (const [name, doc] of Object.entries(docs)) {
    const nquads = await canonize(doc)
    t.match(nquads, 'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019', `${name}: credentialSchema type defined`)
  }
  const did = await canonize(docs.did)
  t.match(did, '<did:example:ebfeb1f712ebc6f1c276e12ec21> <https://schema.org/name> "Jane Doe" .', 'recipient name is a defined term')
  const email = await canonize(docs.email)
  t.match(email, 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash', 'hashed identity kept')
})

t.test('without the extensions context, 1EdTechJsonSchemaValidator2019 falls to the v2 issuer-dependent vocabulary (VCDM 2.0 §5.2), never dropped', async (t) => {
  const vc = sampleCredential()
  vc['@context'] = vc['@context'].filter((c) => c !== OB_EXTENSIONS_CONTEXT)
  const nquads = await canonize(vc)
  t.match(nquads, '<https://www.w3.org/ns/credentials/issuer-dependent#1EdTechJsonSchemaValidator2019>')
  t.notMatch(nquads, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json#1EdTechJsonSchemaValidator2019')
})
