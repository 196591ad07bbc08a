// Helpers for the integration tests (they run inside VS Code's extension host: see index.ts).
import * as vscode from 'vscode';

export const extensionId = 'reinvent-notes.reinvent-notes';

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export interface WaitForOptions {
  /** total time in ms (default 10 000) */
  timeout?: number;
  /** pause between polls in ms (default 100) */
  interval?: number;
  /** what was awaited, for the timeout error */
  message?: string;
}

/**
 * Polls `predicate` until it returns (or resolves to) a truthy value and returns that value. A predicate
 * that throws counts as "not yet"; its last error is part of the timeout error.
 */
export async function waitFor<T>(
  predicate: () => T | PromiseLike<T>,
  { timeout = 10_000, interval = 100, message = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const t0 = Date.now();
  let lastError: unknown;
  for (;;) {
    const left = timeout - (Date.now() - t0);
    try {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const value = await Promise.race([
        Promise.resolve(predicate()),
        new Promise<undefined>(resolve => (timer = setTimeout(() => resolve(undefined), Math.max(left, 0)))),
      ]).finally(() => clearTimeout(timer));
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() - t0 >= timeout) {
      const last = lastError === undefined ? '' : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`waitFor: ${message} not met within ${timeout} ms${last}`);
    }
    await sleep(Math.min(interval, Math.max(timeout - (Date.now() - t0), 0)));
  }
}

type NodeFs = typeof import('fs');

// `fs` when this runs in the Node extension host; undefined in a web worker bundle
function nodeFs(): NodeFs | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('fs') as Partial<NodeFs>;
    return typeof fs.existsSync === 'function' && typeof fs.rmSync === 'function' ? (fs as NodeFs) : undefined;
  } catch {
    return undefined;
  }
}

function env(name: string): string | undefined {
  return typeof process !== 'undefined' && process.env ? process.env[name] : undefined;
}

/**
 * Asks the test driver (test/host/vscode-host.mjs) for a PNG of the live workbench: logs
 * `SCREENSHOT <name>`; the driver saves $SCREENSHOT_DIR/<name>.png. When SCREENSHOT_DIR is set and `fs`
 * is usable, waits (up to 10 s) until the file exists and returns its path; otherwise just pauses.
 * Never fails the test: a missing screenshot is a warning (e.g. under @vscode/test-electron nothing
 * takes screenshots).
 */
export async function screenshot(name: string, { settleMs = 300 }: { settleMs?: number } = {}): Promise<string | undefined> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must match [\\w.-]+, got ${JSON.stringify(name)}`);
  if (settleMs > 0) await sleep(settleMs); // let the workbench render what the test just did
  const dir = env('SCREENSHOT_DIR');
  const fs = dir ? nodeFs() : undefined;
  const file = dir && fs ? `${dir.replace(/\/+$/, '')}/${name}.png` : undefined;
  if (file && fs) fs.rmSync(file, { force: true }); // so an old file is not mistaken for the new one
  console.log(`SCREENSHOT ${name}`);
  if (!file || !fs) {
    await sleep(1500);
    return undefined;
  }
  try {
    await waitFor(() => fs.existsSync(file), { timeout: 10_000, interval: 100, message: `screenshot ${file}` });
    return file;
  } catch {
    console.warn(`screenshot ${name}: ${file} did not appear within 10 s (is a driver taking screenshots?)`);
    return undefined;
  }
}

/** The extension under test, activated, and its exports (the API `activate()` returned). */
export async function getExtension<T = unknown>(): Promise<{ extension: vscode.Extension<T>; exports: T }> {
  const extension = vscode.extensions.getExtension<T>(extensionId);
  if (!extension) {
    const ids = vscode.extensions.all.filter(e => !e.id.startsWith('vscode.')).map(e => e.id);
    throw new Error(`extension ${extensionId} is not loaded (non-builtin extensions: ${ids.join(', ') || 'none'})`);
  }
  const exports = await extension.activate();
  return { extension, exports };
}

/**
 * Skips the current test (called from a test) or the rest of the suite (called from a hook) and
 * records why, on the test or the suite: the web worker entry (test/web/index.ts) reports the reason.
 */
export function skipTest(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.test as (Mocha.Runnable & { skipReason?: string; type?: string }) | undefined;
  if (runnable?.type === 'hook' && runnable.parent) (runnable.parent as Mocha.Suite & { skipReason?: string }).skipReason = reason;
  else if (runnable) runnable.skipReason = reason;
  ctx.skip();
}

/** Why a pending test was skipped (skipTest), looking at the test, then its suites. */
export function skipReasonOf(test: Mocha.Runnable): string | undefined {
  let node: (Mocha.Runnable | Mocha.Suite) & { skipReason?: string } | undefined = test;
  while (node) {
    if (node.skipReason) return node.skipReason;
    node = node.parent;
  }
  return undefined;
}

/** The text of this extension's hovers at a position (built-in providers, such as TypeScript's, answer too). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? [])
    .map(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n'))
    .filter(text => text.includes('command:reinventNotes.'))
    .join('\n');
}
