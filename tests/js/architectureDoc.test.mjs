// docs/architecture.md names real files, types and interop names only: a rename that leaves the page behind fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const kit = join(root, 'src', 'Blazor.LiveState');

function sourceFiles(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['bin', 'obj', 'node_modules', 'artifacts', '.git'].includes(entry.name)) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      sourceFiles(path, found);
    } else {
      found.push(path);
    }
  }
  return found;
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'tests')), ...sourceFiles(join(root, 'samples'))];
const names = new Set(files.map(file => basename(file)));
const kitSource = files.filter(file => file.startsWith(kit) && /\.(cs|js|razor)$/.test(file)).map(file => readFileSync(file, 'utf8')).join('\n');

test('every file the architecture page names exists', () => {
  // A path from the repository's root, the kit's folder, its wwwroot, the unit tests or docs/; or a bare file name.
  const bases = [root, kit, join(kit, 'wwwroot'), join(root, 'tests', 'Blazor.LiveState.Tests'), join(root, 'docs')];
  const named = new Set(page.match(/(?<![\w*.])\w[\w./-]*\.(?:cs|js|razor|md)\b/g));
  const missing = [...named].filter(name =>
    !bases.some(base => existsSync(join(base, name))) && !(!name.includes('/') && names.has(name)));
  assert.deepEqual(missing, []);
});

test('every folder the architecture page names exists', () => {
  const folders = new Set(page.match(/(?<![\w.])(?:src|tests|samples|bench)\/[\w./-]+\/(?=[\s`)|])/g));
  const missing = [...folders].filter(folder => !existsSync(join(root, folder)));
  assert.deepEqual(missing, []);
});

test('every interop name the architecture page names is in the kit', () => {
  const interop = new Set(page.match(/BlazorLiveState(?:\.\w+)+/g));
  assert.ok(interop.size >= 5);
  // LiveStateInterop.cs spells them as Prefix + "member" (Prefix = "BlazorLiveState.").
  const interopList = readFileSync(join(kit, 'Shared', 'LiveStateInterop.cs'), 'utf8');
  const missing = [...interop].filter(name => !interopList.includes(`Prefix + "${name.slice('BlazorLiveState.'.length)}"`));
  assert.deepEqual(missing, []);
});

test('every DOM attribute, event and storage key the architecture page names is in the kit', () => {
  // Listed in full once, then by their ending: `data-livestate-status`, `-announce`, ...
  const attributes = new Set([...page.match(/data-livestate-[a-z-]+/g), ...[...page.matchAll(/`-([a-z-]+)`/g)].map(match => `data-livestate-${match[1]}`)]);
  const events = new Set(page.match(/livestate:[a-z]+/g));
  const missing = [...attributes, ...events].filter(name => !new RegExp(`${name}(?![\\w-])`).test(kitSource));
  assert.deepEqual(missing, []);
  for (const key of ['tab', 'tab-open', 'form:', 'reloads', 'recovery']) {
    assert.ok(kitSource.includes(`blazor-livestate:${key}`), key);
  }
});

test('every name the architecture page puts in code font is in the code', () => {
  const code = files.filter(file => /\.(cs|razor|js|mjs|csproj)$/.test(file)).map(file => readFileSync(file, 'utf8')).join('\n');
  // `Type`, `Type<T>`, `Type.Member`: every part of the name.
  const mentioned = new Set([...page.matchAll(/`([A-Za-z_][\w.]*\w)(?:<T>)?`/g)]
    .map(match => match[1])
    .filter(name => !/\.(?:txt|md|cs|js|razor)$/.test(name))
    .flatMap(name => name.split('.')));
  const missing = [...mentioned].filter(name => !new RegExp(`\\b${name}\\b`).test(code));
  assert.deepEqual(missing, []);
});
