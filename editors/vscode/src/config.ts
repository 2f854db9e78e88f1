// The client's configuration, as plain data and pure functions: no import of
// 'vscode' here, so unit tests run in Node without VS Code.

import * as fs from 'fs';
import * as path from 'path';

/** The configuration section: settings are "hpylint.select" and so on. */
export const SECTION = 'hpylint';

/** Where the README tells how to install hpyls. */
export const INSTALL_URL = 'https://github.com/hpyproject/hpylint#vs-code';

/** The languages hpyls serves, as VS Code names them. */
export const LANGUAGES = ['c', 'cpp'] as const;

/** The keys of [tool.hpylint] the extension mirrors, sent to hpyls. */
export const ANALYSIS_KEYS = ['select', 'ignore', 'severity', 'exclude', 'abi'] as const;
export type AnalysisKey = (typeof ANALYSIS_KEYS)[number];
export type AnalysisSettings = Partial<Record<AnalysisKey, unknown>>;

/** Reads one setting of the section, as vscode.WorkspaceConfiguration.get does. */
export type SettingReader = (key: string) => unknown;

/**
 * analysisSettings are the settings hpyls analyses with: the [tool.hpylint]
 * keys the user set. Unset ones (null, the declared default) are left out,
 * so the project's configuration and hpylint's defaults apply.
 */
export function analysisSettings(get: SettingReader): AnalysisSettings {
  const out: AnalysisSettings = {};
  for (const key of ANALYSIS_KEYS) {
    const v = get(key);
    if (v !== null && v !== undefined && v !== '') {
      out[key] = v;
    }
  }
  return out;
}

/**
 * configurationResult answers hpyls's workspace/configuration request for
 * the "hpylint" section: the analysis settings only (not the server path or
 * trace level), with unset keys left out.
 */
export function configurationResult(section: string | undefined, get: SettingReader): unknown {
  if (section !== undefined && section !== SECTION) {
    return null;
  }
  return analysisSettings(get);
}

export interface ServerCommand {
  command: string;
  args: string[];
}

export type ResolveResult = { ok: true; server: ServerCommand } | { ok: false; message: string };

export interface Environment {
  PATH?: string;
  PATHEXT?: string;
  HOME?: string;
}

/**
 * resolveServer finds hpyls: the configured path (with ~ expanded and
 * relative paths taken from the first workspace folder) when it is set, else
 * "hpyls" on PATH. When it cannot be found, the message says what to do.
 */
export function resolveServer(
  configured: unknown,
  env: Environment,
  platform: NodeJS.Platform,
  workspaceFolder?: string,
  isExecutable: (p: string) => boolean = defaultIsExecutable,
): ResolveResult {
  const missing = (what: string): ResolveResult => ({
    ok: false,
    message:
      `hpylint: the language server ${what} was not found. Install it with ` +
      '`go install github.com/hpyproject/hpylint/cmd/hpyls@latest` (Go 1.26 and a C compiler) ' +
      'and make sure it is on PATH, or set "hpylint.server.path".',
  });
  if (typeof configured === 'string' && configured.trim() !== '') {
    let p = configured.trim();
    if (p === '~' || p.startsWith('~/')) {
      p = path.join(env.HOME ?? '', p.slice(1));
    }
    if (!path.isAbsolute(p) && p.includes(path.sep) && workspaceFolder) {
      p = path.join(workspaceFolder, p);
    }
    if (path.isAbsolute(p)) {
      return isExecutable(p) ? { ok: true, server: { command: p, args: [] } } : missing(`"${p}" (hpylint.server.path)`);
    }
    const found = searchPath(p, env, platform, isExecutable);
    return found ? { ok: true, server: { command: found, args: [] } } : missing(`"${p}" (hpylint.server.path)`);
  }
  const found = searchPath('hpyls', env, platform, isExecutable);
  return found ? { ok: true, server: { command: found, args: [] } } : missing('"hpyls"');
}

/** searchPath looks a command up in PATH, with PATHEXT on Windows. */
export function searchPath(
  name: string,
  env: Environment,
  platform: NodeJS.Platform,
  isExecutable: (p: string) => boolean = defaultIsExecutable,
): string | undefined {
  const delimiter = platform === 'win32' ? ';' : ':';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const exts =
    platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') {
      continue;
    }
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function defaultIsExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The document selector: C and C++ files on disk and unsaved buffers. */
export function documentSelector(): { scheme: string; language: string }[] {
  const out: { scheme: string; language: string }[] = [];
  for (const language of LANGUAGES) {
    out.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  return out;
}

/** Settings whose change needs a new server process, not just new settings. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return affects(`${SECTION}.server.path`);
}
