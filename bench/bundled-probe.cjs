// One fresh process = one extension activation: require the core bundle (which embeds the prebuilt
// index as a string), then openBundledNotes() (the notes), prepareSearch() (the MiniSearch index),
// then the first search. Prints JSON on stdout.
//
// `node bundled-probe.cjs breakdown`: where openBundledNotes() spends its time, from the same string
// (dist/notes-index.json, written by esbuild.mjs next to the bundle): JSON.parse of the whole, of the
// MiniSearch part, NotesIndex.load(object), and the first normalize() call (its tables are built lazily).
const ms = (a, b) => Number(b - a) / 1e6;
const now = () => process.hrtime.bigint();
const path = require('node:path');

if (process.argv[2] === 'breakdown') {
  const text = require('node:fs').readFileSync(path.join(__dirname, '..', 'dist', 'notes-index.json'), 'utf8');
  const core = require('../dist/core.js');
  const t0 = now();
  const data = JSON.parse(text);
  const t1 = now();
  JSON.parse(data.index);
  const t2 = now();
  const index = core.NotesIndex.load(data);
  index.prepareSearch();
  const t3 = now();
  core.normalize('Amazon 亞馬遜 検索');
  const t4 = now();
  // attribution (warm, same process): the same load with the index's CJK terms left out, which
  // shrinks the radix tree's root fan-out (MiniSearch scans a node's children linearly per insert)
  const inner = JSON.parse(data.index);
  const isCjk = t => /^[\u3005-\u3007\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\ud800-\udbff]/.test(t);
  const noCjk = { ...data, index: JSON.stringify({ ...inner, index: inner.index.filter(([t]) => !isCjk(t)) }) };
  const warm = d => {
    const list = [];
    for (let i = 0; i < 9; i++) {
      const a = now();
      core.NotesIndex.load(d).prepareSearch();
      list.push(ms(a, now()));
    }
    return list.sort((x, y) => x - y)[4];
  };
  const warmFull = warm(data);
  const warmNoCjk = warm(noCjk);
  process.stdout.write(
    JSON.stringify({
      outerParseMs: ms(t0, t1),
      innerParseMs: ms(t1, t2),
      loadFromObjectMs: ms(t2, t3),
      firstNormalizeMs: ms(t3, t4),
      warmLoadMs: warmFull,
      warmLoadWithoutCjkTermsMs: warmNoCjk,
      terms: inner.index.length,
      cjkTerms: inner.index.filter(([t]) => isCjk(t)).length,
      rootFanout: index.mini?._index?._tree?.size,
      notes: index.size,
      sizes: { totalBytes: Buffer.byteLength(text), indexBytes: Buffer.byteLength(data.index), notesBytes: Buffer.byteLength(JSON.stringify(data.notes)) },
    }),
  );
} else {
  const t0 = now();
  const core = require('../dist/core.js');
  const t1 = now();
  const index = core.openBundledNotes(); // the notes: the tree and hovers are ready
  const t2 = now();
  index.prepareSearch(); // the search index (MiniSearch loadJSON), which the extension loads right after activation
  const t3 = now();
  index.search('blast radius', { limit: 50 });
  const t4 = now();
  process.stdout.write(JSON.stringify({ requireMs: ms(t0, t1), openMs: ms(t1, t2), prepareMs: ms(t2, t3), firstSearchMs: ms(t3, t4), notes: index.size }));
}
