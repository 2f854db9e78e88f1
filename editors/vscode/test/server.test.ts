// Drives the real hpyls over stdio through vscode-languageserver-protocol,
// the protocol layer VS Code's client is built on, with the settings the
// extension would send: open a C file, get HPY102, ask for the code action,
// apply its edit, see the diagnostics clear.
//
// hpyls comes from $HPYLS, else it is built from this repository with
// `go build` into dist/test-bin.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  WorkDoneProgressCreateRequest,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

import { analysisSettings, configurationResult } from '../src/config';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function hpylsPath(): string {
  if (process.env.HPYLS) {
    return process.env.HPYLS;
  }
  const out = path.join(__dirname, '..', 'test-bin', 'hpyls');
  cp.execFileSync('go', ['build', '-o', out, './cmd/hpyls'], { cwd: repo, stdio: 'inherit' });
  return out;
}

// What the user configured: HPY105 (an info hpylint reports on this project)
// is ignored, so after the fix nothing at all remains.
const userSettings: Record<string, unknown> = { ignore: ['HPY105'], select: null, abi: null };
const get = (k: string) => userSettings[k];

let tmp: string;
let proc: cp.ChildProcessWithoutNullStreams;
let conn: ProtocolConnection;
let stderr = '';
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const messages: string[] = [];
let configurationRequests = 0;

function waitFor<T>(what: string, probe: () => T | undefined, ms = 30000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = probe();
      if (v !== undefined) {
        resolve(v);
      } else if (Date.now() - started > ms) {
        reject(new Error(`timed out waiting for ${what}; hpyls stderr:\n${stderr}\nmessages: ${messages.join('\n')}`));
      } else {
        setTimeout(tick, 25);
      }
    };
    tick();
  });
}

/** Applies LSP text edits (UTF-16 positions, which JS strings use) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) {
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  }
  return text;
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const [u, edits] of Object.entries(edit.changes ?? {})) {
    if (u === uri) {
      out.push(...edits);
    }
  }
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) {
      out.push(...(dc.edits as TextEdit[]));
    }
  }
  return out;
}

before(async () => {
  const server = hpylsPath();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hpyls-vscode-'));
  fs.cpSync(path.join(repo, 'testdata', 'integrations', 'bad'), path.join(tmp, 'project'), { recursive: true });
  proc = cp.spawn(server, [], { cwd: tmp, stdio: 'pipe' });
  proc.stderr.on('data', (d) => (stderr += d.toString()));
  conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const list = diagnostics.get(p.uri) ?? [];
    list.push(p);
    diagnostics.set(p.uri, list);
  });
  conn.onNotification(ShowMessageNotification.type, (p) => {
    messages.push(p.message);
  });
  // The same answer the extension's middleware gives.
  conn.onRequest(ConfigurationRequest.type, (p) => {
    configurationRequests++;
    return p.items.map((item) => configurationResult(item.section, get));
  });
  conn.onRequest(RegistrationRequest.type, () => {});
  conn.onRequest(WorkDoneProgressCreateRequest.type, () => {});
  conn.listen();
});

after(async () => {
  if (conn) {
    try {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
    } catch {
      // the test already failed; the process is killed below
    }
    conn.dispose();
  }
  if (proc && proc.exitCode === null) {
    await new Promise((resolve) => {
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.on('exit', () => {
        clearTimeout(t);
        resolve(undefined);
      });
    });
  }
  if (tmp) {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('hpyls reports HPY102, offers the fix, and the diagnostics clear once it is applied', async () => {
  const root = path.join(tmp, 'project');
  const rootUri = pathToFileURL(root).href;
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'project' }],
    initializationOptions: analysisSettings(get),
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        },
      },
    },
  });
  assert.ok(init.capabilities.codeActionProvider, 'hpyls offers no code actions');
  await conn.sendNotification(InitializedNotification.type, {});

  const file = path.join(root, 'src', 'speedups.c');
  const uri = pathToFileURL(file).href;
  let text = fs.readFileSync(file, 'utf8');
  await conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'c', version: 1, text },
  });

  const latest = () => {
    const list = diagnostics.get(uri);
    return list?.[list.length - 1];
  };
  const first = await waitFor('HPY102', () => {
    const p = latest();
    return p?.diagnostics.some((d) => d.code === 'HPY102') ? p : undefined;
  });
  const d = first.diagnostics.find((x) => x.code === 'HPY102')!;
  assert.deepEqual(d.range, { start: { line: 16, character: 12 }, end: { line: 16, character: 20 } });
  assert.equal(d.severity, 1);
  assert.match(typeof d.message === 'string' ? d.message : d.message.value, /does not match extension "speedups\._speedups"/);
  assert.ok(
    !first.diagnostics.some((x) => x.code === 'HPY105'),
    `the ignore setting did not reach hpyls: ${JSON.stringify(first.diagnostics.map((x) => x.code))}`,
  );

  const actions = (await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.title === 'Rename to _speedups');
  assert.ok(fix, `no "Rename to _speedups" action in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(fix.edit, 'the action has no edit');
  const edits = editsFor(fix.edit, uri);
  assert.ok(edits.length > 0, `the edit does not touch ${uri}: ${JSON.stringify(fix.edit)}`);
  text = applyEdits(text, edits);
  assert.match(text, /^HPy_MODINIT\(_speedups, moduledef\)$/m);

  const published = diagnostics.get(uri)!.length;
  await conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text }],
  });
  const cleared = await waitFor('the diagnostics to clear', () => {
    const list = diagnostics.get(uri)!;
    const p = list[list.length - 1];
    return list.length > published && p.diagnostics.length === 0 ? p : undefined;
  });
  assert.equal(cleared.version ?? 2, 2);
  assert.equal(messages.filter((m) => /invalid settings/.test(m)).length, 0, `settings rejected: ${messages.join('\n')}`);
  assert.ok(configurationRequests > 0, 'hpyls never asked for the "hpylint" configuration section');
});
