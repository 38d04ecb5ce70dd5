// Everything the network module works with, built once per app (STYLE.md §4: injected, not global).
import type { Db } from 'mongodb'
import { createDocumentLoader, type DocumentLoader } from '@obp/documents'
import { createIssuerSigners, createIssuerStore, type IssuerSigners, type IssuerStore } from '@obp/issuers'
import { createLocalCustody } from '@obp/signing'
import { createStatusAllocator, type StatusAllocator } from '@obp/status'
import { createEndorsementStore, type EndorsementStore } from './endorsement-store.js'
import { createMemberStore, type MemberStore } from './member-store.js'

export interface NetworkContext {
  db: Db
  /** ISSUER_PUBLIC_URL without a trailing slash */
  publicUrl: string
  /** NETWORK_NAME */
  networkName: string
  issuers: IssuerStore
  members: MemberStore
  endorsements: EndorsementStore
  signers: IssuerSigners
  status: StatusAllocator
  documentLoader: DocumentLoader
}

export interface NetworkContextOptions {
  db: Db
  issuerPublicUrl: string
  revocationPublicUrl: string
  networkName?: string
  kek: Buffer
  kekId: string
  /** the app's signer cache, when it has one (shares imported keys with the award path) */
  signers?: IssuerSigners
  documentLoader?: DocumentLoader
}

export function createNetworkContext (opts: NetworkContextOptions): NetworkContext {
  const issuers = createIssuerStore(opts.db)
  return {
    db: opts.db,
    publicUrl: opts.issuerPublicUrl.replace(/\/+$/, ''),
    networkName: opts.networkName ?? 'Open Badges Network',
    issuers,
    members: createMemberStore(opts.db),
    endorsements: createEndorsementStore(opts.db),
    signers: opts.signers ?? createIssuerSigners({ store: issuers, custody: createLocalCustody({ kek: opts.kek, kekId: opts.kekId }) }),
    status: createStatusAllocator({ db: opts.db, revocationPublicUrl: opts.revocationPublicUrl }),
    documentLoader: opts.documentLoader ?? createDocumentLoader()
  }
}

/** Indexes of the collections this module owns, created in one place at start-up (STYLE.md §5). */
export async function ensureNetworkIndexes (ctx: NetworkContext): Promise<void> {
  await ctx.members.ensureIndexes()
  await ctx.endorsements.ensureIndexes()
}
