// The simulation's copy of the readiness budget (bench/readiness/admission.mjs) answers the shared cases exactly as
// the server's ReadinessAdmission does (ReadinessAdmissionTests replays the same file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ReadinessAdmission } from '../../bench/readiness/admission.mjs';

const { cases } = JSON.parse(readFileSync(new URL('./readinessAdmission.cases.json', import.meta.url), 'utf8'));

for (const c of cases) {
  test(`admission answers the shared case as the server does: ${c.note}`, () => {
    const admission = new ReadinessAdmission(c.pagesPerSecond);
    const answers = c.asks.map(ask => admission.tryAdmit(ask.atMs, ask.random));
    assert.deepEqual(answers, c.asks.map(({ admitted, retryAfterMs, startsQueue }) => ({ admitted, retryAfterMs, startsQueue })));
  });
}

test('the shared cases cover both answers and a queue starting', () => {
  const asks = cases.flatMap(c => c.asks);
  assert.ok(asks.some(a => a.admitted) && asks.some(a => !a.admitted) && asks.some(a => a.startsQueue));
});
