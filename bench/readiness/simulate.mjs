// Readiness load on a restarted instance, simulated for many pages (issue 13, item 3).
//
// Every page runs the kit's real reconnect module (src/.../Reconnect/reconnect.js) in node, each with its own
// environment: one virtual clock for all, a seeded random source per page, and a fetch that reaches the server
// only while it is up. The server is killed at t = 0 and answers again at t = downtime. The new instance admits
// pages exactly as the C# ReadinessEndpoint does, through the same algorithm (admission.mjs, pinned to
// ReadinessAdmission.cs by shared test cases): within the readiness budget a probe is answered ready, over it
// 503 busy with a turn, which the page's module honours. The pages' requests that reach the new instance in its
// first seconds are counted: readiness probes (cheap: no render) and page requests (the reload's check of its own
// address and the reload itself: each a full render). Beside them, stock Blazor
// 10's schedule (10 tries at once, then every 5 s, no jitter) and Phoenix LiveView's (10, 50, 100, 150, 200,
// 250, 500, 1000, 2000 ms, then every 5 s, no jitter), where every try is a connection attempt and the first one
// that reaches the new instance is followed by a page load (stock) or a rejoin with a render (LiveView).
//
// Usage: node bench/readiness/simulate.mjs [--pages 10000] [--downtime 2000,10000] [--budget 100] [--json]
// --budget is Reconnect.ReadyPagesPerSecond (its default is 100); --budget 0 runs the kit without one.

import { DeployAwareReconnect } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnect.js';
import { ReadinessAdmission } from './admission.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => a.startsWith('--') ? [a.slice(2), all[i + 1]?.startsWith('--') ? true : all[i + 1] ?? true] : null).filter(Boolean));
const pages = Number(args.pages ?? 10_000);
const downtimes = String(args.downtime ?? '2000,10000').split(',').map(Number);
const budget = Number(args.budget ?? 100);
const windowMs = 5_000;
// Long enough for every page to come back at the budget's rate.
const tailMs = Math.max(10_000, budget > 0 ? (pages / budget) * 1000 * 1.5 : 0);
// Pages notice a killed server at slightly different moments (the socket's close reaches each on its own).
const noticeSpreadMs = 50;
const latencyMs = 2;

/** A min-heap of timed events, for a clock shared by every page. */
class Clock {
  constructor() {
    this.now = 0;
    this.heap = [];
    this.seq = 0;
  }

  at(time, fn) {
    const event = { time, seq: this.seq++, fn, cancelled: false };
    const heap = this.heap;
    heap.push(event);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent], heap[i])) {
        break;
      }
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
    return event;
  }

  pop() {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  }

  async run(until) {
    while (this.heap.length > 0 && this.heap[0].time <= until) {
      const event = this.pop();
      if (event.cancelled) continue;
      this.now = event.time;
      event.fn();
      // Let the promise chains the event started run before the next event.
      await new Promise(resolve => setImmediate(resolve));
    }
    this.now = until;
  }
}

const before = (a, b) => a.time < b.time || (a.time === b.time && a.seq < b.seq);

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function kitPage(clock, server, index, log) {
  const listeners = new Map();
  const noop = () => {};
  const element = { classList: { add: noop, remove: noop, toggle: noop, contains: () => false }, dataset: {} };
  const document = {
    baseURI: 'http://app/',
    visibilityState: 'visible',
    documentElement: element,
    addEventListener: (type, fn) => listeners.set(type, fn),
    removeEventListener: noop,
    dispatchEvent: () => true,
    getElementById: () => null,
    querySelector: () => null,
    querySelectorAll: () => [],
    activeElement: null,
    body: null,
  };
  const storage = new Map();
  let done = false;
  const env = {
    fetch: (url, init = {}) => new Promise((resolve, reject) => {
      const text = String(url);
      clock.at(clock.now + latencyMs, () => {
        if (!server.up(clock.now)) {
          reject(new TypeError('Failed to fetch'));
          return;
        }
        if (!text.includes('/_livestate/ready')) {
          log.push({ t: clock.now, kind: 'page' });
          resolve({ ok: true, status: 200, json: async () => null });
          return;
        }
        // As ReadinessEndpoint: a page's probe (it carries "attempt") to a ready instance goes through the budget.
        const turn = server.admission && new URL(text).searchParams.has('attempt') ? server.admit(clock.now) : { admitted: true };
        log.push({ t: clock.now, kind: turn.admitted ? 'probe' : 'busy' });
        resolve(turn.admitted
          ? { ok: true, status: 200, json: async () => ({ ready: true, build: '1', instance: 'new' }) }
          : { ok: false, status: 503, json: async () => ({ ready: false, build: '1', instance: 'new', reason: 'busy', retryAfterMs: turn.retryAfterMs }) });
      });
    }),
    now: () => clock.now,
    setTimeout: (fn, ms) => clock.at(clock.now + Math.max(0, ms), fn),
    clearTimeout: event => {
      if (event) event.cancelled = true;
    },
    random: seeded(index + 1),
    storage: { getItem: k => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, String(v)), removeItem: k => storage.delete(k) },
    location: {
      href: 'http://app/page',
      reload: () => {
        done = true;
        log.push({ t: clock.now + latencyMs, kind: 'page', back: true });
      },
      replace: () => {
        done = true;
      },
    },
    blazor: () => ({ reconnect: async () => false, resumeCircuit: async () => false }),
    document,
    window: { addEventListener: noop, removeEventListener: noop, scrollX: 0, scrollY: 0 },
    navigator: { onLine: true },
    console: { warn: noop, log: noop },
  };
  const kit = new DeployAwareReconnect(env);
  const options = {};
  kit.install(options);
  kit.applyConfig({ build: '1', instance: 'old' });
  return { lose: () => options.reconnectionHandler.onConnectionDown({}, new Error('gone'), false, false), isDone: () => done };
}

/** A fixed schedule of connection attempts (stock Blazor, LiveView): the first that reaches the server loads the page. */
function ladderPage(clock, server, delays, log, costPerSuccess) {
  let attempt = 0;
  const next = () => {
    const wait = delays(attempt++);
    clock.at(clock.now + wait, () => {
      if (server.up(clock.now)) {
        costPerSuccess.forEach((kind, i) => log.push({ t: clock.now, kind, back: i === costPerSuccess.length - 1 }));
      } else {
        next();
      }
    });
  };
  return { lose: next };
}

const stockDelay = attempt => (attempt < 10 ? 0 : attempt < 20 ? 5_000 : 30_000);
const liveViewLadder = [10, 50, 100, 150, 200, 250, 500, 1000, 2000];
const liveViewDelay = attempt => liveViewLadder[attempt] ?? 5_000;

async function simulate(kind, downtime) {
  const clock = new Clock();
  const serverRandom = seeded(99);
  const admission = kind === 'kit' && budget > 0 ? new ReadinessAdmission(budget) : null;
  const server = { up: t => t >= downtime, admission, admit: t => admission.tryAdmit(t, serverRandom()) };
  const log = [];
  const random = seeded(12345);
  for (let i = 0; i < pages; i++) {
    const page = kind === 'kit' ? kitPage(clock, server, i, log)
      : kind === 'stock' ? ladderPage(clock, server, stockDelay, log, ['connect', 'connect', 'page'])
        : ladderPage(clock, server, liveViewDelay, log, ['connect', 'rejoin']);
    clock.at(random() * noticeSpreadMs, () => page.lose());
  }
  await clock.run(downtime + tailMs);
  const back = log.filter(r => r.back);
  return {
    ...summarize(log.filter(r => r.t >= downtime && r.t < downtime + windowMs), downtime),
    pagesBack: back.length,
    allBackAfterMs: back.length === pages ? Math.max(...back.map(r => r.t)) - downtime : null,
    readinessPerPage: log.filter(r => r.t >= downtime && (r.kind === 'probe' || r.kind === 'busy')).length / pages,
  };
}

function summarize(requests, downtime) {
  const perSecond = Array.from({ length: windowMs / 1000 }, () => ({ cheap: 0, busy: 0, render: 0 }));
  const per100 = new Map();
  for (const r of requests) {
    const second = Math.floor((r.t - downtime) / 1000);
    const render = r.kind === 'page' || r.kind === 'rejoin';
    perSecond[second][render ? 'render' : 'cheap']++;
    if (r.kind === 'busy') {
      perSecond[second].busy++;
    }
    const slot = Math.floor((r.t - downtime) / 100);
    per100.set(slot, (per100.get(slot) ?? 0) + 1);
  }
  return { perSecond, peakPer100ms: Math.max(0, ...per100.values()), total: requests.length };
}

const results = [];
for (const downtime of downtimes) {
  for (const kind of ['kit', 'stock', 'liveview']) {
    results.push({ kind, downtime, ...(await simulate(kind, downtime)) });
  }
}

if (args.json) {
  console.log(JSON.stringify({ pages, budget, results }, null, 2));
} else {
  const kit = budget > 0 ? `kit, budget ${budget}/s` : 'kit, no budget';
  console.log(`Requests reaching a restarted instance in each of its first ${windowMs / 1000} s, ${pages} pages: cheap (a readiness probe or a connection attempt; the kit's busy answers among them in brackets) / render (a page load, the kit's check of its own address, a rejoin)`);
  console.log('| schedule | down for | s1 cheap / render | s2 | s3 | s4 | s5 | peak per 100 ms | all pages back after | readiness requests per page |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const cells = r.perSecond.map(s => `${s.cheap}${r.kind === 'kit' && budget > 0 ? ` (${s.busy})` : ''} / ${s.render}`).join(' | ');
    const backAfter = r.allBackAfterMs === null ? `${r.pagesBack} of ${pages} back` : `${(r.allBackAfterMs / 1000).toFixed(1)} s`;
    const perPage = r.kind === 'kit' ? r.readinessPerPage.toFixed(2) : '–';
    console.log(`| ${r.kind === 'kit' ? kit : r.kind} | ${r.downtime / 1000} s | ${cells} | ${r.peakPer100ms} | ${backAfter} | ${perPage} |`);
  }
}
