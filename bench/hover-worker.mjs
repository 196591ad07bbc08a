// The hover matcher in its own process: findServices on the line under the cursor, the way
// src/features/hover.ts calls it (a ±256-character span of document.lineAt(line).text), at random
// positions of a 1,000-line and a 10,000-line source file, plus a naive whole-document scan.
import { createRequire } from 'node:module';
import { rngFor, sourceFile } from './corpus.mjs';
import { now, msSince, summarize, gc } from './stats.mjs';

const require = createRequire(import.meta.url);
const HOVER_SPAN = 256; // src/features/hover.ts

function run({ sizes, calls, wholeReps }) {
  const { findServices } = require('../dist/core.js');
  // the document model: VS Code keeps a document as an array of lines, lineAt(n) is O(1)
  const docs = sizes.map(n => {
    const lines = sourceFile(n);
    const text = lines.map(l => l.text).join('\n');
    return { n, lines, text, chars: text.length, samples: [], mentions: 0 };
  });
  const hover = (doc, r) => {
    const { text: line, lang } = doc.lines[Math.floor(r.next() * doc.lines.length)];
    const character = Math.floor(r.next() * (line.length + 1));
    const t0 = now();
    const from = Math.max(0, character - HOVER_SPAN);
    const span = line.slice(from, Math.min(line.length, character + HOVER_SPAN));
    const at = character - from;
    const found = findServices(span, lang);
    const mention = found.find(m => m.start <= at && at < m.end);
    const ms = msSince(t0);
    return { ms, found: found.length, mention: !!mention };
  };
  // warm-up, then interleave the files call by call so both see the same machine state
  const rw = rngFor('hover-warmup');
  for (let i = 0; i < 5000; i++) for (const d of docs) hover(d, rw);
  gc();
  const rs = docs.map(d => rngFor('hover', String(d.n)));
  for (let i = 0; i < calls; i++) {
    docs.forEach((d, k) => {
      const h = hover(d, rs[k]);
      d.samples.push(h.ms);
      if (h.found) d.mentions++;
    });
  }
  const out = { span: HOVER_SPAN, calls, files: [] };
  for (const d of docs) {
    gc();
    findServices(d.text, 'typescript'); // warm
    const whole = [];
    for (let i = 0; i < wholeReps; i++) {
      const t0 = now();
      findServices(d.text, 'typescript');
      whole.push(msSince(t0));
    }
    out.files.push({
      lines: d.n,
      chars: d.chars,
      perCall: summarize(d.samples),
      callsOnLinesWithAService: d.mentions,
      wholeDocument: summarize(whole),
      wholeDocumentMentions: findServices(d.text, 'typescript').length,
    });
  }
  return out;
}

process.on('message', msg => {
  try {
    process.send({ ok: true, result: run(msg) }, () => process.exit(0));
  } catch (e) {
    process.send({ ok: false, error: String(e?.stack ?? e) }, () => process.exit(1));
  }
});
