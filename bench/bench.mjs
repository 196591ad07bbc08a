#!/usr/bin/env node
// npm run bench — search libraries side by side on the product's notes, and the product's own
// activation and hover costs. See bench/README.md for what is measured and how.
//
//   node bench/bench.mjs            full run: 18, 1,000 and 10,000 notes (about 5 minutes on 2 cores)
//   node bench/bench.mjs --quick    18 and 1,000 notes, shorter budgets (development)
//   --only=minisearch,linear        a subset of the libraries
//   --sizes=18,1000               a subset of the corpus sizes (18, 1000, 10000)
//   --no-diagnose                   skip the MiniSearch where-does-the-time-go section
//
// Writes bench/results.json. Needs dist/core.js (node esbuild.mjs --production builds it).
import { fork, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { readBundledNotes, makeCorpus, loadEvalQueries, keystrokePrefixes, isOneChar, SEED } from './corpus.mjs';
import { summarize } from './stats.mjs';
import { LIMIT } from './libs.mjs';
import { detectionReport, detectionTargets } from './detection.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const diagnose = !args.includes('--no-diagnose');
const only = args.find(a => a.startsWith('--only='))?.slice(7).split(',');
const started = Date.now();

const coreFile = join(root, 'dist', 'core.js');
if (!existsSync(coreFile)) {
  console.error('bench: dist/core.js is missing; run `node esbuild.mjs --production` first (npm run bench does).');
  process.exit(1);
}
const core = require(coreFile);

const LIBS = [
  ['minisearch', 'MiniSearch'],
  ['fuse', 'Fuse.js'],
  ['lunr', 'Lunr'],
  ['linear', 'Linear scan'],
].filter(([k]) => !only || only.includes(k));

// Time budgets per corpus size (ms). A round of queries cut short by a budget is a seeded random
// subset of the queries, and the tables say how many were measured.
const PLANS = {
  18: { buildReps: 15, buildBudgetMs: 1000, loadReps: 60, loadBudgetMs: 600, warmupBudgetMs: 600, hitRoundCapMs: 20000, fullBudgetMs: 700, prefixBudgetMs: 1000, oneCharBudgetMs: 500, maxRounds: 200, diagnoseBudgetMs: 100, diagnoseSample: 40 },
  1000: { buildReps: 3, buildBudgetMs: 4000, loadReps: 5, loadBudgetMs: 2000, warmupBudgetMs: 800, hitRoundCapMs: 9000, fullBudgetMs: 1200, prefixBudgetMs: 2500, oneCharBudgetMs: 1200, maxRounds: 100, diagnoseBudgetMs: 150, diagnoseSample: 40 },
  10000: { buildReps: 1, buildBudgetMs: 0, loadReps: 3, loadBudgetMs: 4000, warmupBudgetMs: 1500, hitRoundCapMs: 15000, fullBudgetMs: 0, prefixBudgetMs: 7000, oneCharBudgetMs: 3500, maxRounds: 50, diagnoseBudgetMs: 1500, diagnoseSample: 30 },
};
// Fuse.js takes seconds per query on 10,000 notes: a short timed sample, and its hit@3 on the public
// queries from an untimed pass split over two processes (nothing else runs meanwhile).
const OVERRIDES = {
  fuse: { 10000: { hitRoundCapMs: 8000, fullBudgetMs: 0, prefixBudgetMs: 4000, oneCharBudgetMs: 2500, warmupBudgetMs: 0, qualityPass: 'public', qualityCapMs: 60000 } },
};
if (quick) {
  Object.assign(PLANS[18], { buildReps: 10, loadReps: 30, fullBudgetMs: 500, prefixBudgetMs: 800, oneCharBudgetMs: 400 });
  Object.assign(PLANS[1000], { buildReps: 1, loadReps: 3, warmupBudgetMs: 800, hitRoundCapMs: 8000, fullBudgetMs: 1000, prefixBudgetMs: 2000, oneCharBudgetMs: 1000, diagnoseBudgetMs: 100, diagnoseSample: 25 });
}
const planFor = (lib, size) => ({ ...PLANS[size], ...(OVERRIDES[lib]?.[size] ?? {}) });
const SIZES = args.find(a => a.startsWith('--sizes='))?.slice(8).split(',').map(Number).filter(n => PLANS[n]) ?? (quick ? [18, 1000] : [18, 1000, 10000]);
const BUNDLED_PROCESSES = quick ? 8 : 20;
const HOVER = { sizes: [1000, 10000], calls: quick ? 5000 : 20000, wholeReps: quick ? 5 : 15 };

// ---- inputs -----------------------------------------------------------------------------------
const realFiles = readBundledNotes(root);
const { queries: evalQueries, sources: querySources } = loadEvalQueries(root);
const fullQueries = evalQueries.map(e => e.q);
const prefixes = keystrokePrefixes(evalQueries);
const oneChar = prefixes.filter(isOneChar);

const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...a);

function forkJob(script, message, { expose = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, script), [], {
      serialization: 'advanced',
      execArgv: expose ? ['--expose-gc', '--max-old-space-size=6144'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    child.on('message', m => {
      answered = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.error));
    });
    child.on('exit', code => {
      if (!answered) reject(new Error(`${script} exited with ${code} before answering`));
    });
    child.send(message);
  });
}

// ---- run --------------------------------------------------------------------------------------
const results = {
  machine: {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavgAtStart: os.loadavg().map(x => +x.toFixed(2)),
  },
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  method: {
    seed: SEED,
    resultLimit: LIMIT,
    isolation: 'each library × corpus size runs in its own forked Node process (--expose-gc, GC between phases); corpus and queries are sent over IPC',
    timer: 'process.hrtime.bigint(), one sample per call; median and nearest-rank p99',
    build: "raw Markdown files → ready index, including the product's Markdown parse (core.parseNote) for every library",
    load: 'serialized string → ready-to-search index (JSON.parse included)',
    plans: Object.fromEntries(SIZES.map(s => [s, PLANS[s]])),
  },
  queries: { sources: querySources, evaluation: evalQueries.length, full: fullQueries.length, keystrokePrefixes: prefixes.length, oneCharPrefixes: oneChar.length },
  corpus: {},
  libraries: Object.fromEntries(LIBS.map(([k, name]) => [k, { name, sizes: {} }])),
};

log(`${evalQueries.length} evaluation queries (${querySources.map(s => `${s.file}: ${s.queries ?? s.error}`).join(', ')}), ${prefixes.length} keystroke prefixes, ${oneChar.length} of one character`);

for (const size of SIZES) {
  const t0 = Date.now();
  const files = makeCorpus(core, realFiles, size);
  const chars = files.reduce((a, f) => a + f.text.length, 0);
  const lines = files.reduce((a, f) => a + f.text.split('\n').length, 0);
  results.corpus[size] = { notes: files.length, realNotes: realFiles.length, chars, bytes: files.reduce((a, f) => a + Buffer.byteLength(f.text), 0), avgLines: +(lines / files.length).toFixed(1), generatedMs: Date.now() - t0 };
  log(`corpus ${size}: ${files.length} notes, ${(chars / 1e6).toFixed(1)} M chars, generated in ${Date.now() - t0} ms`);
  for (const [key, name] of LIBS) {
    log(`${name} on ${size} notes…`);
    try {
      const plan = planFor(key, size);
      const r = await forkJob('worker.mjs', { lib: key, size, files, evalQueries, fullQueries, prefixes, oneChar, plan, diagnose: diagnose && size === SIZES[SIZES.length - 1] });
      if (plan.qualityPass) await qualityPass(key, name, size, files, plan, r);
      results.libraries[key].note = r.note;
      results.libraries[key].sizes[size] = r;
      log(`  ${name}: build ${fmtMs(r.buildMs.median)}, load ${fmtMs(r.loadMs.median)}, full p50 ${fmtMs(r.full.median)}, keystroke p99 ${fmtMs(r.prefix.p99)}, hit@3 ${r.hit3.hits}/${r.hit3.of}`);
    } catch (e) {
      log(`  ${name} failed: ${e.message.split('\n')[0]}`);
      results.libraries[key].sizes[size] = { error: e.message };
    }
  }
}

/** Untimed hit@3 for a library too slow for the evaluation set: the public queries, split over two processes. */
async function qualityPass(key, name, size, files, plan, r) {
  const have = new Set(r.hit3.perQuery.map(p => p.q));
  const todo = evalQueries.filter(e => e.public && !have.has(e.q));
  if (!todo.length) return;
  log(`  ${name}: untimed hit@3 pass over ${todo.length} more public queries in 2 parallel processes…`);
  const halves = [todo.filter((_, i) => i % 2 === 0), todo.filter((_, i) => i % 2 === 1)].filter(h => h.length);
  const parts = await Promise.all(halves.map(h => forkJob('worker.mjs', { mode: 'quality', lib: key, size, files, evalQueries: h, plan })));
  const perQuery = [...r.hit3.perQuery, ...parts.flatMap(p => p.perQuery)];
  const byKind = {};
  for (const h of perQuery) {
    const k = (byKind[h.kind] ??= { hits: 0, of: 0 });
    k.of++;
    if (h.hit) k.hits++;
  }
  r.hit3 = { hits: perQuery.filter(h => h.hit).length, of: perQuery.length, total: evalQueries.length, byKind, perQuery, untimedPass: parts.reduce((a, p) => a + p.perQuery.length, 0) };
}

// bundled index at activation: one fresh process per load
log(`bundled index: ${BUNDLED_PROCESSES} fresh processes…`);
{
  const runs = [];
  const breakdown = [];
  for (let i = 0; i < BUNDLED_PROCESSES; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [join(here, 'bundled-probe.cjs')], { encoding: 'utf8' })));
    if (i < Math.ceil(BUNDLED_PROCESSES / 2)) breakdown.push(JSON.parse(execFileSync(process.execPath, [join(here, 'bundled-probe.cjs'), 'breakdown'], { encoding: 'utf8' })));
  }
  const pick = (list, f) => summarize(list.map(x => x[f]).filter(x => typeof x === 'number'));
  const serialized = existsSync(join(root, 'dist', 'notes-index.json')) ? readFileSync(join(root, 'dist', 'notes-index.json'), 'utf8') : '';
  results.bundled = {
    method: `${BUNDLED_PROCESSES} fresh Node processes (child_process, one activation each: require dist/core.js, then openBundledNotes(), then a first search); medians over processes`,
    processes: runs.length,
    requireMs: pick(runs, 'requireMs'),
    openMs: pick(runs, 'openMs'),
    prepareMs: pick(runs, 'prepareMs'),
    searchReadyMs: summarize(runs.map(r => r.openMs + r.prepareMs)),
    firstSearchMs: pick(runs, 'firstSearchMs'),
    readyMs: summarize(runs.map(r => r.requireMs + r.openMs)),
    breakdown: breakdown.length
      ? {
          method: 'separate fresh processes reading dist/notes-index.json (the same string the bundle embeds)',
          outerParseMs: pick(breakdown, 'outerParseMs'),
          loadFromObjectMs: pick(breakdown, 'loadFromObjectMs'),
          decodeIndexMs: pick(breakdown, 'decodeIndexMs'),
          firstNormalizeMs: pick(breakdown, 'firstNormalizeMs'),
          warmLoadMs: pick(breakdown, 'warmLoadMs'),
          sizes: breakdown[0].sizes,
        }
      : undefined,
    serializedBytes: Buffer.byteLength(serialized),
  };
}

log('hover matcher…');
results.hover = await forkJob('hover-worker.mjs', HOVER);
log('service detection (bench/detection.mjs)…');
results.detection = await forkJob('detection.mjs', { quick });

// your own notes at the next start: the cache the extension keeps, loaded in fresh processes
{
  const sizes = quick ? [1000] : [1000, 10000];
  const probes = quick ? 2 : 3;
  results.warmStart = { method: `bench/warm-start.mjs: the cache written as src/features/userNotes.ts writes it, then ${probes} fresh processes each reading it as the extension does at start-up; medians`, sizes: {} };
  for (const size of sizes) {
    log(`warm start with ${size} user notes: building the cache…`);
    const file = join(os.tmpdir(), `reinvent-notes-warm-${process.pid}-${size}.json`);
    const built = JSON.parse(execFileSync(process.execPath, [join(here, 'warm-start.mjs'), 'build', file, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    const runs = [];
    for (let i = 0; i < probes; i++) runs.push(JSON.parse(execFileSync(process.execPath, [join(here, 'warm-start.mjs'), 'probe', file], { encoding: 'utf8' })));
    rmSync(file, { force: true });
    const pick = f => summarize(runs.map(r => r[f]));
    results.warmStart.sizes[size] = {
      cacheBytes: built.bytes,
      coldBuildMs: built.buildMs,
      readMs: pick('readMs'),
      parseMs: pick('parseMs'),
      notesReadyMs: pick('notesReadyMs'),
      searchLoadMs: pick('searchLoadMs'),
      searchAnswersMs: pick('searchAnswersMs'),
      longestBlockMs: pick('longestBlockMs'),
    };
  }
}

// .vsix
{
  const vsix = readdirSync(root).filter(f => f.endsWith('.vsix')).map(f => ({ file: f, bytes: statSync(join(root, f)).size, mtime: statSync(join(root, f)).mtimeMs }));
  vsix.sort((a, b) => b.mtime - a.mtime);
  results.vsix = vsix.length ? { file: vsix[0].file, bytes: vsix[0].bytes, all: vsix.map(({ file, bytes }) => ({ file, bytes })) } : { packaged: false };
}

results.durationSec = Math.round((Date.now() - started) / 1000);
results.machine.loadavgAtEnd = os.loadavg().map(x => +x.toFixed(2));
results.targets = evaluateTargets(results);
// per-query rows, slimmed for the file: the query, hit or not, and the top 3 ids
for (const lib of Object.values(results.libraries)) {
  for (const r of Object.values(lib.sizes)) {
    if (r?.hit3?.perQuery) r.hit3.perQuery = r.hit3.perQuery.map(p => ({ q: p.q, hit: p.hit, top3: p.top3 }));
  }
}
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 1) + '\n');
console.log(report(results));
log(`done in ${results.durationSec} s; bench/results.json written`);

// ---- targets ----------------------------------------------------------------------------------
function evaluateTargets(res) {
  const size = SIZES[SIZES.length - 1];
  const L = k => res.libraries[k]?.sizes?.[size];
  const ms = L('minisearch');
  const out = [];
  const add = (what, target, measured, pass, detail) => out.push({ what, target, measured, pass, ...(detail ? { detail } : {}) });
  const at = size === 10000 ? '10k notes' : `${size.toLocaleString('en-US')} notes`;
  if (ms && !ms.error) {
    add(`full query median (${at})`, '≤ 2 ms', fmtMs(ms.full.median), ms.full.median <= 2);
    const worst = Math.max(ms.prefix.p99, ms.oneChar.p99);
    add(`keystroke prefix p99, 1 char included (${at})`, '≤ 10 ms', `${fmtMs(ms.prefix.p99)} all, ${fmtMs(ms.oneChar.p99)} 1-char`, worst <= 10);
    for (const [k, factor] of [
      ['fuse', 100],
      ['linear', 10],
    ]) {
      const o = L(k);
      if (!o || o.error) continue;
      const ratio = o.full.median / ms.full.median;
      const q = hitComparison(ms, o);
      const q18 = hitComparison(res.libraries.minisearch.sizes[18], res.libraries[k].sizes[18]);
      const quality = q.ms >= q.other && (!q18 || q18.ms >= q18.other);
      add(
        `vs ${o.library}: full p50 (${at}), hit@3 (${at} | 18)`,
        `≥ ${factor}×, hit@3 ≥`,
        `${fmtRatio(ratio)}; ${q.ms}/${q.n} vs ${q.other}/${q.n}` + (q18 ? ` | ${q18.ms}/${q18.n} vs ${q18.other}/${q18.n}` : ''),
        ratio >= factor && quality,
      );
    }
  }
  const b = res.bundled;
  if (b) add('bundled index ready: openBundledNotes() + prepareSearch(), fresh process, p50', '≤ 15 ms', `${fmtMs(b.searchReadyMs.median)} (notes ${fmtMs(b.openMs.median)}; + ${fmtMs(b.requireMs.median)} require)`, b.searchReadyMs.median <= 15);
  const ws = res.warmStart?.sizes?.[10000];
  if (ws) add('warm start, 10,000 user notes: search answers', '≤ 300 ms', `${fmtMs(ws.searchAnswersMs.median)} (notes ready ${fmtMs(ws.notesReadyMs.median)})`, ws.searchAnswersMs.median <= 300);
  const h = res.hover;
  if (h) {
    const [a, z] = h.files;
    const flat = z.perCall.median / a.perCall.median;
    add('hover matcher per call, p50', '≤ 0.05 ms', `${fmtMs(a.perCall.median)} @ ${a.lines} lines, ${fmtMs(z.perCall.median)} @ ${z.lines}`, Math.max(a.perCall.median, z.perCall.median) <= 0.05);
    add(`hover flat, ${a.lines.toLocaleString('en-US')} → ${z.lines.toLocaleString('en-US')} lines`, '≤ 1.5×', `${flat.toFixed(2)}× (whole-doc scan ${(z.wholeDocument.median / a.wholeDocument.median).toFixed(1)}×)`, flat <= 1.5);
  }
  for (const t of detectionTargets(res.detection)) add(t.what, t.target, t.measured, t.pass);
  return out;
}

/** hit@3 of MiniSearch and another library on the queries both measured. */
function hitComparison(ms, other) {
  if (!ms || !other || ms.error || other.error) return undefined;
  const theirs = new Map(other.hit3.perQuery.map(p => [p.q, p.hit]));
  let n = 0;
  let a = 0;
  let b = 0;
  for (const p of ms.hit3.perQuery) {
    if (!theirs.has(p.q)) continue;
    n++;
    if (p.hit) a++;
    if (theirs.get(p.q)) b++;
  }
  return { n, ms: a, other: b, subset: n < ms.hit3.perQuery.length };
}

// ---- report -----------------------------------------------------------------------------------
function fmtMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 0.01) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
function fmtBytes(b) {
  if (b === undefined) return '—';
  if (b < 1024) return `${b} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${(b / 1024 / 1024).toFixed(1)} MB`;
}
function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  return r >= 1 ? `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
}
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
  const line = r => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map(w => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function report(res) {
  const out = [];
  const m = res.machine;
  out.push(`re:Invent 2019 Notes — search benchmark (${res.mode} run, ${res.date})`);
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${m.loadavgAtStart[0]} at start, ${m.loadavgAtEnd?.[0]} at end (1 = one busy core)`);
  const busy = Object.values(res.libraries).flatMap(l => Object.values(l.sizes)).filter(r => r && r.loadavgAtStart > 1.3);
  if (m.loadavgAtStart[0] > 0.7 || busy.length) out.push(`⚠ other processes were using the CPU during ${busy.length} of the library runs (1-min load average > 1.3 at their start): absolute times are inflated, compare ratios`);
  out.push(
    `queries: ${res.queries.evaluation} evaluation queries (${res.queries.sources.map(s => `${s.file} ${s.queries ?? 'unreadable'}`).join(', ')}); ` +
      `${res.queries.keystrokePrefixes} keystroke prefixes (${res.queries.oneCharPrefixes} of one character); results limited to ${LIMIT} (the quick pick's limit)`,
  );
  out.push('each library × size ran in its own process; build = Markdown files → ready index, parse included (the same core.parseNote for all); load = serialized string → ready index');
  out.push('');
  for (const size of SIZES) {
    const c = res.corpus[size];
    out.push(`■ ${size.toLocaleString('en-US')} notes (${c.realNotes} real + ${c.notes - Math.min(c.notes, c.realNotes)} synthetic, ${fmtBytes(c.bytes)} of Markdown, ${c.avgLines} lines/note)`);
    const cols = LIBS.map(([k]) => res.libraries[k].sizes[size]);
    const cell = (r, f) => (!r || r.error ? 'error' : f(r));
    const subset = s => (s.distinct < s.of ? ` [${s.distinct}/${s.of}]` : '');
    const rows = [
      ['build (parse + index)', ...cols.map(r => cell(r, x => fmtMs(x.buildMs.median) + (x.buildMs.n > 1 ? ` (n=${x.buildMs.n})` : ' (n=1)')))],
      ['serialized size', ...cols.map(r => cell(r, x => fmtBytes(x.serializedBytes)))],
      ['load (deserialize → ready)', ...cols.map(r => cell(r, x => `${fmtMs(x.loadMs.median)} (n=${x.loadMs.n})`))],
      ['full query p50', ...cols.map(r => cell(r, x => fmtMs(x.full.median) + subset(x.full)))],
      ['full query p99', ...cols.map(r => cell(r, x => fmtMs(x.full.p99)))],
      ['keystroke prefix p50', ...cols.map(r => cell(r, x => fmtMs(x.prefix.median) + subset(x.prefix)))],
      ['keystroke prefix p99', ...cols.map(r => cell(r, x => fmtMs(x.prefix.p99)))],
      ['1-char prefix p50', ...cols.map(r => cell(r, x => fmtMs(x.oneChar.median) + subset(x.oneChar)))],
      ['1-char prefix p99', ...cols.map(r => cell(r, x => fmtMs(x.oneChar.p99)))],
      ['hit@3', ...cols.map(r => cell(r, x => `${x.hit3.hits}/${x.hit3.of}${x.hit3.of < x.hit3.total ? ` of ${x.hit3.total}` : ''} (${Math.round((100 * x.hit3.hits) / (x.hit3.of || 1))}%)`))],
      ['timed calls full/keys/1-char', ...cols.map(r => cell(r, x => `${x.full.n}/${x.prefix.n}/${x.oneChar.n}`))],
    ];
    out.push(table(['', ...LIBS.map(([, n]) => n)], rows));
    // ratios
    const ms = res.libraries.minisearch?.sizes[size];
    if (ms && !ms.error) {
      for (const [k, name] of LIBS.slice(1)) {
        const o = res.libraries[k].sizes[size];
        if (!o || o.error) continue;
        const q = hitComparison(ms, o);
        out.push(
          `  MiniSearch vs ${name}: full p50 ${fmtRatio(o.full.median / ms.full.median)}, keystroke p99 ${fmtRatio(o.prefix.p99 / ms.prefix.p99)}, ` +
            `1-char p99 ${fmtRatio(o.oneChar.p99 / ms.oneChar.p99)}, load ${fmtRatio(o.loadMs.median / ms.loadMs.median)}, build ${fmtRatio(o.buildMs.median / ms.buildMs.median)}; ` +
            `hit@3 ${q.ms}/${q.n} vs ${q.other}/${q.n}${q.subset ? ` (on the ${q.n} queries ${name} finished)` : ''}`,
        );
      }
    }
    const slow = LIBS.map(([k, name]) => [name, res.libraries[k].sizes[size]]).filter(([, r]) => r && !r.error && (r.full.distinct < r.full.of || r.prefix.distinct < r.prefix.of || r.oneChar.distinct < r.oneChar.of));
    for (const [name, r] of slow) {
      out.push(`  [k/N] ${name}: time-capped, measured ${r.full.distinct}/${r.full.of} full queries, ${r.prefix.distinct}/${r.prefix.of} prefixes, ${r.oneChar.distinct}/${r.oneChar.of} one-character prefixes (seeded random subsets)`);
    }
    if (ms && !ms.error && ms.prefix.slowest?.length) out.push(`  MiniSearch slowest keystrokes: ${ms.prefix.slowest.map(s => `"${s.q}" ${fmtMs(s.ms)}`).join(', ')}`);
    // hit@3 by query kind (eval-queries.json kinds), one line per library
    const kinds = [...new Set(LIBS.flatMap(([k]) => Object.keys(res.libraries[k].sizes[size]?.hit3?.byKind ?? {})))].sort();
    if (kinds.length > 1) {
      out.push(
        table(
          ['  hit@3 by query kind', ...kinds],
          LIBS.filter(([k]) => res.libraries[k].sizes[size]?.hit3).map(([k, name]) => [`  ${name}`, ...kinds.map(kd => {
            const b = res.libraries[k].sizes[size].hit3.byKind[kd];
            return b ? `${b.hits}/${b.of}` : '—';
          })]),
        ),
      );
    }
    out.push('');
  }
  out.push('Library setups:');
  for (const [k, name] of LIBS) if (res.libraries[k].note) out.push(`  ${name}: ${res.libraries[k].note}`);
  out.push('');

  const b = res.bundled;
  if (b) {
    out.push(`■ Bundled index at activation (${b.method})`);
    out.push(
      table(
        ['', 'p50', 'p90', 'min', 'max'],
        [
          ['require dist/core.js', fmtMs(b.requireMs.median), fmtMs(b.requireMs.p90), fmtMs(b.requireMs.min), fmtMs(b.requireMs.max)],
          ['openBundledNotes()', fmtMs(b.openMs.median), fmtMs(b.openMs.p90), fmtMs(b.openMs.min), fmtMs(b.openMs.max)],
          ['prepareSearch()', fmtMs(b.prepareMs.median), fmtMs(b.prepareMs.p90), fmtMs(b.prepareMs.min), fmtMs(b.prepareMs.max)],
          ['require + open', fmtMs(b.readyMs.median), fmtMs(b.readyMs.p90), fmtMs(b.readyMs.min), fmtMs(b.readyMs.max)],
          ['first search after open', fmtMs(b.firstSearchMs.median), fmtMs(b.firstSearchMs.p90), fmtMs(b.firstSearchMs.min), fmtMs(b.firstSearchMs.max)],
        ],
      ),
    );
    if (b.breakdown) {
      const d = b.breakdown;
      out.push(
        `  breakdown (fresh processes, medians): JSON.parse of the ${fmtBytes(d.sizes.totalBytes)} serialized notes ${fmtMs(d.outerParseMs.median)}, ` +
          `NotesIndex.load(parsed object) ${fmtMs(d.loadFromObjectMs.median)}, decoding its ${fmtBytes(d.sizes.indexBytes)} search index ${fmtMs(d.decodeIndexMs.median)}, ` +
          `first normalize() call ${fmtMs(d.firstNormalizeMs.median)}; note records ${fmtBytes(d.sizes.notesBytes)}; the same load once warm (JIT-compiled): ${fmtMs(d.warmLoadMs.median)}`,
      );
    }
    out.push('');
  }
  const h = res.hover;
  if (h) {
    out.push(`■ Hover matcher (findServices on a ±${h.span}-char span of the line under the cursor, as src/features/hover.ts; ${h.calls} calls per file at seeded random positions, files interleaved call by call)`);
    out.push(
      table(
        ['file', 'per call p50', 'p99', 'mean', 'whole-document scan p50', 'mentions in file'],
        h.files.map(f => [`${f.lines.toLocaleString('en-US')} lines (${fmtBytes(f.chars)})`, fmtMs(f.perCall.median), fmtMs(f.perCall.p99), fmtMs(f.perCall.mean), fmtMs(f.wholeDocument.median), f.wholeDocumentMentions]),
      ),
    );
    const [a, z] = h.files;
    out.push(`  per call ${z.lines}/${a.lines} lines: ${(z.perCall.median / a.perCall.median).toFixed(2)}×; whole-document scan: ${(z.wholeDocument.median / a.wholeDocument.median).toFixed(1)}× (the line-only hover is ${fmtRatio(z.wholeDocument.median / z.perCall.median).replace(' faster', '')} cheaper than scanning the ${z.lines}-line document)`);
    out.push('');
  }
  if (res.detection) out.push(detectionReport(res.detection));
  const w = res.warmStart;
  if (w) {
    out.push(`■ Your own notes at the next start (${w.method})`);
    out.push(
      table(
        ['user notes', 'cache', 'cold build', 'read + parse', 'notes ready (tree, hovers)', 'search loads (background)', 'search answers', 'longest event-loop block'],
        Object.entries(w.sizes).map(([n, r]) => [
          Number(n).toLocaleString('en-US'),
          fmtBytes(r.cacheBytes),
          fmtMs(r.coldBuildMs),
          fmtMs(r.readMs.median + r.parseMs.median),
          fmtMs(r.notesReadyMs.median),
          fmtMs(r.searchLoadMs.median),
          fmtMs(r.searchAnswersMs.median),
          fmtMs(r.longestBlockMs.median),
        ]),
      ),
    );
    out.push('  until the cached index is ready to search, the index already open (the bundled notes) answers; the editor is never blocked longer than the last column');
    out.push('');
  }
  out.push(`■ Package: ${res.vsix.packaged === false ? 'not packaged (no *.vsix at the repository root)' : `${res.vsix.file} ${fmtBytes(res.vsix.bytes)}`}`);
  out.push('');

  const diag = res.libraries.minisearch?.sizes[SIZES[SIZES.length - 1]]?.diagnosis;
  if (diag && !diag.error) {
    out.push(
      `■ MiniSearch: where the time goes (${SIZES[SIZES.length - 1].toLocaleString('en-US')} notes, ${diag.vocabularySize?.toLocaleString('en-US')} distinct terms, radix-tree root fan-out ${diag.rootFanout?.toLocaleString('en-US')} (${diag.rootFanoutCjk?.toLocaleString('en-US')} CJK))`,
    );
    out.push(`  median per call / mean results; same seeded sample of ≤ ${diag.sample} queries per row, variants interleaved call by call; one product search option overridden per call (measurement only)`);
    const variants = Object.keys(Object.values(diag.groups)[0]?.variants ?? {});
    out.push(
      table(
        ['', ...variants],
        Object.entries(diag.groups).map(([g, v]) => [`${g} (${v.queries})`, ...variants.map(n => `${fmtMs(v.variants[n].median)} / ${Math.round(v.variants[n].meanResults)}`)]),
      ),
    );
    if (diag.expansions.length) {
      out.push(
        '  prefix expansion, index terms → postings scored [product prefix rule on/off] (fuzzy terms within the product distance): ' +
          diag.expansions.map(e => `"${e.term}" ${e.prefixTerms.toLocaleString('en-US')} → ${e.prefixPostings.toLocaleString('en-US')} [${e.prefixSearch ? 'on' : 'off'}]${e.fuzzyTerms !== undefined ? ` (fuzzy ${e.fuzzyTerms})` : ''}`).join(', '),
      );
    }
    out.push('');
  }

  out.push('■ Targets' + (quick ? ' (quick run: measured on 1,000 notes; the targets are for 10,000)' : '') + ' — hit@3 columns: MiniSearch vs the other, on the queries both ran');
  out.push(table(['', 'target', 'measured', ''], res.targets.map(t => [t.what, t.target, t.measured, t.pass ? '✓' : '✗'])));
  out.push('');
  out.push(`run time ${res.durationSec} s`);
  return out.join('\n');
}
