#!/usr/bin/env node
// electron.mjs: runs the SAME integration suite (out/test/integration/index.js, built from
// test/integration/) as `vscode-host.mjs test`, but in a desktop VS Code that @vscode/test-electron
// downloads from update.code.visualstudio.com into .vscode-test/ (for machines that can reach it; on
// Linux without a display run it under xvfb-run). Machines that cannot download VS Code use
// `node test/host/vscode-host.mjs test` (code-server from npm) instead: same suite, same contract.
//
// usage: node test/host/electron.mjs [--suite <file>] [--workspace <dir>] [--env KEY=VALUE ...] [--version <v>]
// The workspace is copied into test-results/runs/electron-<time>/ws first; the extension host gets
// TEST_RESULT_FILE, SCREENSHOT_DIR and TEST_WORKSPACE as with vscode-host.mjs (nothing takes screenshots
// here: helpers.screenshot() warns and goes on).
// exit: 0 passed | 1 tests failed | 5 no result file | 64 usage | 70 VS Code could not be downloaded
import fs from 'node:fs';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO, DEFAULT_SUITE, DEFAULT_WORKSPACE, SCREENSHOT_DIR, copyWorkspace, printResult } from './vscode-host.mjs';

const say = msg => console.log(`[electron] ${msg}`);

function parse(argv) {
  const o = { env: {} };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(suite|workspace|env|version|ext)(?:=(.*))?$/.exec(argv[i]);
    if (!m) { console.error(`[electron] unknown argument ${argv[i]}`); process.exit(64); }
    const v = m[2] ?? argv[++i];
    if (v === undefined) { console.error(`[electron] ${argv[i - 1]} needs a value`); process.exit(64); }
    if (m[1] === 'env') {
      const eq = v.indexOf('=');
      if (eq <= 0) { console.error(`[electron] --env expects KEY=VALUE`); process.exit(64); }
      o.env[v.slice(0, eq)] = v.slice(eq + 1);
    } else o[m[1]] = v;
  }
  return o;
}

const o = parse(process.argv.slice(2));
const suite = path.resolve(o.suite ?? DEFAULT_SUITE);
const ext = path.resolve(o.ext ?? REPO);
if (!fs.existsSync(suite)) { console.error(`[electron] suite ${suite} not found: build it first (npm run build)`); process.exit(70); }

// 1. download (or reuse) VS Code, quietly: on failure one line, not a stack trace
let vscodeExecutablePath;
try {
  const quiet = { report: r => { if (r.stage === 'newInstallComplete' || r.stage === 'foundMatchingInstall') say(`VS Code in ${path.relative(REPO, r.downloadedPath)}`); }, error() {} };
  vscodeExecutablePath = await downloadAndUnzipVSCode({
    version: o.version, extensionDevelopmentPath: ext, cachePath: path.join(REPO, '.vscode-test'), timeout: 10_000, reporter: quiet,
  });
} catch (e) {
  const why = [e?.code, String(e?.message ?? e).split('\n')[0]].filter(Boolean).join(': ');
  console.error(`[electron] cannot download VS Code from update.code.visualstudio.com (${why}); on this machine run the same suite with: node test/host/vscode-host.mjs test`);
  process.exit(70);
}

// 2. run the suite
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const dir = path.join(REPO, 'test-results', 'runs', `electron-${stamp}`);
fs.mkdirSync(dir, { recursive: true });
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
const workspace = copyWorkspace(o.workspace ? path.resolve(o.workspace) : DEFAULT_WORKSPACE, path.join(dir, 'ws'));
const resultFile = path.join(dir, 'result.json');
let code = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ext,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: {
      ...(process.env.TEST_GREP ? { TEST_GREP: process.env.TEST_GREP } : {}),
      ...o.env,
      TEST_RESULT_FILE: resultFile, SCREENSHOT_DIR, TEST_WORKSPACE: workspace,
    },
  });
} catch (e) {
  say(String(e?.message ?? e).split('\n')[0]);
  code = 1;
}
const result = printResult(resultFile);
if (!result) { say(`no result file ${resultFile}`); code = code || 5; } else if (result.failures > 0) code = 1;
say(`${code === 0 ? 'PASSED' : `FAILED (exit ${code})`}; run folder ${path.relative(REPO, dir)}`);
process.exit(code);
