// The readiness budget, as the server runs it (src/Blazor.LiveState/Reconnect/ReadinessAdmission.cs), for the
// simulation. The same algorithm, step for step, in the same floating-point order: tests/readiness-admission.cases.json
// holds cases that both the C# test (ReadinessAdmissionTests) and the node test (readinessAdmission.test.mjs) replay,
// so the two cannot drift apart.
//
// A token bucket refilled at `pagesPerSecond`, holding at most a tenth of a second's budget (at least one page).
// A page over the budget gets a turn: after the pages already told to wait, spaced by the budget's interval, plus a
// random part of up to a tenth of a second.

export const maxRetryAfterMs = 300_000;

export class ReadinessAdmission {
  constructor(pagesPerSecond) {
    if (!(pagesPerSecond >= 1)) {
      throw new RangeError('pagesPerSecond must be at least 1');
    }
    this.tokensPerMs = pagesPerSecond / 1000;
    this.capacity = Math.max(1, Math.ceil(pagesPerSecond / 10));
    this.intervalMs = 1000 / pagesPerSecond;
    this.spreadMs = this.capacity / this.tokensPerMs;
    this.tokens = this.capacity;
    this.lastMs = null;
    this.queueEndMs = -Infinity;
  }

  /** `{ admitted, retryAfterMs, startsQueue }` for a page asking at `nowMs`, with a random draw in [0, 1). */
  tryAdmit(nowMs, random) {
    const last = this.lastMs ?? nowMs;
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, nowMs - last) * this.tokensPerMs);
    this.lastMs = Math.max(last, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { admitted: true, retryAfterMs: 0, startsQueue: false };
    }

    const startsQueue = this.queueEndMs <= nowMs;
    const turn = Math.min(Math.max(this.queueEndMs, nowMs + (1 - this.tokens) / this.tokensPerMs), nowMs + maxRetryAfterMs);
    this.queueEndMs = turn + this.intervalMs;
    const wait = Math.min(maxRetryAfterMs, Math.ceil(turn - nowMs + random * this.spreadMs));
    return { admitted: false, retryAfterMs: wait, startsQueue };
  }
}
