// Writes tests/js/readinessAdmission.cases.json from this folder's admission.mjs: run it after a deliberate change to
// the algorithm (made in both languages), then check that the C# test (ReadinessAdmissionTests) replays the new file.
// Usage: node bench/readiness/make-admission-cases.mjs > tests/js/readinessAdmission.cases.json
import { ReadinessAdmission } from './admission.mjs';
const rs = [0.5, 0.1, 0.9, 0.25, 0.75, 0, 0.999, 0.33];
function run(pagesPerSecond, times, note) {
  const a = new ReadinessAdmission(pagesPerSecond);
  const asks = times.map((t, i) => {
    const random = rs[i % rs.length];
    const r = a.tryAdmit(t, random);
    return { atMs: t, random, admitted: r.admitted, retryAfterMs: r.retryAfterMs, startsQueue: r.startsQueue };
  });
  return { note, pagesPerSecond, asks };
}
const cases = [
  run(1, [0, 0, 10, 400, 1000, 1500, 1999, 2000, 6000, 6000], 'one page a second: a bucket of one; the turns of the pages told to wait are a second apart'),
  run(10, [0, 0, 5, 50, 99, 100, 101, 250, 250, 250, 1000, 5000, 5000, 5000], 'ten a second: a bucket of one, turns 100 ms apart'),
  run(200, [...Array(25).fill(0), 1, 2, 3, 4, 5, 60, 100, 100.5, 3000, ...Array(22).fill(3000)], 'the default: a bucket of 20, refilled one page every 5 ms; a burst of 25 at once'),
  run(7, [100, 100, 90, 300, 2500.25, 2500.25, 2500.5], 'a clock that steps back is treated as no time passed; fractions of a millisecond'),
  run(1, [0, ...Array(305).fill(0), 1_000, 200_000, 200_000], 'a flood: the turns stop at five minutes ahead, and the queue with them'),
];
const about = 'The readiness budget\'s admission (ReadinessAdmission.cs and bench/readiness/admission.mjs) replayed by a C# test and a node test: each case is a budget and a sequence of pages asking, with the random draw each gets and what it is answered.';
const lines = ['{', `  "about": ${JSON.stringify(about)},`, '  "cases": ['];
cases.forEach((c, ci) => {
  lines.push('    {', `      "note": ${JSON.stringify(c.note)},`, `      "pagesPerSecond": ${c.pagesPerSecond},`, '      "asks": [');
  c.asks.forEach((a, ai) => lines.push(`        ${JSON.stringify(a)}${ai < c.asks.length - 1 ? ',' : ''}`));
  lines.push('      ]', `    }${ci < cases.length - 1 ? ',' : ''}`);
});
lines.push('  ]', '}');
console.log(lines.join('\n'));
