// The four contenders behind one interface. Every one starts from the same raw Markdown files and
// parses them with the product's own parser (core.parseNote), so "build" always means
// "Markdown files → ready-to-search index" and the libraries differ only in how they index and search.
//
//   build(files)      → handle
//   serialize(handle) → string (what would be shipped / cached)
//   load(string)      → handle (ready to search)
//   search(handle, query, limit) → note ids, best first
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const versionOf = pkg => JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;

/** Product query semantics shared by the baselines that need them (Lunr): same cut-offs as notesIndex.ts. */
const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 24;
export const LIMIT = 50; // the quick pick asks for 50 hits (src/features/search.ts RESULT_LIMIT)

/** Parsed notes as plain fields (what every baseline indexes), from the product's parser. */
function parseAll(core, files) {
  const docs = [];
  for (const file of files) {
    const rec = core.parseNote(file).record;
    if (!rec) continue;
    docs.push({
      key: rec.key,
      id: rec.id,
      title: rec.title,
      title_en: rec.title_en,
      services: rec.services,
      tags: rec.tags,
      track: [rec.track ?? '', rec.kind].join(' '),
      headings: rec.headings.map(h => h.text),
      body: rec.text.slice(core.offsetOfLine(rec.text, rec.bodyLine)),
      text: rec.text,
    });
  }
  return docs;
}

// ---- MiniSearch, exactly as the product configures it ------------------------------------------
export function miniSearch(core) {
  return {
    name: 'MiniSearch',
    note: 'dist/core.js NotesIndex: the product build, options and search() (incl. hit location/snippet for each hit returned)',
    build: files => core.buildNotesIndex(files),
    serialize: index => JSON.stringify(index.serialize()),
    extraSizes: index => ({ indexOnlyChars: index.serialize().index.length }),
    load: s => {
      const index = core.NotesIndex.load(s);
      index.prepareSearch(); // ready to search, not only the notes
      return index;
    },
    search: (index, q, limit) => index.search(q, { limit }).map(h => h.id),
  };
}

// ---- Fuse.js -----------------------------------------------------------------------------------
export function fuse(core) {
  const Fuse = require('fuse.js');
  const keys = [
    { name: 'title', weight: 3 },
    { name: 'title_en', weight: 3 },
    { name: 'id', weight: 3 },
    { name: 'services', weight: 2.5 },
    { name: 'tags', weight: 2 },
    { name: 'headings', weight: 1.5 },
    { name: 'body', weight: 1 },
  ];
  const options = { keys, ignoreLocation: true, threshold: 0.3, includeScore: true };
  const n = core.normalize;
  const toDoc = d => ({
    id: d.id,
    key: d.key,
    title: n(d.title),
    title_en: n(d.title_en),
    services: d.services.map(n),
    tags: d.tags.map(n),
    headings: d.headings.map(n),
    body: n(d.body),
  });
  return {
    name: 'Fuse.js',
    note: `Fuse.js ${versionOf('fuse.js')}: keys title/title_en/id 3, services 2.5, tags 2, headings 1.5, body 1; ignoreLocation, threshold 0.3, includeScore; texts and query passed through the product's normalize() (case/width/Han folding) so quality differences are about matching, not folding`,
    build: files => {
      const docs = parseAll(core, files).map(toDoc);
      const index = Fuse.createIndex(keys, docs);
      return { docs, fuse: new Fuse(docs, options, index), index };
    },
    serialize: h => JSON.stringify({ index: h.index.toJSON(), docs: h.docs }),
    load: s => {
      const data = JSON.parse(s);
      return { docs: data.docs, fuse: new Fuse(data.docs, options, Fuse.parseIndex(data.index)) };
    },
    search: (h, q, limit) => {
      const query = n(q.slice(0, MAX_QUERY_CHARS).trim());
      if (!query) return [];
      return h.fuse.search(query, { limit }).map(r => r.item.id);
    },
  };
}

// ---- Lunr --------------------------------------------------------------------------------------
export function lunrLib(core) {
  const lunr = require('lunr');
  const BOOST = { id: 3, title: 3, title_en: 3, services: 2.5, tags: 2, track: 1.5, headings: 1.5, body: 1 };
  // Lunr's own tokenizer splits on whitespace/hyphens only and its trimmer strips every non-\w
  // character, which deletes CJK text. Give it the product's tokenizer (normalize + CJK bigrams),
  // and drop the trimmer (the product tokenizer already strips punctuation); keep Lunr's English
  // stop words and stemmer, as a Lunr user would.
  const tokenizer = (obj, metadata) => {
    if (obj === null || obj === undefined) return [];
    const text = Array.isArray(obj) ? obj.join(' \n ') : String(obj);
    const terms = core.indexTerms(text);
    const tokens = new Array(terms.length);
    // one shared metadata object: the builder only copies whitelisted metadata, and the whitelist is empty
    for (let i = 0; i < terms.length; i++) tokens[i] = new lunr.Token(terms[i], metadata);
    return tokens;
  };
  const isCjk = t => /^[\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ud800-\udbff]/.test(t);
  const single = t => Array.from(t).length === 1;
  return {
    name: 'Lunr',
    note: `Lunr ${versionOf('lunr')} with the product's tokenizer (indexTerms: normalize + CJK bigrams) instead of Lunr's (which has no CJK support), trimmer removed (it deletes CJK), English stop words + stemmer kept; same field boosts as the product; per query term: exact (boost 10) + trailing wildcard (Latin ≥ 2 chars, lone CJK char; boost 3) + editDistance 1 (Latin ≥ 4 chars)`,
    build: files => {
      const docs = parseAll(core, files);
      const idx = lunr(function () {
        this.ref('key');
        for (const [f, boost] of Object.entries(BOOST)) this.field(f, { boost });
        this.tokenizer = tokenizer;
        this.pipeline.reset();
        this.pipeline.add(lunr.stopWordFilter, lunr.stemmer);
        this.searchPipeline.reset();
        this.searchPipeline.add(lunr.stemmer);
        for (const d of docs) {
          this.add({
            key: d.key,
            id: d.id,
            title: d.title,
            title_en: d.title_en,
            services: d.services.join(' \n '),
            tags: d.tags.join(' \n '),
            track: d.track,
            headings: d.headings.join(' \n '),
            body: d.body,
          });
        }
      });
      idx.idOf = new Map(docs.map(d => [d.key, d.id]));
      return idx;
    },
    // Lunr stores no documents: the key → id map is shipped next to the index (as the others ship their docs)
    serialize: idx => JSON.stringify({ index: idx.toJSON(), ids: [...idx.idOf] }),
    load: s => {
      const data = JSON.parse(s);
      const idx = lunr.Index.load(data.index);
      idx.idOf = new Map(data.ids);
      return idx;
    },
    search: (idx, q, limit) => {
      const terms = core.queryTerms(q.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_TERMS);
      if (!terms.length) return [];
      const results = idx.query(query => {
        for (const t of terms) {
          const cjk = isCjk(t);
          query.term(t, { boost: 10 });
          if (cjk ? single(t) : t.length >= 2) query.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 3 });
          if (!cjk && t.length >= 4 && !/^\d+$/.test(t)) query.term(t, { usePipeline: false, editDistance: 1, boost: 1 });
        }
      });
      const out = [];
      for (let i = 0; i < results.length && i < limit; i++) out.push(idx.idOf.get(results[i].ref));
      return out;
    },
  };
}

// ---- plain linear scan -------------------------------------------------------------------------
export function linear(core) {
  return {
    name: 'Linear scan',
    note: "queryTerms(query) (the product's), then for each note: normalize(whole note).includes(term) per term; score = number of terms found; rank by score (ties keep corpus order, which is shuffled)",
    build: files => {
      const docs = parseAll(core, files);
      return { ids: docs.map(d => d.id), texts: docs.map(d => core.normalize(d.text)) };
    },
    serialize: h => JSON.stringify(h),
    load: s => JSON.parse(s),
    search: (h, q, limit) => {
      const terms = core.queryTerms(q.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_TERMS);
      if (!terms.length) return [];
      const scored = [];
      const { texts, ids } = h;
      for (let i = 0; i < texts.length; i++) {
        const text = texts[i];
        let score = 0;
        for (const t of terms) if (text.includes(t)) score++;
        if (score) scored.push({ i, score });
      }
      scored.sort((a, b) => b.score - a.score || a.i - b.i);
      const out = [];
      for (let k = 0; k < scored.length && k < limit; k++) out.push(ids[scored[k].i]);
      return out;
    },
  };
}

export const LIBRARIES = { minisearch: miniSearch, fuse, lunr: lunrLib, linear };
