// The reconnect state machine, driven in node through its environment: a fake clock, fetch, storage,
// location and Blazor (issue 15, item 3). Behaviour in a real browser is covered by the Chromium E2E tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeployAwareReconnect } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnect.js';
import { memoryStorage } from './fakeDom.mjs';
import { down, fakeReconnectEnv, notReady, ready } from './fakeReconnectEnv.mjs';

const config = { build: '1.0.0', instance: 'A', stableAfterMs: 10_000, schedule: { giveUpAfterMs: null } };

function start(fake, circuitOptions = {}) {
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(circuitOptions);
  kit.applyConfig(config);
  return { kit, handler: circuitOptions.reconnectionHandler };
}

function loseConnection(handler) {
  handler.onConnectionDown({}, new Error('connection lost'), false, false);
}

test('a lost connection polls readiness and reconnects the same circuit without reloading', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  let answers = 0;
  fake.onReady(() => (++answers < 3 ? down() : { status: 200, body: { ready: true, build: '1.0.0', instance: 'A' } }));
  fake.blazor.reconnectAnswers.push(true);

  loseConnection(handler);
  assert.equal(kit.status.state, 'reconnecting');
  await fake.advanceUntil(() => fake.blazor.calls.length > 0);
  handler.onConnectionUp();
  const report = await kit.connected(config);

  assert.deepEqual(fake.blazor.calls, ['reconnect']);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'connected');
  assert.equal(report.outcome, 'reconnected');
  assert.equal(report.attempts, 3);
});

test('a restarted server that does not know the circuit: the page saves, then reloads, and the next page reports why', async () => {
  const storage = memoryStorage();
  const fake = fakeReconnectEnv({ storage });
  const { handler } = start(fake);
  fake.onReady(ready('A'));
  fake.onPage(() => ({ status: 200 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, ['reconnect', 'resumeCircuit']);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
  assert.ok(fake.events.some(e => e.type === 'livestate:save' && e.detail.reason === 'reload'));
  // The next document reads how it got there, once.
  const next = start(fakeReconnectEnv({ storage }));
  const report = await next.kit.connected(config);
  assert.equal(report.outcome, 'reloaded');
  assert.equal(report.reason, 'rejected');
  assert.equal((await next.kit.connected(config)).outcome, 'started');
});

test('another process answering: no reconnect, no resume, a reload', async () => {
  const fake = fakeReconnectEnv();
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, []);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('a new build reloads at once, without trying to reconnect', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  kit.applyConfig({ ...config, resumeOnNewInstance: true });
  fake.onReady(ready('A', '2.0.0'));
  fake.onPage(() => ({ status: 200 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, []);
  assert.equal(fake.navigations.length, 1);
});

test('a server that is not ready yet is waited for; the reload comes only once it is', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  let isReady = false;
  fake.onReady(() => (isReady ? ready('B')() : notReady('B')()));
  fake.onPage(() => ({ status: 200 }));

  loseConnection(handler);
  await fake.advance(20_000);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'reconnecting');
  assert.ok(fake.requests.length >= 10, `${fake.requests.length} probes in 20 s`);

  isReady = true;
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.equal(fake.navigations.length, 1);
});

test('the reload-loop guard stops after the limit and shows failed', async () => {
  const storage = memoryStorage();
  for (let i = 0; i < 3; i++) {
    const fake = fakeReconnectEnv({ storage });
    const { handler } = start(fake);
    fake.onReady(ready('B'));
    fake.onPage(() => ({ status: 200 }));
    loseConnection(handler);
    await fake.advanceUntil(() => fake.navigations.length > 0);
    assert.equal(fake.navigations.length, 1, `reload ${i + 1}`);
  }

  const fake = fakeReconnectEnv({ storage });
  const { kit, handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));
  loseConnection(handler);
  await fake.advanceUntil(() => kit.status.state === 'failed');

  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'failed');
  assert.match(fake.warnings.join('\n'), /stopped reloading after 3 reloads/);
});

test('offline: no probe until the network is back, then one at once', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  fake.onReady(ready('A'));
  fake.blazor.reconnectAnswers.push(true);
  fake.env.navigator.onLine = false;

  loseConnection(handler);
  await fake.advance(60_000);
  assert.equal(kit.status.state, 'offline');
  assert.equal(fake.requests.length, 0);

  fake.env.navigator.onLine = true;
  fake.raiseOnWindow({ type: 'online' });
  await fake.advance(0);
  assert.equal(fake.requests.length, 1);
  assert.deepEqual(fake.blazor.calls, ['reconnect']);
});

test('gives up and shows failed once the outage is longer than giveUpAfterMs', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  kit.applyConfig({ ...config, schedule: { giveUpAfterMs: 30_000 } });
  fake.onReady(down);

  loseConnection(handler);
  await fake.advance(40_000);

  assert.equal(kit.status.state, 'failed');
  const last = fake.requests.at(-1).at;
  await fake.advance(60_000);
  assert.equal(fake.requests.at(-1).at, last, 'no probe after giving up');
});

test('an app-supplied handler decides; the kit only shows the state', async () => {
  const fake = fakeReconnectEnv();
  const calls = [];
  const options = { reconnectionHandler: { onConnectionDown: () => calls.push('down'), onConnectionUp: () => calls.push('up') } };
  const { kit, handler } = start(fake, options);
  fake.onReady(ready('B'));

  loseConnection(handler);
  await fake.advance(10_000);
  assert.equal(kit.status.state, 'reconnecting');
  handler.onConnectionUp();

  assert.deepEqual(calls, ['down', 'up']);
  assert.equal(fake.requests.length, 0);
  assert.equal(kit.status.state, 'connected');
});

test('a circuit that stays up clears the reload count', async () => {
  const storage = memoryStorage();
  storage.setItem('blazor-livestate:reloads', JSON.stringify([1_000_000, 1_000_001, 1_000_002]));
  const fake = fakeReconnectEnv({ storage });
  const { kit } = start(fake);
  await kit.connected(config);
  await fake.advance(10_000);
  assert.equal(storage.getItem('blazor-livestate:reloads'), null);
});

test('a ready server whose pages answer 500 is not reloaded into: the page waits until its address answers', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  let pagesWork = false;
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: pagesWork ? 200 : 500 }));

  loseConnection(handler);
  await fake.advance(30_000);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'reloading');
  const checked = fake.requests.filter(r => r.init.headers?.accept === 'text/html').map(r => r.url);
  assert.ok(checked.filter(url => url === 'http://localhost/app/page?tab=2').length >= 10);
  // Once the failures lasted, the fallbacks were asked too (and failed as well).
  assert.ok(checked.includes('http://localhost/app/page') && checked.includes('http://localhost/app/'));

  pagesWork = true;
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('a page address the server refuses (414) reloads into the same path without its query', async () => {
  const fake = fakeReconnectEnv({ href: `http://localhost/app/page?filter=${'x'.repeat(9_000)}` });
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(url => ({ status: url.includes('?') ? 414 : 200 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.navigations.map(n => [n.kind, n.url]), [['replace', 'http://localhost/app/page']]);
  assert.match(fake.warnings.join('\n'), /opening http:\/\/localhost\/app\/page instead/);
});

test('the page announces its reload with the address it loads, after every wait and just before it leaves', async () => {
  const fake = fakeReconnectEnv();
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));
  const announced = [];
  fake.env.document.addEventListener('livestate:reloading', event => {
    announced.push({ url: event.detail.url, navigationsBefore: fake.navigations.length, pageChecked: fake.requests.some(r => r.url === 'http://localhost/app/page?tab=2') });
  });

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(announced, [{ url: 'http://localhost/app/page?tab=2', navigationsBefore: 0, pageChecked: true }]);
});

test('a reload into a fallback address announces that address', async () => {
  const fake = fakeReconnectEnv({ href: `http://localhost/app/page?filter=${'x'.repeat(9_000)}` });
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(url => ({ status: url.includes('?') ? 414 : 200 }));
  const announced = [];
  fake.env.document.addEventListener('livestate:reloading', event => announced.push(event.detail.url));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(announced, ['http://localhost/app/page']);
});

test('a page whose address keeps failing on a ready server goes to its base when its path fails too', async () => {
  const fake = fakeReconnectEnv();
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(url => ({ status: url === 'http://localhost/app/' ? 200 : 500 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.navigations.map(n => [n.kind, n.url]), [['replace', 'http://localhost/app/']]);
  const ownChecks = fake.requests.filter(r => r.url === 'http://localhost/app/page?tab=2').length;
  assert.ok(ownChecks > 10, `${ownChecks} checks of its own address first`);
});

test('a passing failure of the page\'s own address (a proxy between instances) keeps the address and its query', async () => {
  const fake = fakeReconnectEnv();
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  let ownChecks = 0;
  fake.onPage(url => ({ status: url === 'http://localhost/app/page?tab=2' && ++ownChecks <= 2 ? 502 : 200 }));

  loseConnection(handler);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
  assert.ok(!fake.requests.some(r => r.url === 'http://localhost/app/page'), 'the path without the query was never needed');
});

test('an unreachable page check counts as not yet, and the reload-loop guard counts only real reloads', async () => {
  const storage = memoryStorage();
  const fake = fakeReconnectEnv({ storage });
  const { handler } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(down);

  loseConnection(handler);
  await fake.advance(60_000);

  assert.deepEqual(fake.navigations, []);
  assert.equal(storage.getItem('blazor-livestate:reloads'), null);
});

test('the page is not marked connected before Blazor opens its circuit', async () => {
  const fake = fakeReconnectEnv();
  const options = {};
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(options);

  assert.equal(kit.status.state, 'starting');
  assert.equal([...fake.classes].filter(c => c.startsWith('ls-')).length, 0);

  options.circuitHandlers.forEach(h => h.onCircuitOpened?.());
  assert.equal(kit.status.state, 'connected');
  assert.ok(fake.classes.has('ls-connected'));
});

test('a hub connection that cannot start shows failed, not connected, and the app\'s configureSignalR still runs', async () => {
  const fake = fakeReconnectEnv();
  const configured = [];
  const options = { configureSignalR: builder => configured.push(builder) };
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(options);
  // What Blazor does at start: configure a builder, build the connection, start it.
  const builder = {
    build() {
      return { start: () => Promise.reject(new Error('Failed to complete negotiation with the server: Error: Forbidden: Status code \'403\'')) };
    },
  };
  options.configureSignalR(builder);
  await assert.rejects(builder.build().start(), /Forbidden/);

  assert.deepEqual(configured, [builder]);
  assert.equal(kit.status.state, 'failed');
  assert.ok(fake.classes.has('ls-failed'));
  assert.ok(!fake.classes.has('ls-connected'));
  assert.match(fake.warnings.join('\n'), /could not connect to the server/);
});

test('a connection that fails to start while reconnecting is left to the reconnect loop', async () => {
  const fake = fakeReconnectEnv();
  const options = {};
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(options);
  options.circuitHandlers.forEach(h => h.onCircuitOpened?.());
  fake.onReady(down);
  options.reconnectionHandler.onConnectionDown({}, new Error('lost'), false, false);
  const builder = { build: () => ({ start: () => Promise.reject(new Error('refused')) }) };
  options.configureSignalR(builder);
  await assert.rejects(builder.build().start());

  assert.equal(kit.status.state, 'reconnecting');
});

test('a refused connection is probed again under the unanswered cap, a proxy\'s error page under the young-outage cap', async () => {
  const gaps = async answer => {
    const fake = fakeReconnectEnv();
    fake.env.random = () => 0; // no jitter: each wait is its cap once the backoff has grown to it
    const { handler } = start(fake);
    fake.onReady(answer);
    loseConnection(handler);
    await fake.advanceUntil(() => fake.requests.filter(r => r.url.includes('/ready')).length >= 12, 10_000, 5);
    const at = fake.requests.filter(r => r.url.includes('/ready')).map(r => r.at);
    return Math.max(...at.slice(1).map((t, i) => t - at[i]));
  };

  assert.equal(await gaps(() => down()), 150);
  assert.equal(await gaps(() => ({ status: 502 })), 500);
});

test('a server whose circuit cannot restore the page\'s state has it wait for a ready instance and reload, counted by the reload-loop guard', async () => {
  const storage = memoryStorage();
  const fake = fakeReconnectEnv({ storage });
  // A reload a moment ago (a crash's): the guard counts it.
  storage.setItem('blazor-livestate:reloads', JSON.stringify([fake.env.now()]));
  const { kit } = start(fake);
  await kit.connected(config);
  let isReady = false;
  fake.onReady(() => (isReady ? ready('A')() : notReady('A')()));
  fake.onPage(() => ({ status: 200 }));

  assert.equal(kit.reloadWhenReady('tab-state-unavailable'), true);
  // The store is still out, so the instance is not ready: the page waits and shows it, however long that takes.
  await fake.advance(20_000);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'reloading');
  // The circuit stayed up all along, yet it restored nothing: the reload-loop count is not cleared.
  assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads') ?? '[]').length, 1);

  isReady = true;
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
  assert.ok(fake.events.some(e => e.type === 'livestate:reloading'), 'the tab hands itself to the reload');
  assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads')).length, 2);
  const next = start(fakeReconnectEnv({ storage }));
  const report = await next.kit.connected(config);
  assert.equal(report.outcome, 'reloaded');
  assert.equal(report.reason, 'tab-state-unavailable');
});

test('the reload a server asked for is neither started twice nor called off by a connection coming back up', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  await kit.connected(config);
  let isReady = false;
  fake.onReady(() => (isReady ? ready('A')() : notReady('A')()));
  fake.onPage(() => ({ status: 200 }));

  kit.reloadWhenReady('tab-state-unavailable');
  const process = kit.process;
  assert.equal(kit.reloadWhenReady('tab-state-unavailable'), true);
  assert.equal(kit.process, process);
  handler.onConnectionUp();
  assert.equal(kit.status.state, 'reloading');

  isReady = true;
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.equal(fake.navigations.length, 1);
});
