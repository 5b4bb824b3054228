/**
 * A token bucket per client: `burst` requests at once, refilled at `perMinute`. Memory is bounded:
 * full buckets are forgotten, and past `maxClients` the oldest entries go first.
 * @param {{ perMinute?: number, burst?: number, maxClients?: number, now?: () => number }} [options]
 */
export function createRateLimit({ perMinute = 60, burst = 30, maxClients = 50_000, now = Date.now } = {}) {
  const buckets = new Map();
  const refillPerMs = perMinute / 60_000;
  return {
    /** @returns {number} 0 when allowed, else the seconds to wait */
    take(client) {
      const time = now();
      const bucket = buckets.get(client) ?? { tokens: burst, at: time };
      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * refillPerMs);
      bucket.at = time;
      buckets.delete(client);
      if (bucket.tokens < 1) {
        buckets.set(client, bucket);
        return Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      }
      bucket.tokens -= 1;
      buckets.set(client, bucket);
      // Map keeps insertion order: the first keys are the clients seen longest ago.
      while (buckets.size > maxClients) buckets.delete(buckets.keys().next().value);
      return 0;
    },
  };
}
