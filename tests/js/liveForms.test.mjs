// <FormRecovery />'s start-up in the browser: the watcher that restores a form as soon as its marker is
// rendered interactively, and the options read from the marker. Node's test runner, with a fake
// MutationObserver; the restore itself runs against a real page in the Chromium E2E tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveForms, watchLimitMs } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/liveForms.js';
import { readOptions } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/options.js';
import { memoryStorage } from './fakeDom.mjs';

function marker(state) {
  return {
    nodeType: 1,
    isConnected: true,
    dataset: {},
    state,
    matches(selector) {
      return selector === '[data-livestate-form-recovery="live"]' && this.state === 'live';
    },
  };
}

function withFakeObserver(run) {
  const observers = [];
  globalThis.MutationObserver = class {
    constructor(callback) {
      this.callback = callback;
      observers.push(this);
    }

    observe(target, options) {
      this.target = target;
      this.options = options;
      this.disconnected = false;
    }

    disconnect() {
      this.disconnected = true;
    }
  };
  try {
    return run(observers);
  } finally {
    delete globalThis.MutationObserver;
  }
}

function fakeModule() {
  const attached = [];
  const module = {
    attached,
    load: async () => ({
      attach(element) {
        const handle = {
          element,
          restores: 0,
          // One restore per handle, as FormRecovery.razor.js's handle does; a test may hold it open.
          restoration: null,
          restore() {
            this.restores++;
            this.restoration ??= this.pending ?? Promise.resolve({ restored: 1 });
            return this.restoration;
          },
        };
        attached.push(handle);
        module.onAttach?.(handle);
        return handle;
      },
    }),
  };
  return module;
}

/** The page at /checkout, whose markers are found by class, as the browser's live list finds them. */
function page(...markers) {
  return {
    markers,
    location: { pathname: '/checkout' },
    getElementsByClassName: name => (name === 'livestate-form-recovery' ? markers : []),
  };
}

/** This tab's sessionStorage, holding a stored form of /checkout. */
function storageWithAForm() {
  const storage = memoryStorage();
  storage.setItem('blazor-livestate:form:/checkout#order', '{}');
  return storage;
}

test('restores a form whose marker is rendered interactively, once, and hands the server the same handle', async () => {
  await withFakeObserver(async observers => {
    const module = fakeModule();
    const doc = page();
    const forms = new LiveForms(doc, module.load, storageWithAForm());
    forms.watch();
    const live = marker('live');
    const prerendered = marker('static');

    doc.markers.push(prerendered, marker('live'));
    observers[0].callback([{ type: 'childList', addedNodes: [] }]);
    doc.markers.push(live);
    observers[0].callback([{ type: 'childList', addedNodes: [] }]);
    const fromServer = await forms.attach(live);

    assert.equal(module.attached.length, 2, 'the two live markers, not the prerendered one');
    assert.equal(fromServer.element, live);
    assert.equal(fromServer.restores, 1, 'the server\'s call does not start a second restore');
  });
});

/** The /checkout page with a form of it stored, watched, and the form module already loaded. */
async function watchedPage() {
  const module = fakeModule();
  const doc = page();
  const forms = new LiveForms(doc, module.load, storageWithAForm());
  forms.watch();
  await forms.preload();
  return { module, doc };
}

test('later DOM changes do not attach a form again', async () => {
  await withFakeObserver(async observers => {
    const { module, doc } = await watchedPage();
    doc.markers.push(marker('live'));

    for (let i = 0; i < 5; i++) {
      observers[0].callback([]);
    }

    assert.equal(module.attached.length, 1);
    assert.equal(module.attached[0].restores, 1);
  });
});

test('stops watching once every form on the page is back: later renders cost nothing', async () => {
  await withFakeObserver(async observers => {
    const { module, doc } = await watchedPage();
    const observer = observers[0];
    let finishRestore;
    module.onAttach = handle => { handle.pending = new Promise(resolve => { finishRestore = resolve; }); };

    doc.markers.push(marker('live'));
    observer.callback([]);
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(observer.disconnected, false, 'still watching while the form is being put back');

    finishRestore({ restored: 3 });
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(observer.disconnected, true);
  });
});

test('keeps watching while a form on the page is still prerendered, and stops once it is back too', async () => {
  await withFakeObserver(async observers => {
    const { module, doc } = await watchedPage();
    const observer = observers[0];
    const later = marker('static');

    doc.markers.push(marker('live'), later);
    observer.callback([]);
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(observer.disconnected, false);

    later.state = 'live';
    observer.callback([]);
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(module.attached.length, 2);
    assert.equal(observer.disconnected, true);
  });
});

test('stops watching after the time limit when the stored form never renders', async t => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  await withFakeObserver(async observers => {
    new LiveForms(page(), fakeModule().load, storageWithAForm()).watch();

    t.mock.timers.tick(watchLimitMs - 1);
    assert.equal(observers[0].disconnected, false);
    t.mock.timers.tick(1);
    assert.equal(observers[0].disconnected, true);
  });
});

test('stops watching once the app navigates to another page', async () => {
  await withFakeObserver(async observers => {
    const { module, doc } = await watchedPage();

    doc.location.pathname = '/orders';
    doc.markers.push(marker('live'));
    observers[0].callback([]);

    assert.ok(observers[0].disconnected);
    assert.equal(module.attached.length, 0, 'the other page\'s form is restored when the server asks');
  });
});

test('watches the whole document for added nodes and for the marker turning live', () => {
  withFakeObserver(observers => {
    const doc = page();
    new LiveForms(doc, fakeModule().load, storageWithAForm()).watch();
    assert.equal(observers[0].target, doc);
    assert.deepEqual(observers[0].options, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-livestate-form-recovery'] });
  });
});

test('a page without a stored form of its own is not watched: its DOM changes cost nothing', () => {
  withFakeObserver(observers => {
    const other = memoryStorage();
    other.setItem('blazor-livestate:tab', '{}');
    other.setItem('blazor-livestate:form:/checkout/2#order', '{}');
    other.setItem('blazor-livestate:form:/#search', '{}');
    new LiveForms(page(), fakeModule().load, memoryStorage()).watch();
    new LiveForms(page(), fakeModule().load, other).watch();
    new LiveForms(page(), fakeModule().load, null).watch();
    const refusing = { get length() { throw new Error('SecurityError'); } };
    new LiveForms(page(), fakeModule().load, refusing).watch();

    assert.equal(observers.length, 0);
  });
});

test('a marker the server asks about before the watcher saw it is attached and restored then', async () => {
  const module = fakeModule();
  const forms = new LiveForms({}, module.load);
  const handle = await forms.attach(marker('live'));
  assert.equal(handle.restores, 1);
});

test('reads the options the server rendered onto the marker', () => {
  const element = withAttributes({
    'data-livestate-key': 'Order', 'data-livestate-build': '3.1.0', 'data-livestate-ttl-ms': '60000', 'data-livestate-max-chars': '500',
    'data-livestate-save-delay-ms': '100', 'data-livestate-owner': 'u.abc', 'data-livestate-flow': 'checkout',
    'data-livestate-sensitive-names': '["tax id","iban"]',
  });
  assert.deepEqual(readOptions(element), {
    key: 'Order', build: '3.1.0', timeToLiveMs: 60_000, maxBytes: 500, saveDelayMs: 100, owner: 'u.abc', flow: 'checkout', sensitiveNames: ['tax id', 'iban'],
  });
});

test('missing or broken option values fall back to the defaults', () => {
  const element = withAttributes({
    'data-livestate-ttl-ms': 'soon', 'data-livestate-max-chars': '-5', 'data-livestate-save-delay-ms': '', 'data-livestate-sensitive-names': '{"a":1}',
  });
  assert.deepEqual(readOptions(element), {
    key: null, build: '', timeToLiveMs: 3_600_000, maxBytes: 100_000, saveDelayMs: 250, owner: null, flow: null, sensitiveNames: [],
  });
});

// A marker as the browser sees it: getAttribute answers null for an attribute it does not carry.
function withAttributes(attributes) {
  return { getAttribute: name => attributes[name] ?? null };
}

test('once the module is loaded, a live form is restored in the same task as the render that showed it', async () => {
  await withFakeObserver(async observers => {
    const { module, doc } = await watchedPage();

    doc.markers.push(marker('live'));
    observers[0].callback([{ type: 'childList', addedNodes: [] }]);

    assert.equal(module.attached.length, 1, 'attached before any await');
    assert.equal(module.attached[0].restores, 1);
  });
});

test('a watch started again for a resume in place waits for the new render: the forms already on the page do not end it', async () => {
  await withFakeObserver(async observers => {
    const module = fakeModule();
    const doc = page();
    const forms = new LiveForms(doc, module.load, storageWithAForm());
    // The page's form, attached and restored before the deploy.
    const before = marker('live');
    doc.markers.push(before);
    const attached = forms.attach(before);

    forms.watch({ again: true });
    await attached;
    const observer = observers.at(-1);
    // A change before the resumed render (the status banner, say): the old form is back already, but it is leaving.
    observer.callback([]);
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(observer.disconnected, false, 'still watching for the resumed render');

    // The resumed render replaces the form: the new marker is restored in the same task.
    doc.markers.splice(0, 1, marker('live'));
    observer.callback([]);
    assert.equal(module.attached.length, 2);
    assert.equal(module.attached[1].restores, 1);
  });
});
