// @obp/status: Bitstring Status List encoding, random slot allocation in MongoDB, status list credentials.
export { createBitstring, getBit, setBit, bitsFromIndices, indicesOf, encodeStatusList, decodeStatusList, MIN_LIST_SIZE } from './bitstring.js'
export { buildStatusListCredential, credentialStatusOf, STATUS_PURPOSE, ENTRY_TYPE, type CredentialStatus, type StatusListCredential } from './credential.js'
export { createStatusAllocator, type AllocatorOptions, type StatusAllocator } from './allocator.js'
export { createStatusStore, type StatusStore, type StatusChange, type StatusChangeResult } from './status-store.js'
export { sweepReservedEntries, type SweepResult } from './sweeper.js'
export { ensureStatusIndexes, revocationKey, copyKey, type StatusCopyRecord, type StatusListRecord, type StatusEntryRecord, type StatusAuditRecord, type StatusRevocationRecord, type PendingChange } from './model.js'
export * as errors from './errors.js'
