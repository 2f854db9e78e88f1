// Loads the bundled extension (dist/extension.js, what the .vsix ships) with
// a stand-in for the 'vscode' module, and checks its wiring: the commands
// and the output channel are registered, and a missing hpyls gives a clear
// error with a link to the install instructions. (VS Code itself cannot be
// downloaded here; server.test.ts drives the real hpyls instead.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import Module = require('node:module');

import { INSTALL_URL } from '../src/config';

interface Recorded {
  commands: string[];
  channels: string[];
  errors: { message: string; items: string[] }[];
  opened: string[];
  configListeners: number;
}

// A deep stand-in: any property is another stand-in, callable and
// constructible, so vscode-languageclient can load; the few APIs the
// extension's activation uses are real fakes.
function stub(): unknown {
  const fn = function () {
    return stub();
  };
  return new Proxy(fn, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.toPrimitive ? () => '' : stub()),
    apply: () => stub(),
    construct: () => stub() as object,
  });
}

function fakeVscode(settings: Record<string, unknown>, rec: Recorded, choice: string | undefined) {
  const base = stub() as Record<string, unknown>;
  const disposable = { dispose() {} };
  const window = {
    createOutputChannel: (name: string) => {
      rec.channels.push(name);
      return { appendLine() {}, append() {}, show() {}, dispose() {}, info() {}, warn() {}, error() {}, trace() {}, debug() {} };
    },
    showErrorMessage: (message: string, ...items: string[]) => {
      rec.errors.push({ message, items });
      return Promise.resolve(choice);
    },
  };
  const fake: Record<string, unknown> = {
    window,
    commands: {
      registerCommand: (id: string) => {
        rec.commands.push(id);
        return disposable;
      },
      executeCommand: () => Promise.resolve(),
    },
    workspace: {
      getConfiguration: () => ({ get: (k: string) => settings[k] }),
      workspaceFolders: undefined,
      onDidChangeConfiguration: () => {
        rec.configListeners++;
        return disposable;
      },
    },
    env: {
      openExternal: (uri: { value: string }) => {
        rec.opened.push(uri.value);
        return Promise.resolve(true);
      },
    },
    Uri: { parse: (value: string) => ({ value, toString: () => value }) },
  };
  return new Proxy(fake, { get: (t, p: string) => (p in t ? t[p] : base[p]) });
}

async function activateWith(settings: Record<string, unknown>, choice?: string): Promise<Recorded> {
  const rec: Recorded = { commands: [], channels: [], errors: [], opened: [], configListeners: 0 };
  const vscode = fakeVscode(settings, rec, choice);
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const file = path.join(__dirname, '..', 'extension.js');
  try {
    delete require.cache[require.resolve(file)];
    const ext = require(file);
    const subscriptions: unknown[] = [];
    await ext.activate({ subscriptions });
    await new Promise((r) => setTimeout(r, 10)); // let the choice's handler run
  } finally {
    mod._load = load;
  }
  return rec;
}

test('activation registers the commands, the output channel and a settings listener', async () => {
  const rec = await activateWith({ 'server.path': '/nonexistent/hpyls' });
  assert.deepEqual(rec.commands.sort(), ['hpylint.restart', 'hpylint.showOutput']);
  assert.ok(rec.channels.includes('hpyls'), `channels: ${rec.channels}`);
  assert.equal(rec.configListeners, 1);
});

test('a missing hpyls gives one error with a link to the install instructions', async () => {
  const rec = await activateWith({ 'server.path': '/nonexistent/hpyls' }, 'Install instructions');
  assert.equal(rec.errors.length, 1);
  assert.match(rec.errors[0].message, /"\/nonexistent\/hpyls" \(hpylint\.server\.path\) was not found/);
  assert.deepEqual(rec.errors[0].items, ['Install instructions', 'Settings']);
  assert.deepEqual(rec.opened, [INSTALL_URL]);
});
