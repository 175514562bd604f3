// [TabState]'s browser side: the tab's id and sealed entries in sessionStorage, whatever state it is in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handoffCookie, handoffCookiePrefix, handoffJsonBudget, isTabId, newTabId, openKey, splitEntries, storageKey, TabStateStorage } from '../../src/Blazor.LiveState/wwwroot/TabState/tabState.js';

/** sessionStorage as a Map; reads and writes can be made to fail like a disabled or full storage. */
function fakeStorage(initial) {
  const map = new Map();
  if (initial !== undefined) {
    map.set(storageKey, initial);
  }
  const storage = {
    map,
    failReads: false,
    failWrites: false,
    // What a failing write throws: a full storage unless a test says otherwise.
    writeError: 'QuotaExceededError',
    getItem(key) {
      if (storage.failReads) {
        throw new Error('SecurityError: storage is disabled');
      }
      return map.has(key) ? map.get(key) : null;
    },
    setItem(key, value) {
      if (storage.failWrites) {
        throw Object.assign(new Error('The storage refused the write.'), { name: storage.writeError });
      }
      map.set(key, String(value));
    },
    removeItem(key) {
      map.delete(key);
    },
  };
  return storage;
}

function stored(storage) {
  return JSON.parse(storage.map.get(storageKey));
}

const validId = 'AbCdEfGhIjKlMnOpQrSt_-';

test('newTabId gives 22 characters of base64url', () => {
  for (let i = 0; i < 200; i++) {
    const id = newTabId(globalThis.crypto);
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.ok(isTabId(id));
  }
});

test('newTabId differs each time', () => {
  const ids = new Set();
  for (let i = 0; i < 1000; i++) {
    ids.add(newTabId(globalThis.crypto));
  }
  assert.equal(ids.size, 1000);
});

test('newTabId uses all 16 random bytes and writes base64url, not base64', () => {
  // 0xfb 0xff 0xbf is "+/+/" in base64: each must come out as "-_", and the padding must go.
  const pattern = [0xfb, 0xff, 0xbf];
  let asked = 0;
  const crypto = {
    getRandomValues(bytes) {
      asked = bytes.length;
      bytes.forEach((_, i) => (bytes[i] = pattern[i % 3]));
      return bytes;
    },
  };
  assert.equal(newTabId(crypto), '-_-_-_-_-_-_-_-_-_-_-w');
  assert.equal(asked, 16);
});

test('isTabId accepts 22 to 64 base64url characters only', () => {
  assert.ok(isTabId('A'.repeat(22)));
  assert.ok(isTabId('a-_'.repeat(21) + 'z'));
  for (const bad of ['A'.repeat(21), 'A'.repeat(65), 'A'.repeat(21) + '+', 'A'.repeat(21) + '/', 'A'.repeat(21) + '=',
    'A'.repeat(21) + ' ', 'A'.repeat(21) + '\n', '<script>alert(1)</script>', '', null, undefined, 42, {}, ['A'.repeat(22)]]) {
    assert.equal(isTabId(bad), false, `accepted ${JSON.stringify(bad)}`);
  }
});

test('open on empty storage creates an id, says it is new, and keeps it', () => {
  const storage = fakeStorage();
  const tabs = new TabStateStorage(storage, globalThis.crypto);

  const first = tabs.open();

  assert.equal(first.error, null);
  assert.ok(isTabId(first.id));
  assert.deepEqual(first.entries, {});
  // Nothing can be stored under an id made just now: the server need not look.
  assert.equal(first.created, true);
  assert.deepEqual(stored(storage), { id: first.id, entries: {} });
  // A reload: this document leaves, the next one opens the same tab, which is no longer new.
  tabs.leave();
  const again = new TabStateStorage(storage, globalThis.crypto).open();
  assert.equal(again.id, first.id);
  assert.equal(again.created, false);
});

test('open returns what was stored', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'token-1', 'Demo.Pages.Game': 'token-2' } }));

  const opened = new TabStateStorage(storage, globalThis.crypto).open();

  assert.deepEqual(opened, { id: validId, entries: { Counter: 'token-1', 'Demo.Pages.Game': 'token-2' }, error: null, forkedFrom: null, withheld: 0, created: false });
});

test('tampered storage starts the tab over instead of throwing', () => {
  const junk = [
    '{not json',
    '',
    'undefined',
    'null',
    '42',
    '"text"',
    '[]',
    '[1,2]',
    '{}',
    JSON.stringify({ id: 5, entries: {} }),
    JSON.stringify({ id: null, entries: {} }),
    JSON.stringify({ id: 'short', entries: {} }),
    JSON.stringify({ id: 'A'.repeat(65), entries: {} }),
    JSON.stringify({ id: 'AAAAAAAAAAAAAAAAAAAA+/', entries: {} }),
    JSON.stringify({ id: 'AAAAAAAAAAAAAAAAAAAAA=', entries: {} }),
    JSON.stringify({ id: '<script>alert(1)</script>', entries: {} }),
    JSON.stringify({ id: validId }),
    JSON.stringify({ id: validId, entries: null }),
    JSON.stringify({ id: validId, entries: 'Counter' }),
    JSON.stringify({ id: validId, entries: ['token'] }),
    JSON.stringify({ id: validId, entries: 7 }),
    '9'.repeat(5000),
  ];
  for (const raw of junk) {
    const storage = fakeStorage(raw);
    const tabs = new TabStateStorage(storage, globalThis.crypto);

    let opened;
    assert.doesNotThrow(() => (opened = tabs.open()), `threw on ${raw}`);

    assert.equal(opened.error, null, raw);
    assert.ok(isTabId(opened.id), raw);
    assert.notEqual(opened.id, validId, raw);
    assert.deepEqual(opened.entries, {}, raw);
    assert.deepEqual(stored(storage), { id: opened.id, entries: {} }, `storage not repaired after ${raw}`);
  }
});

test('entries that the server could not have written are filtered out', () => {
  const storage = fakeStorage(JSON.stringify({
    id: validId,
    entries: {
      Counter: 'good',
      'Demo.Pages.Game+Inner`1[[System.Int32]]#a:b/c<d>,e-f': 'also-good',
      Number: 5,
      Object: { token: 'x' },
      List: ['x'],
      Null: null,
      Bool: true,
      'bad key': 'x',
      'bad!': 'x',
      '"quoted"': 'x',
      '': 'x',
      ['k'.repeat(301)]: 'x',
    },
  }));

  const opened = new TabStateStorage(storage, globalThis.crypto).open();

  assert.equal(opened.id, validId);
  assert.deepEqual(opened.entries, { Counter: 'good', 'Demo.Pages.Game+Inner`1[[System.Int32]]#a:b/c<d>,e-f': 'also-good' });
});

test('write adds, replaces and removes entries', () => {
  const storage = fakeStorage();
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  const { id } = tabs.open();

  assert.equal(tabs.write({ Counter: 'one', Game: 'two' }), null);
  assert.deepEqual(stored(storage), { id, entries: { Counter: 'one', Game: 'two' } });

  assert.equal(tabs.write({ Counter: 'three' }), null);
  assert.deepEqual(tabs.open().entries, { Counter: 'three', Game: 'two' });

  assert.equal(tabs.write({ Game: null }), null);
  assert.deepEqual(tabs.open().entries, { Counter: 'three' });
  assert.equal(tabs.open().id, id);
});

test('write ignores malformed keys and treats a non-string token as removal', () => {
  const storage = fakeStorage();
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  tabs.open();
  tabs.write({ Counter: 'one', Game: 'two' });

  assert.equal(tabs.write({ 'bad key': 'x', '': 'y', ['k'.repeat(301)]: 'z', Counter: 5, Game: undefined }), null);

  assert.deepEqual(stored(storage).entries, {});
});

test('write with nothing to write changes nothing and does not throw', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'one' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);

  assert.equal(tabs.write(undefined), null);
  assert.equal(tabs.write(null), null);
  assert.equal(tabs.write({}), null);

  assert.deepEqual(stored(storage), { id: validId, entries: { Counter: 'one' } });
});

test('write says quota when the storage is full, and keeps what it had', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'one' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  storage.failWrites = true;

  assert.equal(tabs.write({ Counter: 'two', Game: 'big' }), 'quota');

  assert.deepEqual(stored(storage), { id: validId, entries: { Counter: 'one' } });
});

test('write and open say storage-unavailable when the storage cannot be read', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'one' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  storage.failReads = true;

  assert.equal(tabs.write({ Counter: 'two' }), 'storage-unavailable');
  assert.deepEqual(tabs.open(), { id: null, entries: {}, error: 'storage-unavailable', forkedFrom: null, withheld: 0 });
  assert.deepEqual(JSON.parse(storage.map.get(storageKey)), { id: validId, entries: { Counter: 'one' } });
});

test('open of a new tab says quota when the storage is too full to keep its id', () => {
  const storage = fakeStorage();
  storage.failWrites = true;

  const opened = new TabStateStorage(storage, globalThis.crypto).open();

  assert.deepEqual(opened, { id: null, entries: {}, error: 'quota', forkedFrom: null, withheld: 0 });
});

test('open and write say storage-unavailable when the storage refuses writes for another reason', () => {
  const storage = fakeStorage();
  storage.failWrites = true;
  storage.writeError = 'SecurityError';
  const tabs = new TabStateStorage(storage, globalThis.crypto);

  assert.deepEqual(tabs.open(), { id: null, entries: {}, error: 'storage-unavailable', forkedFrom: null, withheld: 0 });
  assert.equal(tabs.write({ Counter: 'two' }), 'storage-unavailable');
});

test('reset gives a new id and no entries', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'one' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);

  const id = tabs.reset();

  assert.ok(isTabId(id));
  assert.notEqual(id, validId);
  assert.deepEqual(stored(storage), { id, entries: {} });
  assert.deepEqual(tabs.open(), { id, entries: {}, error: null, forkedFrom: null, withheld: 0, created: false });
});

test('reset gives null when the storage cannot keep the new id', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'one' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  storage.failWrites = true;

  assert.equal(tabs.reset(), null);
  assert.equal(stored(storage).id, validId);
});

test('a duplicated tab (another document still holds the copied storage open) gets its own id and names the original', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'token-1' } }));
  storage.map.set(openKey, 'the-original-documents-mark');
  const duplicate = new TabStateStorage(storage, globalThis.crypto);

  const opened = duplicate.open();

  assert.ok(isTabId(opened.id));
  assert.notEqual(opened.id, validId);
  assert.equal(opened.forkedFrom, validId);
  assert.deepEqual(opened.entries, { Counter: 'token-1' }, 'the copied state comes along, for the server to open once');
  assert.deepEqual(stored(storage), { id: opened.id, entries: { Counter: 'token-1' }, forkedFrom: validId });
  assert.equal(storage.map.get(openKey), duplicate.documentMark);
  // Asked again by the same document (a new circuit after a lost one), or after a reload: the same tab,
  // still naming the original for state it has not saved again yet.
  assert.deepEqual(duplicate.open(), { id: opened.id, entries: { Counter: 'token-1' }, error: null, forkedFrom: validId, withheld: 0, created: false });
  duplicate.leave();
  assert.deepEqual(new TabStateStorage(storage, globalThis.crypto).open(), { id: opened.id, entries: { Counter: 'token-1' }, error: null, forkedFrom: validId, withheld: 0, created: false });
});

test('a reload is the same tab: the leaving document takes its mark along', () => {
  const storage = fakeStorage();
  const before = new TabStateStorage(storage, globalThis.crypto);
  const { id } = before.open();

  before.leave();
  const after = new TabStateStorage(storage, globalThis.crypto);
  const opened = after.open();

  assert.equal(opened.id, id);
  assert.equal(opened.forkedFrom, null);
  assert.equal(storage.map.get(openKey), after.documentMark);
});

test('leaving removes only this document\'s own mark, and a back/forward restore marks the tab again', () => {
  const storage = fakeStorage();
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  tabs.open();
  storage.map.set(openKey, 'someone-else');

  tabs.leave();
  assert.equal(storage.map.get(openKey), 'someone-else');

  storage.map.delete(openKey);
  tabs.claim();
  assert.equal(storage.map.get(openKey), tabs.documentMark);
});

test('a frame of the app shares its tab: it neither forks nor marks', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: {} }));
  storage.map.set(openKey, 'the-pages-mark');
  const frame = new TabStateStorage(storage, globalThis.crypto, { topDocument: false });

  assert.deepEqual(frame.open(), { id: validId, entries: {}, error: null, forkedFrom: null, withheld: 0, created: false });
  frame.leave();
  assert.equal(storage.map.get(openKey), 'the-pages-mark');
});

test('a duplicate that cannot store a new id keeps sharing the old one rather than losing it', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Counter: 'token-1' } }));
  storage.map.set(openKey, 'the-original-documents-mark');
  storage.failWrites = true;

  const opened = new TabStateStorage(storage, globalThis.crypto).open();

  assert.deepEqual(opened, { id: validId, entries: { Counter: 'token-1' }, error: null, forkedFrom: null, withheld: 0, created: false });
});

test('a stored original id that is not well formed is dropped', () => {
  for (const forkedFrom of ['short', '<script>', 42, null, {}]) {
    const storage = fakeStorage(JSON.stringify({ id: validId, entries: {}, forkedFrom }));

    assert.deepEqual(new TabStateStorage(storage, globalThis.crypto).open(), { id: validId, entries: {}, error: null, forkedFrom: null, withheld: 0, created: false });
  }
});

test('open answers with the entries that fit in its budget and counts the rest', () => {
  const big = 'b'.repeat(5000);
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { Small: 'token-1', Big: big, Other: 'token-2' } }));
  const tabs = new TabStateStorage(storage, globalThis.crypto);

  const opened = tabs.open(1000);

  assert.deepEqual(opened, { id: validId, entries: { Small: 'token-1', Other: 'token-2' }, error: null, forkedFrom: null, withheld: 1, created: false });
  assert.ok(JSON.stringify(opened.entries).length <= 1000);
  // What was left out comes as UTF-8 JSON bytes, for Blazor to stream to the server.
  const rest = tabs.rest(1000);
  assert.ok(rest instanceof Uint8Array);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(rest)), { Big: big });
});

test('open without a budget answers with every entry, as before', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { A: 'x'.repeat(100000) } }));
  const opened = new TabStateStorage(storage, globalThis.crypto).open();
  assert.equal(opened.withheld, 0);
  assert.equal(opened.entries.A.length, 100000);
});

test('splitEntries never puts more than the budget inline, whatever the keys and tokens', () => {
  const entries = {};
  for (let i = 0; i < 40; i++) {
    entries[`App.Pages.Component${i}#key-${i}`] = 't'.repeat((i * 977) % 3000);
  }
  for (const budget of [2, 50, 1000, 16384]) {
    const { inline, rest } = splitEntries(entries, budget);
    assert.ok(JSON.stringify(inline).length <= budget, `budget ${budget}`);
    assert.deepEqual({ ...inline, ...rest }, entries, 'every entry is in one part or the other');
    assert.equal(Object.keys(inline).length + Object.keys(rest).length, 40);
  }
});

test('rest of a tab whose storage cannot be read is empty', () => {
  const storage = fakeStorage(JSON.stringify({ id: validId, entries: { A: 'token' } }));
  storage.failReads = true;
  assert.deepEqual(JSON.parse(new TextDecoder().decode(new TabStateStorage(storage, globalThis.crypto).rest(10))), {});
});

// The reload after a crash hands the tab to the next document's prerender in a cookie.
function cookieContent(cookie) {
  const value = cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
}

test('Reload hand-off cookie carries the tab id and its sealed entries, scoped to the path for one short while', () => {
  const id = newTabId(globalThis.crypto);
  const cookie = handoffCookie({ id, entries: { 'Probe': 'sealed-token' } }, 'mark123', '/probe', false);

  assert.ok(cookie.startsWith(`${handoffCookiePrefix}mark123=`));
  assert.match(cookie, /; Path=\/probe; Max-Age=30; SameSite=Strict$/);
  assert.deepEqual(cookieContent(cookie), { v: 1, id, entries: { Probe: 'sealed-token' } });
  // Only cookie-safe characters in the value (base64url).
  assert.match(cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';')), /^[A-Za-z0-9_-]+$/);
});

test('Reload hand-off cookie is Secure on https and names the original of a duplicated tab', () => {
  const id = newTabId(globalThis.crypto);
  const original = newTabId(globalThis.crypto);
  const cookie = handoffCookie({ id, entries: {}, forkedFrom: original }, 'm', '/', true);

  assert.match(cookie, /; SameSite=Strict; Secure$/);
  assert.deepEqual(cookieContent(cookie), { v: 1, id, forkedFrom: original, entries: {} });
});

test('Reload hand-off leaves out entries too large for a cookie and names them', () => {
  const id = newTabId(globalThis.crypto);
  const cookie = handoffCookie({ id, entries: { Small: 'x'.repeat(100), Large: 'y'.repeat(5000) } }, 'm', '/probe', false);

  const content = cookieContent(cookie);
  assert.deepEqual(content.entries, { Small: 'x'.repeat(100) });
  assert.deepEqual(content.withheld, ['Large']);
  // Name and value within the 4096 bytes every browser keeps.
  assert.ok(cookie.indexOf(';') <= 4096);
  assert.ok(JSON.stringify(content).length <= handoffJsonBudget);
});

test('Tab storage hands off the stored tab, named for this document', () => {
  const storage = fakeStorage();
  const tabs = new TabStateStorage(storage, globalThis.crypto);
  const { id } = tabs.open();
  tabs.write({ Probe: 'sealed' });

  const cookie = tabs.handoff('/probe', false);

  assert.ok(cookie.startsWith(`${handoffCookiePrefix}${tabs.documentMark}=`));
  assert.deepEqual(cookieContent(cookie), { v: 1, id, entries: { Probe: 'sealed' } });
});

test('Tab storage that cannot be read hands off nothing', () => {
  const storage = fakeStorage();
  storage.failReads = true;

  assert.equal(new TabStateStorage(storage, globalThis.crypto).handoff('/probe', false), null);
});
