// The kit's own tests use the kit (src/test-kit.ts), as every other workspace does through @obp/service-kit/testing.
export { testDb, freePort, ownRedis, TEST_MONGODB_URL as MONGODB_URL, TEST_REDIS_URL as REDIS_URL } from '../src/test-kit.js'
