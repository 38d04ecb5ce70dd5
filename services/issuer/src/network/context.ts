// Everything the network module works with, built once per app (STYLE.md §4: injected, not global).
import type { Db } from 'mongodb'
import type { DocumentLoader } from '@obp/documents'
import type { IssuerSigners, IssuerStore } from '@obp/issuers'
import type { StatusAllocator } from '@obp/status'
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

/** What the network module takes from the issuer service: its one issuer store, signer cache, status allocator and loader. */
export interface NetworkContextOptions {
  db: Db
  issuerPublicUrl: string
  networkName?: string
  issuers: IssuerStore
  signers: IssuerSigners
  status: StatusAllocator
  documentLoader: DocumentLoader
}

export function createNetworkContext (opts: NetworkContextOptions): NetworkContext {
  return {
    db: opts.db,
    publicUrl: opts.issuerPublicUrl.replace(/\/+$/, ''),
    networkName: opts.networkName ?? 'Open Badges Network',
    issuers: opts.issuers,
    members: createMemberStore(opts.db),
    endorsements: createEndorsementStore(opts.db),
    signers: opts.signers,
    status: opts.status,
    documentLoader: opts.documentLoader
  }
}

/** Indexes of the collections this module owns, created in one place at start-up (STYLE.md §5). */
export async function ensureNetworkIndexes (ctx: NetworkContext): Promise<void> {
  await ctx.members.ensureIndexes()
  await ctx.endorsements.ensureIndexes()
}
