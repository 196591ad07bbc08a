// One library on one corpus, in its own process (forked by bench.mjs), so that no library's heap or
// JIT state leaks into another's timings. Receives the corpus and the queries over IPC, answers with
// the measurements.
import { createRequire } from 'node:module';
import os from 'node:os';
import { LIBRARIES, LIMIT } from './libs.mjs';
import { rngFor } from './corpus.mjs';
import { now, msSince, summarize, gc } from './stats.mjs';

const require = createRequire(import.meta.url);

function hitAt3(ids, expected) {
  return ids.slice(0, 3).some(id => expected.includes(id));
}

/**
 * Time `fn(item)` over rounds of `items` (each round in a seeded random order, so a round cut short by
 * the budget is a random subset). The first round may run to `firstRoundCapMs`; further rounds run
 * while the total stays under `budgetMs` and rounds < maxRounds.
 */
function timeRounds(items, fn, { budgetMs, firstRoundCapMs = budgetMs, maxRounds = 1000, minRounds = 1, label, firstRound }) {
  const samples = [];
  const perItem = new Map();
  const started = now();
  let rounds = 0;
  let complete = true;
  const measured = new Set();
  outer: for (;;) {
    const order = rounds === 0 && firstRound ? firstRound : rngFor('order', label, String(rounds)).shuffle(items.slice());
    for (let k = 0; k < order.length; k++) {
      const item = order[k];
      const t0 = now();
      const out = fn(item);
      const ms = msSince(t0);
      samples.push(ms);
      measured.add(item);
      if (!perItem.has(item)) perItem.set(item, { ms, out });
      const elapsed = msSince(started);
      if (rounds === 0 && elapsed > firstRoundCapMs && k < order.length - 1) {
        complete = false;
        break outer;
      }
      if (rounds >= minRounds && elapsed > budgetMs * 1.25) break outer; // a later round cut short
    }
    rounds++;
    if (rounds >= maxRounds || (rounds >= minRounds && msSince(started) > budgetMs)) break;
  }
  return { stats: summarize(samples), rounds, firstRoundComplete: complete, distinct: measured.size, of: items.length, perItem, totalMs: msSince(started) };
}

function measureRepeated(fn, { reps, budgetMs }) {
  const samples = [];
  let last;
  const started = now();
  for (let i = 0; i < reps; i++) {
    last = undefined;
    gc();
    const t0 = now();
    last = fn();
    samples.push(msSince(t0));
    if (msSince(started) > budgetMs) break;
  }
  return { stats: summarize(samples), last };
}

async function run(msg) {
  const { lib: libName, size, evalQueries, fullQueries, prefixes, oneChar, plan, diagnose } = msg;
  let files = msg.files;
  msg.files = undefined;
  const core = require('../dist/core.js');
  const lib = LIBRARIES[libName](core);
  const result = { library: lib.name, note: lib.note, size, notes: files.length, loadavgAtStart: os.loadavg()[0] };
  if (msg.mode === 'quality') return quality(lib, files, evalQueries, plan);

  // build: raw Markdown files → ready index (parse with the product's parser + index)
  const build = measureRepeated(() => lib.build(files), { reps: plan.buildReps, budgetMs: plan.buildBudgetMs });
  result.buildMs = build.stats;
  let handle = build.last;

  files = undefined;
  const t0 = now();
  let serialized = lib.serialize(handle);
  result.serializeMs = msSince(t0);
  result.serializedChars = serialized.length;
  result.serializedBytes = Buffer.byteLength(serialized, 'utf8');
  if (lib.extraSizes) Object.assign(result, lib.extraSizes(handle));
  handle = undefined;
  build.last = undefined;

  // load: serialized string → ready-to-search index; search the loaded one, as the extension does
  const load = measureRepeated(() => lib.load(serialized), { reps: plan.loadReps, budgetMs: plan.loadBudgetMs });
  result.loadMs = load.stats;
  handle = load.last;
  serialized = undefined;
  gc();

  const search = q => lib.search(handle, q, LIMIT);

  // warm-up (untimed): every query kind, within a budget
  const warm = rngFor('warmup', libName, String(size)).shuffle([...fullQueries, ...prefixes]);
  const w0 = now();
  for (const q of warm) {
    search(q);
    if (msSince(w0) > plan.warmupBudgetMs) break;
  }
  gc();

  // full queries: the first round also gives hit@3
  const expected = new Map(evalQueries.map(e => [e.q, e.ids]));
  // first round: the public queries first, so a library cut short by the cap is still judged on them
  const publicQ = new Set(evalQueries.filter(e => e.public).map(e => e.q));
  const firstRound = [
    ...rngFor('order', 'full-public').shuffle(fullQueries.filter(q => publicQ.has(q))),
    ...rngFor('order', 'full-rest').shuffle(fullQueries.filter(q => !publicQ.has(q))),
  ];
  const full = timeRounds(fullQueries, search, { budgetMs: plan.fullBudgetMs, firstRoundCapMs: plan.hitRoundCapMs, maxRounds: plan.maxRounds, label: 'full', firstRound });
  const hits = [];
  for (const e of evalQueries) {
    const got = full.perItem.get(e.q);
    if (!got) continue;
    hits.push({ q: e.q, kind: e.kind, expected: e.ids, top3: got.out.slice(0, 3), hit: hitAt3(got.out, e.ids), ms: got.ms });
  }
  const byKind = {};
  for (const h of hits) {
    const k = (byKind[h.kind] ??= { hits: 0, of: 0 });
    k.of++;
    if (h.hit) k.hits++;
  }
  result.hit3 = { hits: hits.filter(h => h.hit).length, of: hits.length, total: evalQueries.length, byKind, perQuery: hits };
  result.full = { ...full.stats, rounds: full.rounds, distinct: full.distinct, of: full.of };
  gc();

  const keys = timeRounds(prefixes, search, { budgetMs: plan.prefixBudgetMs, maxRounds: plan.maxRounds, label: 'prefix' });
  result.prefix = { ...keys.stats, rounds: keys.rounds, distinct: keys.distinct, of: keys.of };
  // the slowest keystrokes, for the diagnosis
  result.prefix.slowest = [...keys.perItem.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5).map(([q, v]) => ({ q, ms: v.ms }));
  gc();

  const one = timeRounds(oneChar, search, { budgetMs: plan.oneCharBudgetMs, maxRounds: plan.maxRounds, label: 'one' });
  result.oneChar = { ...one.stats, rounds: one.rounds, distinct: one.distinct, of: one.of };
  gc();

  if (diagnose && libName === 'minisearch') result.diagnosis = diagnoseMiniSearch(core, handle, fullQueries, prefixes, plan);
  result.loadavgAtEnd = os.loadavg()[0];
  return result;
}

/** hit@3 only (no timing): for a library too slow to finish the evaluation set inside its timing budget. */
function quality(lib, files, evalQueries, plan) {
  const handle = lib.build(files);
  const started = now();
  const perQuery = [];
  for (const e of evalQueries) {
    const ids = lib.search(handle, e.q, LIMIT);
    perQuery.push({ q: e.q, kind: e.kind, expected: e.ids, top3: ids.slice(0, 3), hit: hitAt3(ids, e.ids) });
    if (msSince(started) > plan.qualityCapMs) break;
  }
  return { perQuery };
}

/**
 * Where MiniSearch's time goes, per query kind, on the product's own index: the product search()
 * (MiniSearch + locating each hit) against MiniSearch alone, and against the same call with one of
 * the product's search options overridden for that call only. Measurement, not tuning: every variant
 * runs the same seeded sample of queries, a full untimed pass (warm-up, result counts) then at least
 * one full timed pass.
 */
function diagnoseMiniSearch(core, index, fullQueries, prefixes, plan) {
  const mini = index.mini; // the NotesIndex's MiniSearch instance (a private field, readable at run time)
  if (!mini || typeof mini.search !== 'function') return { error: 'NotesIndex.mini not reachable' };
  const termsOf = q => core.queryTerms(q.slice(0, 256)).slice(0, 24).join(' ');
  const N = plan.diagnoseSample;
  const sample = (label, qs) => rngFor('diag-sample', label).shuffle(qs.slice()).slice(0, N);
  const len = p => Array.from(p.trim()).length;
  const cjk = p => /^[\u3005-\u3007\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\ud800-\udbff]/.test(p.trim());
  const groups = {
    'full queries': sample('full', fullQueries),
    '1 Latin letter': sample('1L', prefixes.filter(p => len(p) === 1 && !cjk(p))),
    '1 CJK character': sample('1C', prefixes.filter(p => len(p) === 1 && cjk(p))),
    '2-char prefixes': sample('2', prefixes.filter(p => len(p) === 2)),
    '3+-char prefixes': sample('3', prefixes.filter(p => len(p) >= 3)),
  };
  const variants = {
    'product search()': q => index.search(q, { limit: LIMIT }),
    'search() limit 10': q => index.search(q, { limit: 10 }),
    'MiniSearch alone': q => mini.search(termsOf(q)),
    'prefix off': q => mini.search(termsOf(q), { prefix: false }),
    'fuzzy off': q => mini.search(termsOf(q), { fuzzy: false }),
    'prefix+fuzzy off': q => mini.search(termsOf(q), { prefix: false, fuzzy: false }),
  };
  const names = Object.keys(variants);
  const out = { sample: N, method: 'variants interleaved query by query (seeded order), after an untimed pass of every variant', groups: {}, expansions: [] };
  for (const [g, qs] of Object.entries(groups)) {
    if (!qs.length) continue;
    const samples = Object.fromEntries(names.map(n => [n, []]));
    const results = Object.fromEntries(names.map(n => [n, 0]));
    for (const q of qs) for (const n of names) results[n] += variants[n](q).length; // warm-up, result counts
    gc();
    const started = now();
    let rounds = 0;
    do {
      for (const q of rngFor('diag', g, String(rounds)).shuffle(qs.slice())) {
        for (const n of rngFor('diag-v', g, q, String(rounds)).shuffle(names.slice())) {
          const t0 = now();
          variants[n](q);
          samples[n].push(msSince(t0));
        }
      }
      rounds++;
    } while (rounds < plan.maxRounds && msSince(started) < plan.diagnoseBudgetMs);
    out.groups[g] = { queries: qs.length, rounds, examples: qs.slice(0, 4), variants: {} };
    for (const n of names) {
      const st = summarize(samples[n]);
      out.groups[g].variants[n] = { median: st.median, p99: st.p99, mean: st.mean, n: st.n, meanResults: results[n] / qs.length };
    }
  }
  // the index's shape: the radix tree's root fan-out (MiniSearch scans a node's children linearly on
  // every insert and lookup), and how far prefix and fuzzy terms expand
  const idx = mini._index;
  out.vocabularySize = mini.termCount;
  out.documentCount = mini.documentCount;
  if (idx?._tree instanceof Map) {
    out.rootFanout = idx._tree.size;
    let cjkRoot = 0;
    for (const k of idx._tree.keys()) if (typeof k === 'string' && cjk(k)) cjkRoot++;
    out.rootFanoutCjk = cjkRoot;
  }
  if (idx && typeof idx.atPrefix === 'function') {
    const terms = [...new Set(prefixes.filter(p => !/\s/.test(p.trim())).map(p => core.queryTerms(p)[0]).filter(Boolean))];
    const picked = rngFor('diag-expansions').shuffle(terms.slice()).slice(0, 12);
    picked.push(...['a', 'c', 's', '的', '数', 'co', 'se'].filter(t => !picked.includes(t)));
    picked.sort((a, b) => Array.from(a).length - Array.from(b).length || (a < b ? -1 : 1));
    for (const t of picked) {
      let n = 0;
      let postings = 0;
      for (const [, data] of idx.atPrefix(t)) {
        n++;
        for (const [, docs] of data) postings += docs.size ?? 0;
      }
      const prefixOn = cjk(t) ? Array.from(t).length === 1 : t.length >= 2; // the product's rule, for the label only
      let fuzzyTerms;
      if (!cjk(t) && t.length >= 4 && typeof idx.fuzzyGet === 'function') fuzzyTerms = idx.fuzzyGet(t, Math.min(2, Math.round(t.length * 0.2))).size;
      out.expansions.push({ term: t, prefixSearch: prefixOn, prefixTerms: n, prefixPostings: postings, ...(fuzzyTerms !== undefined ? { fuzzyTerms } : {}) });
    }
  }
  return out;
}

process.on('message', async msg => {
  try {
    const result = await run(msg);
    process.send({ ok: true, result }, () => process.exit(0));
  } catch (e) {
    process.send({ ok: false, error: String(e?.stack ?? e) }, () => process.exit(1));
  }
});
