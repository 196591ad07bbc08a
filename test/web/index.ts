// Integration suite entry for the WEB WORKER extension host (vscode.dev, github.dev, code-server's web
// host): the same `run(): Promise<void>` contract and the same test files as ../integration/index.ts.
// Bundled by esbuild.mjs (platform browser, cjs, `vscode` external, mocha's browser build, the npm
// `assert` polyfill and a module-local `process`, see process-shim.ts) to out/test/web/index.js, because
// the web worker evaluates the suite with a `require` that knows only `vscode`.
// Run it with: npm run build && node test/host/vscode-host.mjs test --web
//
// Differences from the Node entry, all because a web worker has no file system and no environment:
// - the test files are imported statically (after ./setup, which sets mocha up), not found on disk;
// - the report is logged as one line `TEST_RESULT <json>`, which test/host/vscode-host.mjs writes to
//   the run's result file (TEST_RESULT_FILE cannot be written from here);
// - TEST_GREP cannot reach the worker: there is no title filter.
// Tests that cannot run here skip themselves; a skip reason given with helpers.skipTest() is
// reported in `skipped` and on the console.
import { browserMocha } from './setup';
import '../integration/features.test';
import '../integration/smoke.test';
import '../integration/untrusted.test';
import '../integration/userNotes.test';
import * as vscode from 'vscode';
import { skipReasonOf } from '../integration/helpers';

interface Report {
  host: string;
  vscodeVersion: string;
  uiKind: string;
  remoteName: string | null;
  passes: number;
  failures: number;
  pending: number;
  passed: { title: string; ms: number }[];
  failed: { title: string; error: string }[];
  skipped: { title: string; reason: string }[];
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

export function run(): Promise<void> {
  const report: Report = {
    host: 'web worker',
    vscodeVersion: vscode.version,
    uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
    remoteName: vscode.env.remoteName ?? null,
    passes: 0,
    failures: 0,
    pending: 0,
    passed: [],
    failed: [],
    skipped: [],
  };
  const finish = () => {
    report.passes = report.passed.length;
    report.failures = report.failed.length;
    report.pending = report.skipped.length;
    for (const s of report.skipped) console.log(`skipped: ${s.title}: ${s.reason}`);
    console.log(`${report.passes} passed, ${report.failures} failed, ${report.pending} pending`);
    // one line, read by test/host/vscode-host.mjs (the driver writes it to the run's result.json)
    console.log(`TEST_RESULT ${JSON.stringify(report)}`);
  };
  console.log(
    `VS Code ${report.vscodeVersion} (${report.uiKind}, web worker extension host` +
      `${report.remoteName ? `, remote ${report.remoteName}` : ''}): ${browserMocha.suite.suites.length} suite(s)`,
  );

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = browserMocha.run(failures => {
        finish();
        if (failures > 0 || report.failures > 0) reject(new Error(`${report.failures || failures} test(s) failed`));
        else if (report.passes === 0) reject(new Error('no tests ran'));
        else resolve();
      });
    } catch (err) {
      report.failed.push({ title: 'starting mocha', error: errorText(err) });
      finish();
      reject(err);
      return;
    }
    runner.on('pass', t => report.passed.push({ title: t.fullTitle(), ms: t.duration ?? 0 }));
    runner.on('fail', (t, err) => report.failed.push({ title: t.fullTitle(), error: errorText(err) }));
    runner.on('pending', t => report.skipped.push({ title: t.fullTitle(), reason: skipReasonOf(t) ?? 'skipped' }));
  });
}
