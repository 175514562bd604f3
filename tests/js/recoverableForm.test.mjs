// One <FormRecovery /> form in the browser (recoverableForm.js, with formFill.js and fieldValues.js under it):
// what it saves and when, what a restore puts back and what it answers the server. Node's test runner with the
// browser as plain objects (fakeForm.mjs); the Chromium E2E tests run the same code against the real app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/recoverableForm.js';
import { field, form, formEnvironment, marker, settle } from './fakeForm.mjs';
import { memoryStorage } from './fakeDom.mjs';

const key = 'blazor-livestate:form:/checkout#order';

function stored(env) {
  return JSON.parse(env.storage.getItem(key));
}

function snapshot(fields, { owner = 'anonymous', savedAt, flow = null, submitAttempted = false } = {}) {
  return JSON.stringify({ v: 1, build: null, savedAt, owner, flow, submitAttempted, fields });
}

test('a user\'s edit is saved once they stop typing for the save delay, dated by the edit', () => {
  const env = formEnvironment();
  const name = field({ name: 'Name' });
  const order = form([name]);
  attach(marker(order), env);

  name.value = 'Ada';
  order.emit('input', { target: name });
  env.clock.tick(249);
  assert.equal(env.storage.getItem(key), null, 'not before the delay');
  const editedAt = env.now();
  env.clock.tick(1);

  assert.deepEqual(stored(env).fields, [{ k: 'name:Name', t: 'v', v: 'Ada' }]);
  assert.equal(stored(env).savedAt, editedAt - 249);
  assert.equal(stored(env).owner, 'anonymous');
});

test('a form nobody edited is not saved, even when the connection drops; one edited before it attached is', () => {
  const untouched = formEnvironment();
  attach(marker(form([field({ name: 'Name', value: 'default' })])), untouched);
  untouched.document.emit('livestate:connectiondown');
  assert.equal(untouched.storage.getItem(key), null);

  const editedEarly = formEnvironment({ kit: { wasEdited: () => true } });
  attach(marker(form([field({ name: 'Name', value: 'typed before the module attached' })])), editedEarly);
  editedEarly.document.emit('livestate:connectiondown');
  assert.equal(stored(editedEarly).fields[0].v, 'typed before the module attached');
});

test('an edit made through a script (not the user) does not make the form dirty', () => {
  const env = formEnvironment();
  const name = field({ name: 'Name' });
  const order = form([name]);
  attach(marker(order), env);

  order.emit('input', { target: name, isTrusted: false });
  env.window.emit('pagehide');

  assert.equal(env.storage.getItem(key), null);
});

test('a snapshot over the size limit is not saved, and warned about once', () => {
  const env = formEnvironment({ kit: { wasEdited: () => true } });
  attach(marker(form([field({ name: 'Notes', value: 'x'.repeat(500) })]), { 'data-livestate-max-chars': '200' }), env);

  env.document.emit('livestate:save');
  env.document.emit('livestate:save');

  assert.equal(env.storage.getItem(key), null);
  assert.equal(env.warnings.length, 1);
  assert.match(env.warnings[0], /over the 200 limit/);
});

test('storage that refuses the save: warned once, the form keeps working', () => {
  const env = formEnvironment({ storage: memoryStorage({ failWrites: true }), kit: { wasEdited: () => true } });
  const name = field({ name: 'Name', value: 'Ada' });
  const order = form([name]);
  attach(marker(order), env);

  env.window.emit('pagehide');
  order.emit('input', { target: name });
  env.clock.tick(250);

  assert.equal(env.warnings.length, 1);
  assert.match(env.warnings[0], /could not save form/);
});

test('a restore puts the stored values back in document order through input and change, and the server gets its outcome', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'Ada' }, { k: 'name:Gift', t: 'c', v: true }], { savedAt: env.now() - 1_000 }));
  const name = field({ name: 'Name' });
  const gift = field({ name: 'Gift', type: 'checkbox' });
  const handle = attach(marker(form([name, gift])), env);

  const restoring = handle.restore();
  const outcome = await handle.outcome();

  assert.equal(name.value, 'Ada');
  assert.equal(gift.checked, true);
  assert.deepEqual(name.events, ['input', 'change']);
  assert.deepEqual(gift.events, ['input', 'change']);
  assert.deepEqual(outcome, { restored: 2, rejected: null, submitAttempted: false, dropped: 0 });
  assert.equal(await restoring, outcome, 'one restore: the server collects the outcome of the one that started');
});

test('the server asking before any restore started gets "not-live", and nothing is put back', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'Ada' }], { savedAt: env.now() }));
  const name = field({ name: 'Name' });

  const outcome = await attach(marker(form([name])), env).outcome();

  assert.equal(outcome.rejected, 'not-live');
  assert.equal(name.value, '');
});

test('nothing stored: the restore keeps what was typed before it ran', async () => {
  const env = formEnvironment({ kit: { wasEdited: () => true } });
  const handle = attach(marker(form([field({ name: 'Name', value: 'typed early' })])), env);

  assert.deepEqual(await handle.restore(), { restored: 0, rejected: null, submitAttempted: false, dropped: 0 });
  assert.equal(stored(env).fields[0].v, 'typed early');
});

test('another user\'s snapshot is never restored: it goes, with every other form of theirs in the tab', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'Bob\'s' }], { owner: 'u.bob', savedAt: env.now() }));
  env.storage.setItem('blazor-livestate:form:/profile#p', snapshot([], { owner: 'u.bob', savedAt: env.now() }));
  const name = field({ name: 'Name' });

  const outcome = await attach(marker(form([name])), env).restore();

  assert.equal(outcome.rejected, 'other-owner');
  assert.equal(name.value, '');
  assert.equal(env.storage.getItem(key), null);
  assert.equal(env.storage.getItem('blazor-livestate:form:/profile#p'), null);
});

test('storage that cannot be read: the outcome says so and the form starts from its defaults', async () => {
  const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => {}, removeItem: () => {} };
  const env = formEnvironment({ storage: refusing });

  const outcome = await attach(marker(form([field({ name: 'Name' })])), env).restore();

  assert.equal(outcome.rejected, 'storage-unavailable');
});

test('a field the user changes before its turn keeps what they typed; a field the URL sets keeps the URL\'s value', async () => {
  const env = formEnvironment({ search: '?promo=SPRING' });
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'old' }, { k: 'name:Promo', t: 'v', v: 'OLDCODE' }], { savedAt: env.now() }));
  const name = field({ name: 'Name' });
  const promo = field({ name: 'Promo', value: 'SPRING' });
  const order = form([name, promo]);
  const handle = attach(marker(order), env);
  name.value = 'new';
  order.emit('input', { target: name });

  const outcome = await handle.restore();

  assert.equal(name.value, 'new');
  assert.equal(promo.value, 'SPRING');
  assert.equal(outcome.restored, 0);
});

test('a field a restored choice reveals is filled when the server renders it; the restore then ends', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Gift', t: 'c', v: true }, { k: 'name:GiftMessage', t: 'v', v: 'Happy birthday' }], { savedAt: env.now() }));
  const order = form([field({ name: 'Gift', type: 'checkbox' })]);
  const handle = attach(marker(order), env);

  const restoring = handle.restore();
  await settle();
  const message = field({ name: 'GiftMessage' });
  order.elements.push(message);
  env.render();
  const outcome = await restoring;

  assert.equal(message.value, 'Happy birthday');
  assert.equal(outcome.restored, 2);
  assert.equal(env.clock.pending, 0, 'no timer left behind');
});

test('a stored field that never appears ends the restore once the form is still for a second', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'Ada' }, { k: 'name:Never', t: 'v', v: 'x' }], { savedAt: env.now() }));
  const handle = attach(marker(form([field({ name: 'Name' })])), env);
  let outcome = null;
  handle.restore().then(o => {
    outcome = o;
  });
  await settle();

  env.clock.tick(999);
  await settle();
  assert.equal(outcome, null);
  env.clock.tick(1);
  await settle();

  assert.equal(outcome.restored, 1);
});

test('a submit while restored fields are on their way waits for them, then goes with the same button', async () => {
  const env = formEnvironment();
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'Ada' }], { savedAt: env.now() }));
  let answer;
  env.roundTrip = () => new Promise(resolve => {
    answer = resolve;
  });
  const order = form([field({ name: 'Name' })]);
  const button = { isConnected: true, form: order };
  const handle = attach(marker(order), env);

  const restoring = handle.restore();
  await settle();
  let prevented = false;
  env.window.emit('submit', { target: order, submitter: button, preventDefault: () => (prevented = true), stopImmediatePropagation() {} });
  assert.equal(prevented, true, 'held: the server has not had the restored field yet');
  assert.deepEqual(order.submitted, []);
  answer();
  await restoring;

  assert.deepEqual(order.submitted, [button]);
});

test('clearing forgets the form and, with a flow, every form of the flow on any page', () => {
  const env = formEnvironment({ kit: { wasEdited: () => true } });
  env.storage.setItem('blazor-livestate:form:/checkout/step1#s1', snapshot([], { flow: 'checkout', savedAt: env.now() }));
  env.storage.setItem('blazor-livestate:form:/other#o', snapshot([], { savedAt: env.now() }));
  const handle = attach(marker(form([field({ name: 'Name', value: 'x' })]), { 'data-livestate-flow': 'checkout' }), env);
  env.window.emit('pagehide');

  handle.clear();

  assert.equal(env.storage.getItem(key), null);
  assert.equal(env.storage.getItem('blazor-livestate:form:/checkout/step1#s1'), null);
  assert.notEqual(env.storage.getItem('blazor-livestate:form:/other#o'), null);
});

test('without an owner, or outside a form, nothing is attached: the handle answers why', async () => {
  const env = formEnvironment();
  const noOwner = attach(marker(form([]), { 'data-livestate-owner': '' }), env);
  const noForm = attach({ getAttribute: () => null, closest: () => null }, env);

  assert.equal((await noOwner.outcome()).rejected, 'no-owner');
  assert.equal((await noForm.restore()).rejected, 'no-form');
  assert.equal(env.window.listeners.length, 0, 'no listener: nothing is captured');
});

/** A form whose user typed 'half-typed' into its name field less than the save delay ago: the save still waits. */
function halfTyped(env) {
  const name = field({ name: 'Name' });
  const order = form([name]);
  const handle = attach(marker(order), env);
  name.value = 'half-typed';
  order.emit('input', { target: name });
  return { order, handle };
}

test('disposed, the form stops listening and keeps an edit still waiting for its save', () => {
  const env = formEnvironment();
  const { order, handle } = halfTyped(env);

  handle.dispose();

  assert.equal(stored(env).fields[0].v, 'half-typed');
  assert.equal(order.listeners.length + env.document.listeners.length + env.window.listeners.length, 0);
});

test('disposed twice (the page, then the server), the form saves once: a later save elsewhere is not overwritten', () => {
  const env = formEnvironment();
  const { handle } = halfTyped(env);
  handle.dispose();

  // What the form on the page now saved meanwhile must stay.
  env.storage.setItem(key, snapshot([{ k: 'name:Name', t: 'v', v: 'typed into the new form' }], { savedAt: env.now() }));
  handle.dispose();

  assert.equal(stored(env).fields[0].v, 'typed into the new form');
});
