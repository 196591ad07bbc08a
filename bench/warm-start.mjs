// Your own notes at the next start (issue: 10,000 user notes, time until search answers at a warm
// start). `node warm-start.mjs build <file> <size>` writes the cache the extension keeps in its
// storage (src/features/userNotes.ts: NotesIndex.serialize() plus file stamps); `node
// warm-start.mjs probe <file>` is one warm start in a fresh process, as the extension does it:
// read the file, JSON.parse, check it, NotesIndex.load (the notes: tree and hovers), then
// prepareSearchAsync (MiniSearch.loadJSONAsync in batches) and the first search. It also reports
// the longest stretch the event loop was blocked while the search index loaded in the background.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist', 'core.js'));
const ms = (a, b) => Number(b - a) / 1e6;
const now = () => process.hrtime.bigint();
const [mode, file, sizeArg] = process.argv.slice(2);

if (mode === 'build') {
  const { readBundledNotes, makeCorpus } = await import('./corpus.mjs');
  const size = Number(sizeArg);
  const files = makeCorpus(core, readBundledNotes(root), size).map(f => ({ ...f, key: `file:///notes/${f.path}` }));
  const t0 = now();
  const index = core.buildNotesIndex(files);
  const buildMs = ms(t0, now());
  const stamps = Object.fromEntries(files.map((f, i) => [f.key, { size: f.text.length, mtime: 1_700_000_000_000 + i }]));
  const cache = { format: core.CACHE_FORMAT, bundled: core.bundledStamp(), folders: ['file:///notes|**/*.{md,markdown}'], files: stamps, index: index.serialize() };
  // the extension's cache file (encodeCache), as src/features/userNotes.ts writes it
  const text = core.encodeCache(cache);
  writeFileSync(file, text);
  process.stdout.write(JSON.stringify({ notes: index.size, buildMs, bytes: Buffer.byteLength(text) }));
} else if (mode === 'probe') {
  const t0 = now();
  // read as the extension reads it: bytes, decodeCache (each note's text decoded when first read)
  const bytes = new Uint8Array(readFileSync(file));
  const t1 = now();
  const cache = await core.decodeCache(bytes, () => new Promise(r => setImmediate(r)));
  if (!core.cacheMatches(cache, core.bundledStamp(), cache.folders)) throw new Error('the cache does not match this build');
  const t2 = now();
  const index = core.NotesIndex.load(cache.index);
  const t3 = now();
  // how long the event loop waits while the search index loads in the background
  let longest = 0;
  let last = now();
  const tick = setInterval(() => {
    const t = now();
    longest = Math.max(longest, ms(last, t));
    last = t;
  }, 1);
  await index.prepareSearchAsync();
  clearInterval(tick);
  const t4 = now();
  const hits = index.search('blast radius', { limit: 50 });
  const t5 = now();
  process.stdout.write(
    JSON.stringify({
      readMs: ms(t0, t1),
      parseMs: ms(t1, t2),
      notesReadyMs: ms(t0, t3),
      searchLoadMs: ms(t3, t4),
      firstSearchMs: ms(t4, t5),
      searchAnswersMs: ms(t0, t5),
      longestBlockMs: longest,
      hits: hits.length,
      notes: index.size,
    }),
  );
} else {
  process.stderr.write('usage: node warm-start.mjs build <file> <size> | probe <file>\n');
  process.exitCode = 64;
}
