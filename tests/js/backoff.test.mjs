// The reconnect schedule: bounds, jitter spread, caps and giving up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSchedule, nextDelay, resolveSchedule } from '../../src/Blazor.LiveState/wwwroot/Reconnect/backoff.js';

const s = defaultSchedule;
const seeded = seed => () => {
  // Mulberry32: a small deterministic generator, so the spread test is repeatable.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

test('first attempt is small but never zero', () => {
  assert.equal(nextDelay(s, 0, 0, () => 0), s.firstDelayMs);
  assert.equal(nextDelay(s, 0, 0, () => 0.999999), s.minDelayMs);
  assert.ok(s.minDelayMs > 0);
});

test('grows exponentially until the young-outage cap', () => {
  const noJitter = { ...s, jitter: 0 };
  assert.deepEqual([0, 1, 2, 3, 10].map(a => nextDelay(noJitter, a, 0)), [20, 30, 45, 68, 500]);
});

test('past the young outage the cap doubles every 5 s up to the longest wait', () => {
  const noJitter = { ...s, jitter: 0 };
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs - 1), s.youngOutageMaxDelayMs);
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs), s.youngOutageMaxDelayMs);
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs + 5_000), 2 * s.youngOutageMaxDelayMs);
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs + 10_000), 4 * s.youngOutageMaxDelayMs);
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs + 60_000), s.maxDelayMs);
});

test('every delay stays within [minDelay, cap] whatever the random draw', () => {
  for (let attempt = 0; attempt < 60; attempt++) {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      for (const elapsed of [0, 5_000, 25_000, 600_000]) {
        const d = nextDelay(s, attempt, elapsed, () => r);
        const cap = elapsed < s.youngOutageMs ? s.youngOutageMaxDelayMs : s.maxDelayMs;
        assert.ok(d <= nextDelay({ ...s, jitter: 0 }, attempt, elapsed), 'jitter only shortens');
        assert.ok(d >= s.minDelayMs && d <= cap, `attempt ${attempt}, r ${r}, elapsed ${elapsed}: ${d}`);
      }
    }
  }
});

test('full jitter spreads tabs across the whole window', () => {
  const random = seeded(42);
  const delays = Array.from({ length: 2000 }, () => nextDelay(s, 20, 60_000, random));
  const buckets = [0, 0, 0, 0];
  for (const d of delays) {
    buckets[Math.min(3, Math.floor((d / s.maxDelayMs) * 4))]++;
  }
  // Uniform over [0, 15 s]: each quarter holds about 500 of 2000.
  for (const b of buckets) {
    assert.ok(b > 400 && b < 600, `buckets ${buckets}`);
  }
});

test('the first second of an outage is probed about ten times, jittered, then a few times a second, and fewer later', () => {
  const random = seeded(7);
  const firstSecond = [];
  const pages = 200;
  for (let page = 0; page < pages; page++) {
    let elapsed = 0;
    let attempts = 0;
    for (;;) {
      elapsed += nextDelay(s, attempts, elapsed, random);
      if (elapsed > 1_000) {
        break;
      }
      attempts++;
    }
    firstSecond.push(attempts);
  }
  const mean = firstSecond.reduce((a, b) => a + b, 0) / pages;
  // LiveView's ladder makes 6 tries in its first second (10, 50, 100, 150, 200, 250 ms apart); the kit about ten.
  assert.ok(mean >= 8 && mean <= 12, `mean ${mean} probes in the first second`);
  // Jittered: pages dropped together do not probe together.
  assert.ok(new Set(firstSecond).size >= 3, `first-second counts ${[...new Set(firstSecond)]}`);

  let elapsed = 1_000;
  let young = 0;
  while (elapsed < 6_000) {
    elapsed += nextDelay(s, 20 + young, elapsed, random);
    young++;
  }
  assert.ok(young / 5 <= 5, `${young} probes in the 5 s after the first`);
  let later = 0;
  elapsed = 60_000;
  while (elapsed < 120_000) {
    elapsed += nextDelay(s, 100, elapsed, random);
    later++;
  }
  assert.ok(later <= 12, `${later} probes in the second minute`);
});

test('gives up only when told to', () => {
  assert.notEqual(nextDelay(s, 1000, 24 * 3600_000), null);
  const giveUp = { ...s, giveUpAfterMs: 60_000 };
  assert.notEqual(nextDelay(giveUp, 5, 59_999), null);
  assert.equal(nextDelay(giveUp, 5, 60_000), null);
});

test('a schedule from the server overrides the defaults and bad values are ignored', () => {
  const r = resolveSchedule({ firstDelayMs: 500, growth: 'fast', maxDelayMs: -1, jitter: 3, giveUpAfterMs: null, extra: 1 });
  assert.equal(r.firstDelayMs, 500);
  assert.equal(r.growth, s.growth);
  assert.equal(r.maxDelayMs, s.maxDelayMs);
  assert.equal(r.jitter, 1);
  assert.equal(r.giveUpAfterMs, null);
  assert.equal('extra' in r, false);
  assert.deepEqual(resolveSchedule('garbage'), { ...s });
});

test('while nothing answers a young outage is probed under the shorter unanswered cap, never above the young cap', () => {
  const noJitter = { ...s, jitter: 0 };
  const unanswered = { unanswered: true };
  assert.equal(nextDelay(noJitter, 30, 1_000, Math.random, unanswered), s.unansweredMaxDelayMs);
  assert.equal(nextDelay(noJitter, 30, 1_000), s.youngOutageMaxDelayMs, 'an answer (a proxy\'s error page) keeps the young cap');
  assert.equal(nextDelay({ ...noJitter, unansweredMaxDelayMs: 5_000 }, 30, 1_000, Math.random, unanswered), s.youngOutageMaxDelayMs);
  // Past the young outage the schedule backs off as always: a server down that long is not restarting.
  assert.equal(nextDelay(noJitter, 30, s.youngOutageMs + 5_000, Math.random, unanswered), 2 * s.youngOutageMaxDelayMs);
  assert.ok(s.unansweredMaxDelayMs < s.youngOutageMaxDelayMs);
});
