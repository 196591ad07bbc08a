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
import '../integration/agent.test';
import '../integration/features.test';
import '../integration/inThisFile.test';
import '../integration/language.test';
import '../integration/largeVault.test';
import '../integration/smoke.test';
import '../integration/untrusted.test';
import '../integration/userNotes.test';
import { newReport, runSuite } from '../integration/report';

export function run(): Promise<void> {
  const report = newReport('web worker');
  console.log(
    `VS Code ${report.vscodeVersion} (${report.uiKind}, web worker extension host` +
      `${report.remoteName ? `, remote ${report.remoteName}` : ''}): ${browserMocha.suite.suites.length} suite(s)`,
  );
  // one line, read by test/host/vscode-host.mjs (the driver writes it to the run's result.json)
  return runSuite(report, done => browserMocha.run(done), r => console.log(`TEST_RESULT ${JSON.stringify(r)}`));
}
