// Unit tests of the client configuration (no VS Code needed).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
  ANALYSIS_KEYS,
  INSTALL_URL,
  SECTION,
  analysisSettings,
  configurationResult,
  documentSelector,
  needsRestart,
  resolveServer,
  searchPath,
} from '../src/config';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

function reader(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

test('analysisSettings sends the [tool.hpylint] keys that are set, and nothing else', () => {
  const got = analysisSettings(
    reader({
      select: ['HPY1', 'HPY2'],
      ignore: null,
      severity: { HPY108: 'info' },
      exclude: undefined,
      abi: 'hybrid',
      'server.path': '/usr/bin/hpyls',
      'trace.server': 'verbose',
    }),
  );
  assert.deepEqual(got, { select: ['HPY1', 'HPY2'], severity: { HPY108: 'info' }, abi: 'hybrid' });
  assert.deepEqual(analysisSettings(reader({})), {});
  // An explicit empty list is the user's choice and is sent.
  assert.deepEqual(analysisSettings(reader({ ignore: [] })), { ignore: [] });
});

test('configurationResult answers the "hpylint" section only', () => {
  const get = reader({ ignore: ['HPY105'], abi: null });
  assert.deepEqual(configurationResult('hpylint', get), { ignore: ['HPY105'] });
  assert.deepEqual(configurationResult(undefined, get), { ignore: ['HPY105'] });
  assert.equal(configurationResult('editor', get), null);
});

test('package.json declares every mirrored setting, unset by default', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of ANALYSIS_KEYS) {
    const p = props[`${SECTION}.${key}`];
    assert.ok(p, `hpylint.${key} is not declared`);
    assert.equal(p.default, null, `hpylint.${key} must default to null (unset)`);
  }
  assert.deepEqual(props['hpylint.abi'].enum, ['universal', 'hybrid', 'cpython', null]);
  assert.equal(props['hpylint.server.path'].default, '');
  assert.ok(props['hpylint.trace.server'], 'hpylint.trace.server (read by vscode-languageclient) is not declared');
});

test('package.json: the restart command, activation on C and C++, the bundle, the client version', () => {
  const restart = pkg.contributes.commands.find((c: { command: string }) => c.command === 'hpylint.restart');
  assert.equal(restart?.title, 'Restart hpyls');
  assert.deepEqual(pkg.activationEvents, ['onLanguage:c', 'onLanguage:cpp']);
  assert.equal(pkg.main, './dist/extension.js');
  assert.match(pkg.dependencies['vscode-languageclient'], /^(9|10)\./);
  assert.match(pkg.scripts.package, /vsce package/);
});

test('documentSelector covers C and C++ files and unsaved buffers', () => {
  assert.deepEqual(documentSelector(), [
    { scheme: 'file', language: 'c' },
    { scheme: 'untitled', language: 'c' },
    { scheme: 'file', language: 'cpp' },
    { scheme: 'untitled', language: 'cpp' },
  ]);
});

test('needsRestart only for the server path', () => {
  assert.equal(needsRestart((s) => s === 'hpylint.server.path'), true);
  assert.equal(needsRestart((s) => s === 'hpylint.select'), false);
});

test('resolveServer: hpyls on PATH', () => {
  const exec = (p: string) => p === '/opt/go/bin/hpyls';
  const r = resolveServer('', { PATH: '/usr/bin::/opt/go/bin' }, 'linux', undefined, exec);
  assert.deepEqual(r, { ok: true, server: { command: '/opt/go/bin/hpyls', args: [] } });
  assert.deepEqual(resolveServer(undefined, { PATH: '/opt/go/bin' }, 'linux', undefined, exec).ok, true);
});

test('resolveServer: a configured path wins, ~ and workspace-relative paths are expanded', () => {
  const exec = (p: string) => ['/custom/hpyls', '/home/u/go/bin/hpyls', '/ws/tools/hpyls'].includes(p);
  const env = { PATH: '/nowhere', HOME: '/home/u' };
  const cmd = (configured: string) => {
    const r = resolveServer(configured, env, 'linux', '/ws', exec);
    return r.ok ? r.server.command : r.message;
  };
  assert.equal(cmd('/custom/hpyls'), '/custom/hpyls');
  assert.equal(cmd('~/go/bin/hpyls'), '/home/u/go/bin/hpyls');
  assert.equal(cmd('tools/hpyls'), '/ws/tools/hpyls');
});

test('resolveServer: a clear message with the install link when hpyls is missing', () => {
  const none = () => false;
  const r = resolveServer('', { PATH: '/usr/bin' }, 'linux', undefined, none);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /"hpyls" was not found/);
    assert.match(r.message, /go install github\.com\/hpyproject\/hpylint\/cmd\/hpyls@latest/);
    assert.match(r.message, /hpylint\.server\.path/);
  }
  const c = resolveServer('/missing/hpyls', { PATH: '/usr/bin' }, 'linux', undefined, none);
  assert.ok(!c.ok && c.message.includes('"/missing/hpyls" (hpylint.server.path)'));
  assert.match(INSTALL_URL, /^https:\/\/github\.com\/hpyproject\/hpylint#/);
});

test('searchPath uses PATHEXT on Windows', () => {
  const exec = (p: string) => p === 'C:\\Go\\bin\\hpyls.EXE';
  assert.equal(searchPath('hpyls', { PATH: 'C:\\Windows;C:\\Go\\bin', PATHEXT: '.COM;.EXE' }, 'win32', exec), 'C:\\Go\\bin\\hpyls.EXE');
  assert.equal(searchPath('hpyls', { PATH: '/usr/bin' }, 'linux', exec), undefined);
});

test('resolveServer checks the file system by default', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpyls-test-'));
  try {
    const exe = path.join(dir, 'hpyls');
    fs.writeFileSync(exe, '#!/bin/sh\n');
    fs.chmodSync(exe, 0o644);
    assert.equal(resolveServer('', { PATH: dir }, 'linux').ok, false, 'a file without the executable bit is not a server');
    fs.chmodSync(exe, 0o755);
    assert.deepEqual(resolveServer('', { PATH: dir }, 'linux'), { ok: true, server: { command: exe, args: [] } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
