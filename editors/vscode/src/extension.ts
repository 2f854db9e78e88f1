// The VS Code extension: starts hpyls for C and C++ files and keeps it in
// step with the "hpylint.*" settings. Everything that can be decided
// without VS Code lives in config.ts, where the unit tests reach it.

import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
  State,
} from 'vscode-languageclient/node';

import {
  INSTALL_URL,
  SECTION,
  analysisSettings,
  configurationResult,
  documentSelector,
  needsRestart,
  resolveServer,
} from './config';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let trace: vscode.LogOutputChannel | undefined;

function settings(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = resolveServer(settings().get('server.path'), process.env, process.platform, folder);
  if (!resolved.ok) {
    output?.appendLine(resolved.message);
    const choice = await vscode.window.showErrorMessage(resolved.message, 'Install instructions', 'Settings');
    if (choice === 'Install instructions') {
      void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    } else if (choice === 'Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
    }
    return;
  }
  output?.appendLine(`Starting ${resolved.server.command}`);

  const serverOptions: ServerOptions = {
    command: resolved.server.command,
    args: resolved.server.args,
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: analysisSettings((k) => settings().get(k)),
    // Changes to "hpylint.*" are announced; hpyls then asks for them.
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: trace,
    middleware: {
      workspace: {
        // Answer with the [tool.hpylint] keys only, per folder, unset ones
        // left out.
        configuration: (params) =>
          params.items.map((item) => {
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return configurationResult(item.section, (k) => settings(scope).get(k));
          }),
      },
    },
  };
  // The id makes the client read "hpylint.trace.server".
  client = new LanguageClient(SECTION, 'hpyls', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = `hpylint: hpyls failed to start: ${err instanceof Error ? err.message : String(err)}`;
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Show output').then((c) => {
      if (c) {
        output?.show();
      }
    });
  }
  context.subscriptions.push({ dispose: () => void stop() });
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop();
    } catch (err) {
      output?.appendLine(`hpyls did not stop cleanly: ${String(err)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output?.appendLine('Restarting hpyls');
  await stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('hpyls', { log: true });
  trace = vscode.window.createOutputChannel('hpyls (LSP trace)', { log: true });
  context.subscriptions.push(
    output,
    trace,
    vscode.commands.registerCommand('hpylint.restart', () => restart(context)),
    vscode.commands.registerCommand('hpylint.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (needsRestart((s) => e.affectsConfiguration(s))) {
        void restart(context);
      }
    }),
  );
  await start(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
