// What both suite entries share (index.ts for the Node extension host, ../web/index.ts for the web
// worker): the report of a run and how a mocha run settles the `run(): Promise<void>` contract.
import type * as Mocha from 'mocha';
import * as vscode from 'vscode';
import { skipReasonOf } from './helpers';

export interface SuiteReport {
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

export function newReport(host: string): SuiteReport {
  return {
    host,
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
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Start mocha with `start`, record every test in `report`, call `publish` once at the end (after the
 * counts are filled in and the summary printed), and settle: reject when a test failed, when the
 * files could not load, or when nothing ran.
 */
export function runSuite(report: SuiteReport, start: (done: (failures: number) => void) => Mocha.Runner, publish: (r: SuiteReport) => void): Promise<void> {
  const finish = () => {
    report.passes = report.passed.length;
    report.failures = report.failed.length;
    report.pending = report.skipped.length;
    for (const s of report.skipped) console.log(`skipped: ${s.title}: ${s.reason}`);
    console.log(`${report.passes} passed, ${report.failures} failed, ${report.pending} pending`);
    publish(report);
  };
  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = start(failures => {
        finish();
        if (failures > 0 || report.failures > 0) reject(new Error(`${report.failures || failures} test(s) failed`));
        else if (report.passes === 0) reject(new Error('no tests ran'));
        else resolve();
      });
    } catch (err) {
      // a test file that throws while loading
      report.failed.push({ title: 'loading the test files', error: errorText(err) });
      finish();
      reject(err);
      return;
    }
    runner.on('pass', t => report.passed.push({ title: t.fullTitle(), ms: t.duration ?? 0 }));
    runner.on('fail', (t, err) => report.failed.push({ title: t.fullTitle(), error: errorText(err) }));
    runner.on('pending', t => report.skipped.push({ title: t.fullTitle(), reason: skipReasonOf(t) ?? 'skipped' }));
  });
}
