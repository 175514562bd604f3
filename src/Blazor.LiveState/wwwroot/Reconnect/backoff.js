// The reconnect schedule: exponential backoff with jitter from a small first step (about ten probes in
// the first second, so a blip is over before the user notices), a short cap while the outage is young
// (the user is waiting and a restart takes seconds), a shorter one still while nothing answers at all
// (a refused connection costs no server or proxy a request, and a crashed server is noticed sooner), a
// longer cap later (a long outage must not hammer the server or the proxy), and an optional time to give
// up. Pure: tested with node. A starting instance is protected by its readiness budget (it answers pages
// over it "busy", with a turn), not here.

/**
 * The server sends the app's values (LiveStateOptions.Reconnect, whose defaults are the one home of these
 * numbers) when a circuit opens; these stand in only until then, and a C# test pins them to those defaults.
 */
export const defaultSchedule = Object.freeze({
  firstDelayMs: 20,
  growth: 1.5,
  youngOutageMs: 8_000,
  youngOutageMaxDelayMs: 500,
  unansweredMaxDelayMs: 150,
  maxDelayMs: 15_000,
  jitter: 1,
  minDelayMs: 10,
  giveUpAfterMs: null,
});

// Past the young outage the cap doubles this often, from youngOutageMaxDelayMs up to maxDelayMs, so the
// schedule backs off smoothly instead of jumping from the short cap to the long one.
const capDoublingMs = 5_000;

/**
 * The wait before probe number `attempt` (0-based), `elapsedMs` into the outage: exponential from
 * `firstDelayMs`, capped at `youngOutageMaxDelayMs` while the outage is young (at `unansweredMaxDelayMs` when the
 * last probe got no answer at all: nothing listens, so probing costs nobody a request), then at a cap that
 * doubles every 5 s up to `maxDelayMs`.
 * Returns null when the outage has lasted longer than `giveUpAfterMs`.
 * Full jitter (`jitter: 1`) draws uniformly below the backoff, so that tabs dropped by the same
 * restart spread out instead of arriving together; `minDelayMs` keeps even the luckiest draw from
 * becoming a tight loop, and keeps the first try off a server that is still shutting down.
 */
export function nextDelay(schedule, attempt, elapsedMs, random = Math.random, { unanswered = false } = {}) {
  if (schedule.giveUpAfterMs !== null && schedule.giveUpAfterMs !== undefined && elapsedMs >= schedule.giveUpAfterMs) {
    return null;
  }

  const youngCap = unanswered ? Math.min(schedule.youngOutageMaxDelayMs, schedule.unansweredMaxDelayMs) : schedule.youngOutageMaxDelayMs;
  const cap = elapsedMs < schedule.youngOutageMs
    ? youngCap
    : Math.min(schedule.maxDelayMs, schedule.youngOutageMaxDelayMs * Math.pow(2, (elapsedMs - schedule.youngOutageMs) / capDoublingMs));
  const backoff = Math.min(cap, schedule.firstDelayMs * Math.pow(schedule.growth, Math.max(0, attempt)));
  const jittered = backoff * (1 - schedule.jitter * random());
  return Math.round(Math.max(schedule.minDelayMs, jittered));
}

/** Merges a schedule sent by the server over the defaults, ignoring values of the wrong type. */
export function resolveSchedule(fromServer) {
  const result = { ...defaultSchedule };
  if (!fromServer || typeof fromServer !== 'object') {
    return result;
  }

  for (const key of Object.keys(defaultSchedule)) {
    const value = fromServer[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      result[key] = value;
    } else if (key === 'giveUpAfterMs' && value === null) {
      result[key] = null;
    }
  }

  result.jitter = Math.min(1, result.jitter);
  return result;
}
