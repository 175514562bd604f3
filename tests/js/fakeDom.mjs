// A minimal stand-in for the browser globals the kit's modules touch when they load, for node tests
// of their pure parts. Behaviour in a real browser is covered by the Chromium E2E tests.
export function installFakeDom() {
  const listeners = [];
  const classes = new Set();
  const dataset = {};
  const documentElement = {
    dataset,
    classList: fakeClassList(classes),
    // As a browser keeps them: data-live-state is dataset.liveState.
    setAttribute: (name, value) => {
      dataset[name.replace(/^data-/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = String(value);
    },
  };
  globalThis.document = {
    documentElement,
    baseURI: 'http://localhost/app/',
    body: null,
    addEventListener: (type, fn) => listeners.push({ type, fn }),
    removeEventListener: () => {},
    dispatchEvent: () => true,
    getElementById: () => null,
    querySelector: () => null,
    querySelectorAll: () => [],
  };
  globalThis.window = globalThis;
  globalThis.addEventListener ??= (type, fn) => listeners.push({ type, fn, target: 'window' });
  return { classes };
}

/** sessionStorage as a Map, with an option to fail like a full or disabled storage. */
export function memoryStorage({ failWrites = false } = {}) {
  const map = new Map();
  return {
    getItem: k => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => {
      if (failWrites) {
        throw new Error('QuotaExceededError');
      }
      map.set(k, String(v));
    },
    removeItem: k => map.delete(k),
    get length() {
      return map.size;
    },
    key: i => [...map.keys()][i] ?? null,
  };
}

/** An element's classList over a Set the test can read. */
export function fakeClassList(classes) {
  return {
    add: c => classes.add(c),
    remove: (...cs) => cs.forEach(c => classes.delete(c)),
    toggle: (c, on) => (on ? classes.add(c) : classes.delete(c)),
    contains: c => classes.has(c),
  };
}
