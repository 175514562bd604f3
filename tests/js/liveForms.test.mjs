// <FormRecovery />'s start in the browser: the marker's custom element, whose callbacks start a form's restore
// once the render that made it live is in, and the options read from the marker. Node's test runner, with a
// fake element registry; the restore itself runs against a real page in the Chromium E2E tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineMarkerElement, LiveForms } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/liveForms.js';
import { readOptions } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/options.js';
import { eventTarget } from './fakeForm.mjs';

/** An element as the browser's HTMLElement: attributes, and whether it is on the page. */
class FakeElement {
  constructor() {
    this.attributes = new Map();
    this.isConnected = false;
    // The form the marker is in: the fields a test focuses.
    this.form = { fields: [], contains: element => this.form.fields.includes(element) };
  }

  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  closest(selector) {
    return selector === 'form' ? this.form : null;
  }
}

/** The page's customElements: define, get, and the browser's callbacks as a test triggers them. */
function fakeRegistry() {
  const definitions = new Map();
  return {
    definitions,
    get: name => definitions.get(name),
    define: (name, constructor) => {
      if (definitions.has(name)) {
        throw new Error(`'${name}' has already been defined`);
      }
      definitions.set(name, constructor);
    },
  };
}

/** Form handles as recoverableForm.js's attach makes them, counting their restores. */
function fakeForms() {
  const attached = [];
  // What the handles did, in order: "restore 1", "dispose 1", "restore 2"...
  const log = [];
  const attachForm = marker => {
    const n = attached.length + 1;
    const handle = {
      marker,
      restores: 0,
      disposals: 0,
      restore() {
        this.restores++;
        log.push(`restore ${n}`);
      },
      dispose() {
        this.disposals++;
        log.push(`dispose ${n}`);
      },
    };
    attached.push(handle);
    return handle;
  };
  return { attached, attachForm, log };
}

/** Microtasks the test runs when it says: "the render batch is in". */
function batch() {
  const queued = [];
  return { queue: callback => queued.push(callback), end: () => queued.splice(0).forEach(callback => callback()) };
}

/** A page with the marker element defined: `render(state)` puts a marker on it as Blazor does. */
function page() {
  const registry = fakeRegistry();
  const forms = fakeForms();
  const render = batch();
  const doc = eventTarget();
  const liveForms = new LiveForms(forms.attachForm, render.queue, doc);
  defineMarkerElement(registry, FakeElement, liveForms);
  const Marker = registry.get('livestate-form-recovery');
  const put = state => {
    const marker = new Marker();
    // Blazor inserts the element, then sets its attributes: each step calls the element back.
    marker.isConnected = true;
    marker.connectedCallback();
    marker.attributes.set('data-livestate-form-recovery', state);
    marker.attributeChangedCallback('data-livestate-form-recovery', null, state);
    return marker;
  };
  // Blazor takes a marker off the page: the element calls the kit back.
  const take = marker => {
    marker.isConnected = false;
    marker.disconnectedCallback();
  };
  return { registry, forms, render, liveForms, put, take, doc };
}

test('a marker rendered live starts its form\'s restore once the render batch is in, and the server gets that handle', () => {
  const { forms, render, liveForms, put } = page();

  const marker = put('live');
  assert.equal(forms.attached.length, 0, 'not in the middle of the batch: the form\'s fields come after the marker');
  render.end();

  assert.equal(forms.attached.length, 1);
  assert.equal(forms.attached[0].restores, 1);
  assert.equal(liveForms.handleOf(marker), forms.attached[0], 'the server collects the outcome of the same restore');
});

test('a field focused in a form about to be restored starts its restore first: the caret set next lands in the restored text', () => {
  const { forms, render, put, doc } = page();
  const marker = put('live');
  const notes = { name: 'notes' };
  marker.form.fields.push(notes);

  // A resume in place puts the user's focus back from a MutationObserver, which runs before the batch's microtask.
  doc.emit('focusin', { target: notes });
  assert.equal(forms.attached.length, 1, 'restored before the focus goes on to set the caret');
  render.end();
  doc.emit('focusin', { target: notes });

  assert.equal(forms.attached[0].restores, 1, 'once');
});

test('a field focused outside the forms about to be restored starts nothing early', () => {
  const { forms, render, put, doc } = page();
  put('live');

  doc.emit('focusin', { target: { name: 'search' } });
  assert.equal(forms.attached.length, 0);
  render.end();

  assert.equal(forms.attached.length, 1);
});

test('a prerendered marker starts nothing; one that turns live later does, once', () => {
  const { forms, render, put } = page();

  const marker = put('static');
  render.end();
  assert.equal(forms.attached.length, 0, 'a prerendered form has no bindings to put values through');

  marker.attributes.set('data-livestate-form-recovery', 'live');
  marker.attributeChangedCallback('data-livestate-form-recovery', 'static', 'live');
  marker.attributeChangedCallback('data-livestate-form-recovery', 'live', 'live');
  marker.connectedCallback();
  render.end();

  assert.equal(forms.attached.length, 1);
  assert.equal(forms.attached[0].restores, 1);
});

test('every live marker starts its own restore, whatever rendered it: a load, a resume in place, a navigation', () => {
  const { forms, render, put } = page();

  put('live');
  render.end();
  // The resumed circuit (or the next page) renders its forms anew: new markers, each restored.
  put('live');
  put('live');
  render.end();

  assert.deepEqual(forms.attached.map(handle => handle.restores), [1, 1, 1]);
});

test('a marker taken off the page disposes its form\'s handle once the render batch is in: after a resume in place no circuit will', () => {
  const { forms, render, put, take } = page();
  const old = put('live');
  render.end();

  // The resumed circuit's first render replaces the form: the old marker goes, a new one comes.
  take(old);
  put('live');
  render.end();

  assert.deepEqual(forms.attached.map(handle => [handle.restores, handle.disposals]), [[1, 1], [1, 0]]);
});

test('the form that replaces one that left restores only after the old one is disposed (its save of what was typed meanwhile comes first), also when a focused field starts it early', () => {
  const { forms, render, put, take, liveForms } = page();
  const old = put('live');
  render.end();

  // The resumed render: the old form leaves and a new one goes live in one batch. A field focused in the new form
  // starts its restore before the batch's microtasks, where the old form's removal is handled.
  take(old);
  const fresh = put('live');
  const field = {};
  fresh.form.fields.push(field);
  liveForms.startFormOf(field);
  render.end();

  assert.deepEqual(forms.log, ['restore 1', 'dispose 1', 'restore 2']);
});

test('a marker Blazor moves (out and back in within one render batch) keeps its form\'s handle', () => {
  const { forms, render, put, take } = page();
  const moved = put('live');
  render.end();

  take(moved);
  moved.isConnected = true;
  moved.connectedCallback();
  render.end();

  assert.deepEqual(forms.attached.map(handle => [handle.restores, handle.disposals]), [[1, 0]]);
});

test('a marker that leaves before its restore started starts nothing and disposes nothing', () => {
  const { forms, render, put, take } = page();
  const gone = put('live');
  take(gone);
  render.end();

  assert.equal(forms.attached.length, 0);
});

test('a live marker that is not on the page starts nothing', () => {
  const { registry, forms, render } = page();
  const marker = new (registry.get('livestate-form-recovery'))();
  marker.attributes.set('data-livestate-form-recovery', 'live');

  marker.attributeChangedCallback('data-livestate-form-recovery', null, 'live');
  render.end();

  assert.equal(forms.attached.length, 0);
});

test('the element watches only the marker\'s own attribute, and is defined once', () => {
  const { registry, liveForms } = page();
  const Marker = registry.get('livestate-form-recovery');

  assert.deepEqual(Marker.observedAttributes, ['data-livestate-form-recovery']);
  // A second initializer on the page (or a test) leaves the first definition.
  defineMarkerElement(registry, FakeElement, liveForms);
  assert.equal(registry.get('livestate-form-recovery'), Marker);
  // No registry (node, an old browser): nothing to define, nothing thrown.
  defineMarkerElement(undefined, FakeElement, liveForms);
});

test('the server asking about a marker the page never saw live gets "not-live", not a restore', async () => {
  const { forms, liveForms } = page();

  const handle = liveForms.handleOf(new FakeElement());

  assert.deepEqual(await handle.outcome(), { restored: 0, rejected: 'not-live', submitAttempted: false, dropped: 0 });
  assert.equal(forms.attached.length, 0);
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
