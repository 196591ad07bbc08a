// Integration suite entry: the @vscode/test-electron `extensionTestsPath` contract (`run(): Promise<void>`).
// Bundled by esbuild.mjs to out/test/integration/index.js; run inside a real VS Code by
// test/host/vscode-host.mjs (code-server, offline) or test/host/electron.mjs (downloaded desktop VS Code).
// Runs every *.test.js next to this file (sorted; env TEST_GREP filters by title), writes a JSON report
// to $TEST_RESULT_FILE when set, and rejects when a test failed.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

type MochaClass = typeof import('mocha');
// mocha 12 is an ES module: require() returns its namespace, whose default export is the Mocha class.
// (`mocha` stays external: it resolves from the repo's node_modules at run time.)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mochaModule = require('mocha') as MochaClass & { default?: MochaClass };
const Mocha: MochaClass = mochaModule.default ?? mochaModule;

interface Report {
  vscodeVersion: string;
  uiKind: string;
  remoteName: string | null;
  passes: number;
  failures: number;
  pending: number;
  passed: { title: string; ms: number }[];
  failed: { title: string; error: string }[];
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.test.js'))
    .sort()
    .map(f => path.join(dir, f));
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

function writeReport(report: Report): void {
  const file = process.env.TEST_RESULT_FILE;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function run(): Promise<void> {
  const report: Report = {
    vscodeVersion: vscode.version,
    uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
    remoteName: vscode.env.remoteName ?? null,
    passes: 0,
    failures: 0,
    pending: 0,
    passed: [],
    failed: [],
  };
  const finish = () => {
    report.passes = report.passed.length;
    report.failures = report.failed.length;
    writeReport(report);
    console.log(`${report.passes} passed, ${report.failures} failed, ${report.pending} pending`);
  };

  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: 60_000,
    ...(process.env.TEST_GREP ? { grep: process.env.TEST_GREP } : {}),
  });
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);
  console.log(
    `VS Code ${report.vscodeVersion} (${report.uiKind}${report.remoteName ? `, remote ${report.remoteName}` : ''}): ` +
      `${files.length} test file(s)${process.env.TEST_GREP ? `, grep ${JSON.stringify(process.env.TEST_GREP)}` : ''}`,
  );

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(failures => {
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
    runner.on('pending', () => report.pending++);
  });
}
