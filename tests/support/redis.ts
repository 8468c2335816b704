/**
 * The test Redis (TEST_REDIS_URL: `npm run db:redis` prints one; .ci/run and `npm run test:pg`
 * start it). A file that needs it points the app's modules and its child processes at it under a
 * key prefix of its own, so files running at once never share a limiter or a bucket.
 */
export const testRedisUrl: string | undefined = process.env.TEST_REDIS_URL || undefined;

export function pointAtTestRedis(): string {
  if (!testRedisUrl) throw new Error("TEST_REDIS_URL is not set (npm run db:redis prints one)");
  process.env.REDIS_URL = testRedisUrl;
  process.env.CHATLIFT_REDIS_PREFIX = `test-${process.pid}-${Date.now()}:`;
  return testRedisUrl;
}
