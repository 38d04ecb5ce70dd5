// The platform's invariants, checked against a database (docs/decisions/0006-nothing-accepted-is-lost.md): every accepted award ended as exactly one
// credential or a reported failure; no status slot is used twice; every issued credential verifies.
//   npx tsx scripts/check-invariants.ts <mongodb-url-with-database>
import { MongoClient, type Db } from 'mongodb'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'

export interface InvariantReport {
  batches: number
  rows: number
  credentials: number
  failedRows: number
  problems: string[]
}

export async function checkInvariants (db: Db, opts: { verify?: boolean; batchIds?: string[] } = {}): Promise<InvariantReport> {
  const problems: string[] = []
  const batchFilter = opts.batchIds ? { _id: { $in: opts.batchIds } } : {}
  const batches = await db.collection<{ _id: string; state: string; total: number }>('batches').find(batchFilter).toArray()
  let rows = 0
  let failedRows = 0
  for (const batch of batches) {
    if (batch.state !== 'completed') problems.push(`batch ${batch._id} is ${batch.state}, not completed`)
    // every accepted row (0 .. total-1) has exactly one outcome in its chunk's results document; the rows
    // themselves (recipients' addresses) are deleted once the batch completes (services/issuer batch-store.ts)
    const chunks = await db.collection<{ results: Array<{ row: number; credentialId: string; state: string; error?: unknown }> }>('batch_results').find({ batchId: batch._id }).toArray()
    const all = chunks.flatMap(c => c.results)
    const results = new Map(all.map(r => [r.row, r]))
    if (results.size !== all.length) problems.push(`batch ${batch._id}: a row has more than one result`)
    rows += batch.total
    // one read of the batch's credentials (an equality, not `$in`: FerretDB scans for `$in`)
    const found = await db.collection('credentials').find({ batchId: batch._id }, { projection: { _id: 1, row: 1 } }).toArray()
    const foundRow = new Map(found.map(c => [String(c._id), c.row as number]))
    for (let row = 0; row < batch.total; row++) {
      const result = results.get(row)
      if (!result) { problems.push(`batch ${batch._id} row ${row}: no result`); continue }
      if (result.state === 'succeeded') {
        if (!foundRow.has(result.credentialId)) problems.push(`batch ${batch._id} row ${row}: succeeded but no credential ${result.credentialId}`)
        else if (foundRow.get(result.credentialId) !== row) problems.push(`batch ${batch._id} row ${row}: credential ${result.credentialId} belongs to row ${foundRow.get(result.credentialId)}`)
      } else if (result.state === 'failed') {
        failedRows++
        if (!result.error) problems.push(`batch ${batch._id} row ${row}: failed without a reason`)
        if (foundRow.has(result.credentialId)) problems.push(`batch ${batch._id} row ${row}: failed but credential ${result.credentialId} exists`)
      } else problems.push(`batch ${batch._id} row ${row}: ended ${result.state}`)
    }
    if (batch.state === 'completed' && await db.collection('batch_rows').findOne({ batchId: batch._id })) problems.push(`batch ${batch._id}: completed but its rows are still stored`)
    // exactly one credential per row: no other credential claims the same batch row
    const perRow = await db.collection('credentials').aggregate([
      { $match: { batchId: batch._id } }, { $group: { _id: '$row', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }
    ]).toArray()
    for (const d of perRow) problems.push(`batch ${batch._id} row ${d._id}: ${d.n} credentials`)
  }

  // no status slot used twice (the unique index says so; this checks the data itself)
  const dupSlots = await db.collection('status_entries').aggregate([
    { $group: { _id: { listId: '$listId', index: '$index' }, n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }
  ]).toArray()
  for (const d of dupSlots) problems.push(`status slot ${JSON.stringify(d._id)} used ${d.n} times`)

  // every credential carries the entry allocated to it, and verifies
  const loader = createDocumentLoader()
  const credentialsFilter = opts.batchIds ? { batchId: { $in: opts.batchIds } } : {}
  // credentials are stored as the JSON text that was signed (services/issuer credential-store.ts)
  const cursor = db.collection<{ _id: string; json?: string; credential?: any }>('credentials').find(credentialsFilter)
  let credentials = 0
  for await (const stored of cursor) {
    const c = { _id: stored._id, credential: stored.credential ?? JSON.parse(stored.json ?? 'null') }
    credentials++
    const status = c.credential.credentialStatus
    const entry = await db.collection<{ _id: string; listId: string; index: number }>('status_entries').findOne({ _id: c._id })
    if (!status || !entry) problems.push(`credential ${c._id}: no status entry`)
    else if (String(entry.index) !== status.statusListIndex || !String(status.statusListCredential).endsWith('/' + entry.listId)) {
      problems.push(`credential ${c._id}: carries ${status.statusListCredential}#${status.statusListIndex}, allocated ${entry.listId}#${entry.index}`)
    }
    if (opts.verify !== false) {
      const r = await verifyCredential({ credential: c.credential, documentLoader: loader })
      if (!r.verified) problems.push(`credential ${c._id}: does not verify (${r.error?.message ?? 'unknown'})`)
    }
  }
  return { batches: batches.length, rows, credentials, failedRows, problems }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? process.env.MONGODB_URL
  if (!url) { console.error('usage: check-invariants <mongodb-url/database>'); process.exit(2) }
  const client = new MongoClient(url)
  await client.connect()
  const report = await checkInvariants(client.db())
  await client.close()
  console.log(JSON.stringify(report, null, 2))
  process.exit(report.problems.length ? 1 : 0)
}
