// One fresh process = one extension activation: require the core bundle (which embeds the prebuilt
// index as a string), then openBundledNotes() (the notes), prepareSearch() (the MiniSearch index),
// then the first search. Prints JSON on stdout.
//
// `node bundled-probe.cjs breakdown`: where openBundledNotes() spends its time, from the same string
// (dist/notes-index.json, written by esbuild.mjs next to the bundle): JSON.parse of the whole,
// NotesIndex.load(object), decoding the search index, and the first normalize() call (its tables are
// built lazily).
const ms = (a, b) => Number(b - a) / 1e6;
const now = () => process.hrtime.bigint();
const path = require('node:path');

if (process.argv[2] === 'breakdown') {
  const text = require('node:fs').readFileSync(path.join(__dirname, '..', 'dist', 'notes-index.json'), 'utf8');
  const core = require('../dist/core.js');
  const t0 = now();
  const data = JSON.parse(text);
  const t1 = now();
  const index = core.NotesIndex.load(data);
  const t2 = now();
  index.prepareSearch(); // decodes the search index (src/core/indexCodec.ts)
  const t3 = now();
  core.normalize('Amazon 亞馬遜 検索');
  const t4 = now();
  const warm = () => {
    const list = [];
    for (let i = 0; i < 9; i++) {
      const a = now();
      core.NotesIndex.load(data).prepareSearch();
      list.push(ms(a, now()));
    }
    return list.sort((x, y) => x - y)[4];
  };
  process.stdout.write(
    JSON.stringify({
      outerParseMs: ms(t0, t1),
      loadFromObjectMs: ms(t1, t2),
      decodeIndexMs: ms(t2, t3),
      firstNormalizeMs: ms(t3, t4),
      warmLoadMs: warm(),
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
