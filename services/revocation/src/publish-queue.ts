// The publish job and its enqueue live in @obp/service-kit (the issuer queues one too, for a wallet copy).
export { enqueuePublish, PUBLISH_JOB, type PublishJob } from '@obp/service-kit'
