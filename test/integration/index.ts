// Integration suite entry: the @vscode/test-electron `extensionTestsPath` contract (`run(): Promise<void>`).
// Bundled by esbuild.mjs to out/test/integration/index.js; run inside a real VS Code by
// test/host/vscode-host.mjs (code-server, offline) or test/host/electron.mjs (downloaded desktop VS Code).
// Runs every *.test.js next to this file (sorted; env TEST_GREP filters by title), writes a JSON report
// to $TEST_RESULT_FILE when set, and rejects when a test failed.
import * as fs from 'fs';
import * as path from 'path';
import { newReport, runSuite, type SuiteReport } from './report';

type MochaClass = typeof import('mocha');
// mocha 12 is an ES module: require() returns its namespace, whose default export is the Mocha class.
// (`mocha` stays external: it resolves from the repo's node_modules at run time.)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mochaModule = require('mocha') as MochaClass & { default?: MochaClass };
const Mocha: MochaClass = mochaModule.default ?? mochaModule;

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.test.js'))
    .sort()
    .map(f => path.join(dir, f));
}

function writeReport(report: SuiteReport): void {
  const file = process.env.TEST_RESULT_FILE;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function run(): Promise<void> {
  const report = newReport('node');
  const grep = process.env.TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000, ...(grep ? { grep } : {}) });
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);
  console.log(
    `VS Code ${report.vscodeVersion} (${report.uiKind}${report.remoteName ? `, remote ${report.remoteName}` : ''}): ` +
      `${files.length} test file(s)${grep ? `, grep ${JSON.stringify(grep)}` : ''}`,
  );
  return runSuite(report, done => mocha.run(done), writeReport);
}
