// Requests per token, throttled in memory by a token bucket per process: a
// script may burst, then keeps to the refill rate. Several instances each keep
// their own buckets (a token's ceiling scales with them); unlike the password
// throttle (auth/throttle.ts, in Postgres), nothing here is worth a write.

export interface TokenRate {
  /** Calls a token may make at once (a batch counts each of its calls). */
  burst: number;
  /** Calls per second the bucket refills by. */
  perSecond: number;
}

/** 120 calls at once, then 2 a second (120 a minute): plenty for a script. */
export const TOKEN_RATE: TokenRate = { burst: 120, perSecond: 2 };

/** Buckets kept before idle (full) ones are dropped. */
const PRUNE_ABOVE = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rate: TokenRate = TOKEN_RATE,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes `cost` calls from `key`'s bucket: 0 when allowed, otherwise the
   * whole seconds to wait before that many calls fit again.
   */
  take(key: string, cost = 1): number {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    if (cost > this.rate.burst) return Math.ceil(this.rate.burst / this.rate.perSecond);
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.rate.perSecond));
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(now);
      bucket = { tokens: this.rate.burst, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const gained = ((now - bucket.at) / 1000) * this.rate.perSecond;
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + gained);
    bucket.at = now;
    return bucket;
  }

  /** Drops buckets that have refilled: forgetting them changes nothing. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const full = bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond;
      if (full >= this.rate.burst) this.buckets.delete(key);
    }
  }
}
