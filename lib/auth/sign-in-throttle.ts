/**
 * Back-off for failed sign-ins, kept per key (a username, a client address). The first
 * `freeFailures` failures in a row cost nothing, so a person who mistypes is not slowed; from
 * then on each failure locks the key for twice as long as the one before, up to `maxLockMs`.
 * A success clears the key. While a key is locked, attempts are refused without checking the
 * password, so a guesser gains nothing by trying faster and the refusal says nothing about the
 * password.
 *
 * Written here rather than taken from a rate-limiting library: what is needed is consecutive
 * failures with doubling locks and an injected clock, and the libraries of the field count
 * requests per fixed window instead.
 */
export type ThrottleSettings = {
  freeFailures: number;
  firstLockMs: number;
  maxLockMs: number;
  /** A key with no failure for this long starts again from nothing. */
  forgetAfterMs: number;
  /** Keys remembered at most; past it the longest-idle unlocked keys are forgotten first. */
  maxKeys: number;
};

type KeyState = { failures: number; lockedUntil: number; lastFailure: number };

export class SignInThrottle {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string): number {
    const state = this.current(key);
    return state ? Math.max(0, state.lockedUntil - this.now()) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const failures = (this.current(key)?.failures ?? 0) + 1;
    const over = failures - this.settings.freeFailures;
    const lockMs =
      over < 0 ? 0 : Math.min(this.settings.maxLockMs, this.settings.firstLockMs * 2 ** over);
    // Re-inserting keeps the map in order of last failure, oldest first, for eviction.
    this.keys.delete(key);
    this.keys.set(key, { failures, lockedUntil: now + lockMs, lastFailure: now });
    this.evict(now);
  }

  recordSuccess(key: string): void {
    this.keys.delete(key);
  }

  /** Keys remembered now, for tests of the memory bound. */
  get size(): number {
    return this.keys.size;
  }

  private current(key: string): KeyState | undefined {
    const state = this.keys.get(key);
    if (state && this.now() - state.lastFailure > this.settings.forgetAfterMs) {
      this.keys.delete(key);
      return undefined;
    }
    return state;
  }

  private evict(now: number): void {
    if (this.keys.size <= this.settings.maxKeys) return;
    for (const [key, state] of this.keys) {
      if (this.keys.size <= this.settings.maxKeys) return;
      if (state.lockedUntil <= now) this.keys.delete(key);
    }
    // Every key is locked: drop the oldest anyway, so memory stays bounded under a flood.
    for (const key of this.keys.keys()) {
      if (this.keys.size <= this.settings.maxKeys) return;
      this.keys.delete(key);
    }
  }
}

export type SignInLimits = {
  perUser: ThrottleSettings;
  perAddress: ThrottleSettings;
};

/**
 * The two throttles a sign-in passes: one per username (a guesser spread over many addresses)
 * and one per client address (one address trying many usernames), whichever is locked longer.
 */
export class SignInGate {
  private readonly users: SignInThrottle;
  private readonly addresses: SignInThrottle;

  constructor(limits: SignInLimits, now: () => number = Date.now) {
    this.users = new SignInThrottle(limits.perUser, now);
    this.addresses = new SignInThrottle(limits.perAddress, now);
  }

  /** Milliseconds this attempt must wait; 0 lets it check the password. */
  lockedFor(username: string, address: string): number {
    return Math.max(this.users.lockedFor(username), this.addresses.lockedFor(address));
  }

  failed(username: string, address: string): void {
    this.users.recordFailure(username);
    this.addresses.recordFailure(address);
  }

  succeeded(username: string, address: string): void {
    this.users.recordSuccess(username);
    this.addresses.recordSuccess(address);
  }
}
