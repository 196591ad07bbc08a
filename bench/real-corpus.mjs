// Real-corpus benchmark: the user's own notes as real vaults are, through the core's public API.
//
//   node bench/real-corpus.mjs [--corpus en,zh,ja,til] [--out bench/real-results.json] [--core dist/core.js]
//
// Corpora come from `node bench/corpora.mjs` (bench/corpora/<name>/, with a manifest of the
// repositories and commits); a corpus that is absent is skipped with a message. Per corpus, in
// fresh processes (--expose-gc):
// - build: every file read as the extension reads it (bytes → decodeNoteBytes, key = file URI),
//   buildNotesIndex, heap after GC, serialize() written as the extension's cache, problems, files
//   lost (neither indexed nor reported);
// - search: keystrokes (every prefix of 80 known-item queries), full queries, known-item hit@1 /
//   hit@10 per kind (300 documents, seeded: exact title, 2–3 rare title words, a 2–4 word body
//   phrase, a distinctive 2–6 character CJK part of the title; an identical copy counts), the
//   same queries through a linear scan, and the cache round trip (load + prepareSearch) compared
//   with the fresh build on every query;
// - warm: a fresh process reads the cache, NotesIndex.load (notes ready), prepareSearchAsync and a
//   first search (search ready), the longest event-loop block meanwhile, heap after GC.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { gc, msSince, now, summarize } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const CORPUS_DIR = join(here, 'corpora');
// --core <dist/core.js>: another build of the core (to measure before and after a change)
const coreArg = process.argv.indexOf('--core');
const CORE = coreArg !== -1 ? process.argv[coreArg + 1] : join(root, 'dist', 'core.js');
const DOCS = 300;
const KEYSTROKE_QUERIES = 80;
// --seed: another sample of known items (the default is the reported one; tune on another seed, so
// that the reported figures stay held out)
const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg !== -1 ? Number(process.argv[seedArg + 1]) : 20191202;
// --misses <file.json>: every known item the index does not find first, with its rank and the top 3
const missArg = process.argv.indexOf('--misses');
const MISSES = missArg !== -1 ? process.argv[missArg + 1] : undefined;

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(join(e.parentPath ?? e.path, e.name));
  }
  return out.sort();
}

/** The files as the extension reads them: bytes, decodeNoteBytes, keyed by URI. */
function readCorpus(core, name) {
  const dir = join(CORPUS_DIR, name);
  const files = [];
  const unread = [];
  for (const path of listFiles(dir)) {
    const bytes = readFileSync(path);
    const decoded = core.decodeNoteBytes(bytes);
    const key = pathToFileURL(path).toString();
    if (decoded.text === undefined) unread.push({ key, path, reason: decoded.problem });
    else files.push({ key, path, text: decoded.text, bytes: bytes.length, mtime: statSync(path).mtimeMs });
  }
  return { files, unread };
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const hasCjk = s => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(s);

function words(text, lang) {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  return [...seg.segment(text)].filter(s => s.isWordLike).map(s => ({ word: s.segment, start: s.index, end: s.index + s.segment.length }));
}

/** Known-item queries for DOCS seeded documents: kind → [{query, key}]. */
function knownItems(core, index, files, lang, texts) {
  const random = rng(SEED);
  const byKey = new Map(files.map(f => [f.key, f]));
  const notes = index.notes().filter(n => byKey.has(n.key));
  // document frequency of words in titles (what makes a title word distinctive)
  const df = new Map();
  for (const n of notes) for (const w of new Set(words(n.title, lang).map(x => x.word.toLowerCase()))) df.set(w, (df.get(w) ?? 0) + 1);
  const picked = [];
  const seen = new Set();
  while (picked.length < Math.min(DOCS, notes.length) && seen.size < notes.length) {
    const n = notes[Math.floor(random() * notes.length)];
    if (seen.has(n.key)) continue;
    seen.add(n.key);
    picked.push(n);
  }
  const kinds = { title: [], titleWords: [], bodyPhrase: [], cjkTitlePart: [] };
  const shared = { cjkTitlePart: 0 };
  const titles = notes.map(n => n.title);
  for (const n of picked) {
    const title = n.title.trim();
    if (title) kinds.title.push({ query: title, key: n.key });
    const tw = words(title, lang).filter(x => (hasCjk(x.word) ? x.word.length >= 2 : x.word.length >= 3) && !/^\d+$/.test(x.word));
    if (tw.length >= 2) {
      const k = Math.min(tw.length, 2 + Math.floor(random() * 2));
      const rare = [...tw].sort((a, b) => (df.get(a.word.toLowerCase()) ?? 0) - (df.get(b.word.toLowerCase()) ?? 0)).slice(0, k);
      kinds.titleWords.push({ query: rare.sort((a, b) => a.start - b.start).map(x => x.word).join(' '), key: n.key });
    }
    const record = index.note(n.key);
    const phrase = bodyPhrase(core, record, random, lang, texts);
    if (phrase) kinds.bodyPhrase.push({ query: phrase.span, key: n.key, holders: phrase.holders });
    const runs = [...title.matchAll(CJK_RUN)].map(m => m[0]).filter(r => r.length >= 2);
    if (runs.length) {
      // a distinctive part, as for the title words: of the parts of a random length (2–6), the one
      // the fewest titles hold
      const want = 2 + Math.floor(random() * 5);
      const parts = [];
      for (const run of runs) {
        const len = Math.min(run.length, want);
        for (let at = 0; at + len <= run.length; at++) parts.push(run.slice(at, at + len));
      }
      const count = part => titles.reduce((k, t) => k + (t.includes(part) ? 1 : 0), 0);
      const scored = parts.map(p => ({ p, k: count(p), r: random() })).sort((a, b) => a.k - b.k || a.r - b.r);
      // (a known item: a part that at most MAX_HOLDERS titles hold, as for body phrases; a title
      // whose every part is common, such as 「Ruby 2.5.7 已发布」 among hundreds of release notes, has none)
      if (scored[0].k <= MAX_HOLDERS) kinds.cjkTitlePart.push({ query: scored[0].p, key: n.key, holders: scored[0].k });
      else shared.cjkTitlePart++;
    }
  }
  return { kinds, shared };
}

/** A body phrase or a CJK part of a title is a known item when at most this many notes hold it. */
const MAX_HOLDERS = 5;

const EDGE_WORDS = new Set('a an and are as at be but by can for from has have how i if in into is it its may of on or so than that the their then there these this to was we were what when where which who why will with you your'.split(' '));

/**
 * 2–4 consecutive words of a prose line of the body, as written, that a user could remember: not
 * starting or ending with a function word, 12 characters or more (4 for CJK), in at most 5 notes.
 */
function bodyPhrase(core, record, random, lang, texts) {
  const lines = record.text.split('\n');
  const prose = [];
  let fence = false;
  for (let i = record.bodyLine - 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence || /^\s*(#|\||<|!\[|\[.*\]:)/.test(line) || line.trim().length < 12) continue;
    prose.push(line);
  }
  for (let attempt = 0; attempt < 12 && prose.length; attempt++) {
    const line = prose[Math.floor(random() * prose.length)];
    const ws = words(line, lang);
    if (ws.length < 2) continue;
    const k = Math.min(ws.length, 2 + Math.floor(random() * 3));
    const at = Math.floor(random() * (ws.length - k + 1));
    const span = line.slice(ws[at].start, ws[at + k - 1].end);
    if (/[`*_[\]()<>{}|\\]/.test(span) || span.length < (hasCjk(span) ? 4 : 12)) continue;
    if (EDGE_WORDS.has(ws[at].word.toLowerCase()) || EDGE_WORDS.has(ws[at + k - 1].word.toLowerCase())) continue;
    const norm = core.normalize(span);
    let count = 0;
    for (const t of texts) if (t.includes(norm) && ++count > MAX_HOLDERS) break;
    if (count > MAX_HOLDERS) continue;
    return { span, holders: count };
  }
  return undefined;
}

/** The linear scan beside the index: every note's normalized text, terms found, title matches first. */
function linearScan(core, index) {
  const notes = index.notes().map(n => {
    const r = index.note(n.key);
    return { key: n.key, title: core.normalize(n.title), text: core.normalize(r.text) };
  });
  const scan = (query, limit) => {
    const terms = core.queryTerms(query);
    const phrase = core.normalize(query).trim();
    if (!terms.length) return [];
    const scored = [];
    for (const n of notes) {
      let found = 0;
      let inTitle = 0;
      for (const t of terms) {
        if (n.text.includes(t)) found++;
        if (n.title.includes(t)) inTitle++;
      }
      if (!found) continue;
      const score = found + 0.5 * inTitle + (n.title.includes(phrase) ? 2 : 0) + (n.text.includes(phrase) ? 1 : 0);
      scored.push({ key: n.key, score });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit);
  };
  scan.texts = notes.map(n => n.text);
  return scan;
}

function evaluate(kinds, search, sameText, detail) {
  const out = {};
  const times = [];
  for (const [kind, list] of Object.entries(kinds)) {
    if (!list.length) continue;
    let h1 = 0;
    let h10 = 0;
    const misses = [];
    for (const { query, key } of list) {
      const t0 = now();
      const hits = search(query, 10);
      times.push(msSince(t0));
      const rank = hits.findIndex(h => sameText(h.key, key));
      if (rank === 0) h1++;
      if (rank !== -1 && rank < 10) h10++;
      else if (misses.length < 5) misses.push(query);
      if (detail && rank !== 0) detail.push({ kind, query, key, rank, top: hits.slice(0, 3).map(h => h.key) });
    }
    // ceiling: the hit@1 of a search that ranks every note holding the item first, in random order
    // (a phrase that 3 notes hold is found first once in 3); it counts the notes that hold it,
    // identical copies included (which count as hits): a lower bound of what can be reached
    const ceiling = list.every(x => x.holders) ? round(list.reduce((n, x) => n + 1 / x.holders, 0) / list.length, 3) : undefined;
    out[kind] = { n: list.length, hit1: round(h1 / list.length, 3), hit10: round(h10 / list.length, 3), ...(ceiling !== undefined ? { ceiling } : {}), misses };
  }
  return { kinds: out, query: summarize(times) };
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mb = bytes => round(bytes / 1024 / 1024, 1);

function heap() {
  gc();
  const m = process.memoryUsage();
  return { heapMB: mb(m.heapUsed), rssMB: mb(m.rss), externalMB: mb(m.external + m.arrayBuffers) };
}

function problemSummary(problems) {
  const by = {};
  for (const p of problems) {
    const reason = p.reason.replace(/"[^"]*"/g, '"…"').replace(/\S*\/\S*/g, '…').replace(/\d+(\.\d+)?/g, 'N');
    const k = `${p.severity}: ${reason.slice(0, 90)}`;
    by[k] = (by[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 12));
}

// ---- child: build + search ----
async function childBuild(name, cacheFile) {
  const core = require(CORE);
  const lang = name === 'zh' ? 'zh' : name === 'ja' ? 'ja' : 'en';
  const before = heap();
  const { files, unread } = readCorpus(core, name);
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const t0 = now();
  const index = core.buildNotesIndex(files.map(f => ({ key: f.key, path: f.path, text: f.text })));
  const buildMs = msSince(t0);
  // heap of the index alone: the file texts read for the build are dropped first
  const texts = new Map(files.map(f => [f.key, f.text]));
  const stamps = Object.fromEntries(files.map(f => [f.key, { size: f.bytes, mtime: f.mtime }]));
  files.length = 0;
  const hashOf = new Map([...texts].map(([k, t]) => [k, createHash('sha1').update(t).digest('hex')]));
  texts.clear();
  const built = heap();
  const t1 = now();
  const serialized = index.serialize();
  const cache = { format: core.CACHE_FORMAT, bundled: core.bundledStamp(), folders: [`${pathToFileURL(join(CORPUS_DIR, name))}|**/*.{md,markdown}`], files: stamps, index: serialized };
  const cacheText = JSON.stringify(cache);
  const serializeMs = msSince(t1);
  writeFileSync(cacheFile, cacheText);
  // the extension's own cache file (lines parsed between yields), when this core has it
  if (typeof core.encodeCache === 'function') writeFileSync(`${cacheFile}l`, core.encodeCache(cache));
  const problems = index.problems();
  const reported = new Set(problems.map(p => p.key ?? p.path));
  const indexed = new Set(index.keys('user'));
  const lost = [...hashOf.keys()].filter(k => !indexed.has(k) && !reported.has(k) && !reported.has(fileURLToPath(k))).length;

  const sameText = (a, b) => a === b || (hashOf.get(a) !== undefined && hashOf.get(a) === hashOf.get(b));
  const scan = linearScan(core, index);
  const { kinds, shared } = knownItems(core, index, [...hashOf.keys()].map(key => ({ key })), lang, scan.texts);
  const search = (q, limit) => index.search(q, { limit });
  search('warm up', 10);
  const missed = MISSES ? [] : undefined;
  const product = evaluate(kinds, search, sameText, missed);
  if (missed) {
    const titleOf = k => index.note(k)?.title;
    const all = existsSync(MISSES) ? JSON.parse(readFileSync(MISSES, 'utf8')) : {};
    all[name] = missed.map(m => ({ ...m, title: titleOf(m.key), top: m.top.map(k => `${titleOf(k)} <${k.slice(-60)}>`), key: m.key.slice(-60) }));
    writeFileSync(MISSES, JSON.stringify(all, null, 1));
  }
  // keystrokes: every prefix of a seeded sample of the known-item queries
  const random = rng(SEED + 1);
  const all = Object.values(kinds).flat();
  const sample = Array.from({ length: Math.min(KEYSTROKE_QUERIES, all.length) }, () => all[Math.floor(random() * all.length)].query);
  const keystrokes = [];
  for (const q of sample) {
    const cps = [...q];
    for (let i = 1; i <= cps.length; i++) {
      const prefix = cps.slice(0, i).join('');
      const k0 = now();
      index.search(prefix, { limit: 20 });
      keystrokes.push(msSince(k0));
    }
  }
  const linear = evaluate(kinds, scan, sameText);
  // the public round trip: the cache loaded and prepared answers as the fresh build does
  const loaded = core.NotesIndex.load(JSON.parse(cacheText).index);
  loaded.prepareSearch();
  let differ = 0;
  const queries = all.map(x => x.query);
  for (const q of queries) {
    const a = index.search(q, { limit: 10 }).map(h => `${h.key}:${h.line}`).join('|');
    const b = loaded.search(q, { limit: 10 }).map(h => `${h.key}:${h.line}`).join('|');
    if (a !== b) differ++;
  }
  return {
    files: hashOf.size + unread.length,
    chars,
    notes: index.size,
    buildMs: round(buildMs),
    heapBefore: before,
    heapBuilt: { ...built, heapMB: round(built.heapMB - before.heapMB, 1), heapTotalMB: built.heapMB },
    serializeMs: round(serializeMs),
    cacheMB: mb(Buffer.byteLength(cacheText)),
    cacheTextShare: round(serialized.notes.reduce((n, r) => n + (r.text?.length ?? 0), 0) / cacheText.length, 2),
    problems: { total: problems.length, unread: unread.length, lost, kinds: problemSummary([...problems, ...unread.map(u => ({ severity: 'skipped', reason: u.reason }))]) },
    keystroke: summarize(keystrokes),
    product,
    linear,
    roundTrip: { queries: queries.length, differ },
    // documents left out of a kind because they have no distinctive item of it
    sharedItems: shared,
  };
}

// ---- child: warm start from the extension's cache file (decodeCache: a chunk of notes per yield) ----
async function childWarmExtension(cacheFile) {
  const core = require(CORE);
  const before = heap();
  let longest = 0;
  let last = now();
  const tick = setImmediateLoop(t => {
    longest = Math.max(longest, Number(t - last) / 1e6);
    last = t;
  });
  const yieldNow = () => new Promise(r => setTimeout(r, 0));
  const t0 = now();
  // (bytes, as the extension reads the file, for a core that reads each note's text from them on demand)
  let cache = await core.decodeCache(typeof core.readTexts === 'function' ? new Uint8Array(readFileSync(cacheFile)) : readFileSync(cacheFile, 'utf8'), yieldNow);
  if (!core.cacheMatches(cache, core.bundledStamp(), cache.folders)) throw new Error('the cache does not match this build');
  const index = core.NotesIndex.load(cache.index);
  cache = undefined;
  const notesReadyMs = msSince(t0);
  await index.prepareSearchAsync();
  index.search('configuration', { limit: 20 });
  const searchReadyMs = msSince(t0);
  tick.stop();
  const after = heap();
  return { notesReadyMs: round(notesReadyMs), searchReadyMs: round(searchReadyMs), longestBlockMs: round(longest), heapLoaded: { ...after, heapMB: round(after.heapMB - before.heapMB, 1) }, notes: index.size };
}

/** Calls back on every turn of the event loop (a timer of 1 ms), with the time. */
function setImmediateLoop(onTurn) {
  const id = setInterval(() => onTurn(now()), 1);
  return { stop: () => clearInterval(id) };
}

// ---- child: warm start from the cache ----
async function childWarm(cacheFile) {
  const core = require(CORE);
  const before = heap();
  let longest = 0;
  let last = now();
  const tick = setInterval(() => {
    const t = now();
    longest = Math.max(longest, Number(t - last) / 1e6);
    last = t;
  }, 1);
  const t0 = now();
  let text = readFileSync(cacheFile, 'utf8');
  let cache = JSON.parse(text);
  if (!core.cacheMatches(cache, core.bundledStamp(), cache.folders)) throw new Error('the cache does not match this build');
  const index = core.NotesIndex.load(cache.index);
  // (what the extension keeps is the index: the file's text and the parsed cache are let go)
  text = cache = undefined;
  const notesReadyMs = msSince(t0);
  await new Promise(r => setTimeout(r, 0));
  if (typeof index.prepareSearchAsync === 'function') await index.prepareSearchAsync();
  else index.prepareSearch();
  index.search('configuration', { limit: 20 });
  const searchReadyMs = msSince(t0);
  clearInterval(tick);
  const after = heap();
  return { notesReadyMs: round(notesReadyMs), searchReadyMs: round(searchReadyMs), longestBlockMs: round(Math.max(longest, notesReadyMs)), heapLoaded: { ...after, heapMB: round(after.heapMB - before.heapMB, 1) }, notes: index.size };
}

function runChild(args) {
  return new Promise((resolve, reject) => {
    const passOn = [...(seedArg !== -1 ? ['--seed', String(SEED)] : []), ...(MISSES ? ['--misses', MISSES] : [])];
    const child = fork(fileURLToPath(import.meta.url), [...args, '--core', CORE, ...passOn], { execArgv: ['--expose-gc', '--max-old-space-size=8192'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.on('message', m => (m.error ? reject(new Error(m.error)) : resolve(m)));
    child.on('exit', code => code && reject(new Error(`child ${args.join(' ')} exited with ${code}`)));
  });
}

if (process.argv[2] === '--child') {
  const [, , , mode, a, b] = process.argv;
  try {
    const result = mode === 'build' ? await childBuild(a, b) : mode === 'warm-ext' ? await childWarmExtension(a) : await childWarm(a);
    process.send(result, () => process.exit(0));
  } catch (e) {
    process.send({ error: e.stack ?? String(e) }, () => process.exit(1));
  }
} else {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i !== -1 ? process.argv[i + 1] : fallback;
  };
  if (!existsSync(CORE)) {
    console.error(`real-corpus: ${CORE} is missing: run \`node esbuild.mjs --production\` first`);
    process.exit(1);
  }
  const names = arg('corpus', 'en,zh,ja,til').split(',');
  const outFile = arg('out', join(here, 'real-results.json'));
  const present = names.filter(n => existsSync(join(CORPUS_DIR, n, 'manifest.json')));
  if (!present.length) {
    console.log(`real-corpus: no corpora in ${CORPUS_DIR} (${names.join(', ')}); skipped. Make them with: node bench/corpora.mjs --mirrors <folder of bare git mirrors>`);
    process.exit(0);
  }
  for (const n of names.filter(n => !present.includes(n))) console.log(`real-corpus: corpus ${n} is absent; skipped`);
  const tmp = mkdtempSync(join(tmpdir(), 'real-corpus-'));
  const previous = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : { corpora: {} };
  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memGB: round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map(x => round(x, 2)) },
    date: new Date().toISOString(),
    method: 'bench/real-corpus.mjs: build, search and round trip in one process, warm start in fresh processes (median of 3); heap after GC, net of the process before',
    corpora: previous.corpora ?? {},
  };
  try {
    for (const name of present) {
      const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, name, 'manifest.json'), 'utf8'));
      const cacheFile = join(tmp, `${name}.json`);
      process.stderr.write(`real-corpus: ${name}: build and search (${manifest.files} files)…\n`);
      const built = await runChild(['--child', 'build', name, cacheFile]);
      // --no-warm: build and search only (known-item diagnosis)
      const rounds = process.argv.includes('--no-warm') ? 0 : 3;
      if (!rounds) {
        results.corpora[name] = { ...results.corpora[name], ...built };
        printRow(name, { warm: {}, ...built });
        continue;
      }
      const warms = [];
      for (let i = 0; i < rounds; i++) warms.push(await runChild(['--child', 'warm', cacheFile]));
      const med = key => warms.map(w => w[key]).sort((a, b) => a - b)[1];
      const warm = { notesReadyMs: med('notesReadyMs'), searchReadyMs: med('searchReadyMs'), longestBlockMs: med('longestBlockMs'), heapLoadedMB: warms.map(w => w.heapLoaded.heapMB).sort((a, b) => a - b)[1], rssLoadedMB: warms[1].heapLoaded.rssMB };
      let warmExtension;
      if (existsSync(`${cacheFile}l`)) {
        const ws = [];
        for (let i = 0; i < 3; i++) ws.push(await runChild(['--child', 'warm-ext', `${cacheFile}l`]));
        const m = key => ws.map(w => w[key]).sort((a, b) => a - b)[1];
        warmExtension = { notesReadyMs: m('notesReadyMs'), searchReadyMs: m('searchReadyMs'), longestBlockMs: m('longestBlockMs'), heapLoadedMB: ws.map(w => w.heapLoaded.heapMB).sort((a, b) => a - b)[1] };
      }
      results.corpora[name] = { sources: manifest.sources.map(s => ({ repo: s.repo, commit: s.commit, files: s.files })), ...built, warm, ...(warmExtension ? { warmExtension } : {}) };
      printRow(name, results.corpora[name]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`real-corpus: written to ${outFile}`);
}

function printRow(name, r) {
  const k = r.product.kinds;
  const l = r.linear.kinds;
  const hits = kinds => ['title', 'titleWords', 'bodyPhrase', 'cjkTitlePart'].map(x => (kinds[x] ? `${kinds[x].hit1.toFixed(2)}/${kinds[x].hit10.toFixed(2)}` : '–')).join('  ');
  console.log(
    [
      `== ${name}: ${r.notes} notes of ${r.files} files (${(r.chars / 1e6).toFixed(1)} M chars); lost ${r.problems.lost}, problems ${r.problems.total}`,
      `   build ${(r.buildMs / 1000).toFixed(2)} s, heap ${r.heapBuilt.heapMB} MB, cache ${r.cacheMB} MB (notes' text ${Math.round(r.cacheTextShare * 100)} %)`,
      `   warm start: notes ${r.warm.notesReadyMs} ms, search ${r.warm.searchReadyMs} ms, longest block ${r.warm.longestBlockMs} ms, heap loaded ${r.warm.heapLoadedMB} MB (RSS ${r.warm.rssLoadedMB} MB)`,
      ...(r.warmExtension ? [`   warm start, the extension's cache file: notes ${r.warmExtension.notesReadyMs} ms, search ${r.warmExtension.searchReadyMs} ms, longest block ${r.warmExtension.longestBlockMs} ms, heap ${r.warmExtension.heapLoadedMB} MB`] : []),
      `   keystroke p50 ${r.keystroke.median.toFixed(2)} / p99 ${r.keystroke.p99.toFixed(1)} ms; query p50 ${r.product.query.median.toFixed(2)} ms (linear ${r.linear.query.median.toFixed(1)} ms)`,
      `   hit@1/hit@10 title, title words, body phrase, CJK part: index ${hits(k)} | linear ${hits(l)}`,
      `   hit@1 ceiling (every note holding the item first, ties in random order): body phrase ${k.bodyPhrase?.ceiling ?? '–'}, CJK part ${k.cjkTitlePart?.ceiling ?? '–'}`,
      `   round trip: ${r.roundTrip.differ} of ${r.roundTrip.queries} queries differ from the fresh build`,
    ].join('\n'),
  );
}
