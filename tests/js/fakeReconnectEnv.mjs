// A fake browser for the reconnect state machine: a clock the test moves, a fetch that answers what the
// test says, a Blazor that accepts or rejects, storage, location and a document that records events.
import { fakeClassList, memoryStorage } from './fakeDom.mjs';

export function fakeReconnectEnv({ storage = memoryStorage(), href = 'http://localhost/app/page?tab=2', baseURI = 'http://localhost/app/' } = {}) {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map();
  const events = [];
  const listeners = { document: new Map(), window: new Map() };
  const requests = [];
  const navigations = [];
  const warnings = [];
  const classes = new Set();
  const routes = [];

  const on = target => (type, fn) => {
    const set = listeners[target].get(type) ?? new Set();
    set.add(fn);
    listeners[target].set(type, set);
  };
  const off = target => (type, fn) => listeners[target].get(type)?.delete(fn);
  const raise = (target, event) => {
    for (const fn of [...(listeners[target].get(event.type) ?? [])]) {
      fn(event);
    }
  };

  const document = {
    baseURI,
    visibilityState: 'visible',
    body: null,
    documentElement: { dataset: {}, classList: fakeClassList(classes) },
    addEventListener: on('document'),
    removeEventListener: off('document'),
    dispatchEvent: event => {
      events.push(event);
      raise('document', event);
      return true;
    },
    getElementById: () => null,
    querySelector: () => null,
    querySelectorAll: () => [],
  };

  const blazor = {
    reconnectAnswers: [],
    resumeAnswers: [],
    calls: [],
    async reconnect() {
      this.calls.push('reconnect');
      const answer = this.reconnectAnswers.shift() ?? false;
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
    async resumeCircuit() {
      this.calls.push('resumeCircuit');
      const answer = this.resumeAnswers.shift() ?? false;
      if (answer instanceof Error) {
        throw answer;
      }
      // As Blazor does: the handler hears that the connection is up before resumeCircuit() returns.
      if (answer) {
        this.handler?.onConnectionUp();
      }
      return answer;
    },
    pauseAnswers: [],
    /** The reconnection handler Blazor would call; the test sets it after the kit installed it. */
    handler: null,
    async pauseCircuit() {
      this.calls.push('pauseCircuit');
      const answer = this.pauseAnswers.shift() ?? true;
      // As Blazor 10 does: the handler hears of the pause as it starts, and again, as a lost connection,
      // once the connection it ends has closed.
      this.handler?.onConnectionDown({}, undefined, true, false);
      if (answer) {
        this.handler?.onConnectionDown({}, new Error('connection closed'), false, false);
      }
      return answer;
    },
  };

  const env = {
    fetch: async (url, init = {}) => {
      const text = String(url);
      requests.push({ url: text, at: now, init });
      const route = routes.find(r => r.match(text, init));
      const answer = route ? route.answer(text, init) : { status: 404 };
      if (answer instanceof Error) {
        throw answer;
      }
      return {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        json: async () => answer.body,
      };
    },
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: id => timers.delete(id),
    random: () => 0.5,
    storage,
    location: {
      href,
      reload: () => navigations.push({ kind: 'reload', at: now }),
      replace: url => navigations.push({ kind: 'replace', url, at: now }),
    },
    blazor: () => blazor,
    document,
    window: { addEventListener: on('window'), removeEventListener: off('window') },
    navigator: { onLine: true },
    console: { warn: (...args) => warnings.push(args.join(' ')) },
  };

  /** Lets every pending promise run (a real macrotask turn). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise(resolve => setImmediate(resolve));
    }
  };

  return {
    env,
    blazor,
    requests,
    navigations,
    warnings,
    classes,
    events,
    settle,
    get now() {
      return now;
    },
    /** Readiness answers, in order of the test's choosing: `(url) => ({ status, body })`. */
    onReady(answer) {
      routes.push({ match: url => url.includes('/_livestate/ready'), answer });
    },
    /** Owner answers (whose page a new circuit would serve): `() => ({ status, body: { owner } })`. */
    onOwner(answer) {
      routes.push({ match: url => url.includes('/_livestate/owner'), answer });
    },
    /** Page (document) answers, for the reload target's checks. */
    onPage(answer) {
      routes.push({ match: (url, init) => init.headers?.accept === 'text/html', answer });
    },
    raiseOnWindow: event => raise('window', event),
    /** Moves the clock `ms` forward, running every timer due on the way, each followed by what it started. */
    async advance(ms) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) {
          break;
        }
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await settle();
      }
      now = until;
      await settle();
    },
    /** Advances in steps until `condition()` holds or `maxMs` passed. */
    async advanceUntil(condition, maxMs = 60_000, stepMs = 50) {
      for (let waited = 0; waited <= maxMs && !condition(); waited += stepMs) {
        await this.advance(stepMs);
      }
      return condition();
    },
  };
}

export const ready = (instance = 'B', build = '1.0.0') => () => ({ status: 200, body: { ready: true, build, instance } });
export const notReady = (instance = 'B', build = '1.0.0') => () => ({ status: 503, body: { ready: false, build, instance } });
export const down = () => new TypeError('Failed to fetch');
