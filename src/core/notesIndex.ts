// The notes index: the notes' records, and a search over them that opens each hit at the right place
// (line, column, matched length, snippet). The search is a pipeline, one stage a file in search/:
//   plan (what the user typed → terms and alternatives) → retrieve (MiniSearch) → rank →
//   locate (the line that answers) → snippet.
// This class keeps the records and the MiniSearch index (build, load, serialize, upsert) and runs
// a query through the stages.
import MiniSearch, { type SearchResult } from 'minisearch';
import { normalize } from './normalize';
import { isCjkTerm } from './tokenizer';
import type { RenderingLang } from './renderings';
import { addDocuments, decodeIndex, decodeIndexAsync, encodeIndex, encodeIndexAsync } from './indexCodec';
import { type NoteFile, type NoteKind, type NoteProblem, type NoteRecord, fileStem, lineText, parseNote } from './notes';
import { BOOST, type IndexedDoc, RENDERED_FIELD, type RenderedDoc, miniSearchOptions, renderedOptions, renderingsOf, toDoc, toRenderedDoc } from './search/fields';
import { planQuery } from './search/plan';
import { retrieve, vocabularyOf } from './search/retrieve';
import { rank } from './search/rank';
import { type Located, alignedLine, coveredAcross, locate, matchedTerms, titleLine, titleLineOf } from './search/locate';
import { type QueryPlan } from './search/plan';
import { type Rendering, originalLine, renderedLine } from './renderings';
import { makeSnippet } from './search/snippet';
export { offsetOfLine } from './notes';
export { makeSnippet } from './search/snippet';
export { miniSearchOptions } from './search/fields';

/** What `notes()` lists. */
export type NoteSummary = Pick<NoteRecord, 'key' | 'id' | 'title' | 'title_en' | 'kind' | 'track' | 'services' | 'tags' | 'path' | 'source'>;

export interface SearchHit {
  id: string;
  title: string;
  title_en: string;
  key: string;
  path: string;
  kind: NoteKind;
  track?: string;
  score: number;
  /** 1-based line of the best match in the note file. */
  line: number;
  /** 0-based column of the match in that line, and its length (0 when only metadata matched). */
  column: number;
  length: number;
  /** The line around the match, Markdown markers removed. */
  snippet: string;
  /** [start, end) ranges of the matched text inside `snippet`. */
  highlights: [number, number][];
  /**
   * Which text of the note matched best: the original, or a rendering in a reader's language
   * (bundled notes), with the place in that text's own file. For `original` it repeats the fields
   * above. The top-level line, column, length and snippet always refer to the original file.
   */
  matched?: MatchedText;
}

export interface MatchedText {
  lang: 'original' | RenderingLang;
  /** 1-based line in that text's file (the rendering file for a rendering). */
  line: number;
  column: number;
  length: number;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchOptions {
  /** Most hits returned (default 20). */
  limit?: number;
}

export interface ServiceMentionInNote {
  note: NoteSummary;
  line: number;
  snippet: string;
}

/** 5: the search index in lines of one term, its postings read on first use (older caches are rebuilt). */
export const INDEX_FORMAT = 5;
/** How many notes' normalized text is kept for the next searches. */
const NORMALIZED_CACHE = 1000;
/** From this many notes on, the search requires every query word first (search/retrieve.ts, strictPass). */
const LARGE_INDEX = 500;
/** How many notes' renderings are indexed between two pauses, when the index is built after activation. */
const RENDERED_CHUNK = 3;
/** A rendering's line is chosen over the original's only when it answers this much better. */
const RENDERING_MARGIN = 1;

const renderingNorms = new WeakMap<Rendering, string>();

function normalizedRendering(rendering: Rendering): string {
  let n = renderingNorms.get(rendering);
  if (n === undefined) {
    n = normalize(rendering.text);
    renderingNorms.set(rendering, n);
  }
  return n;
}

/** What a hit says of its note (the rest says where in it). */
export function hitNote(r: NoteRecord): Pick<SearchHit, 'id' | 'title' | 'title_en' | 'key' | 'path' | 'kind' | 'track'> {
  return { id: r.id, title: r.title, title_en: r.title_en, key: r.key, path: r.path, kind: r.kind, ...(r.track ? { track: r.track } : {}) };
}

export class NotesIndex {
  private readonly records = new Map<string, NoteRecord>();
  private readonly normalized = new Map<string, string>();
  private problemList: NoteProblem[] = [];
  private parseProblems = new Map<string, NoteProblem[]>();

  private loaded: MiniSearch<IndexedDoc> | undefined;
  /** The serialized MiniSearch index, until the first search needs it (see load()). */
  private pending: string | undefined;
  /** The renderings' index (bundled notes), and its serialized form until a search needs it. */
  private renderedLoaded: MiniSearch<RenderedDoc> | undefined;
  private renderedPending: string | undefined;

  private constructor(mini: MiniSearch<IndexedDoc> | string, rendered?: MiniSearch<RenderedDoc> | string) {
    if (typeof mini === 'string') this.pending = mini;
    else this.loaded = mini;
    if (typeof rendered === 'string') this.renderedPending = rendered;
    else this.renderedLoaded = rendered;
  }

  private get mini(): MiniSearch<IndexedDoc> {
    if (!this.loaded) {
      this.loaded = decodeIndex(this.pending as string, miniSearchOptions());
      this.pending = undefined;
    }
    return this.loaded;
  }

  /**
   * The renderings' index: loaded when it was serialized, else built from the records' renderings
   * (the bundled notes ship their renderings' text, not a second copy of it as an index).
   */
  private get rendered(): MiniSearch<RenderedDoc> {
    if (!this.renderedLoaded) {
      if (this.renderedPending !== undefined) this.renderedLoaded = MiniSearch.loadJSON(this.renderedPending, renderedOptions());
      else {
        this.renderedLoaded = new MiniSearch(renderedOptions());
        this.renderedLoaded.addAll(this.renderedDocs());
      }
      this.renderedPending = undefined;
    }
    return this.renderedLoaded;
  }

  private renderedDocs(): RenderedDoc[] {
    const docs: RenderedDoc[] = [];
    for (const r of this.records.values()) {
      const doc = toRenderedDoc(r);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /**
   * Load the search index now (MiniSearch loadJSON), rather than on the first search. The index of
   * the bundled notes' renderings follows in the background (a search that comes first loads it).
   */
  prepareSearch(): void {
    void this.mini;
    if (this.renderedLoaded || !this.hasRenderings()) return;
    // after the current task, a few notes at a time (a search that comes first builds it at once)
    setTimeout(() => {
      if (this.renderedLoaded) return;
      if (this.renderedPending !== undefined) {
        void this.rendered;
        return;
      }
      const building = new MiniSearch(renderedOptions());
      void building.addAllAsync(this.renderedDocs(), { chunkSize: RENDERED_CHUNK }).then(() => {
        this.renderedLoaded ??= building;
      });
    }, 0);
  }

  private preparing: Promise<void> | undefined;

  /**
   * Load the search index in batches that leave the event loop free between them (MiniSearch
   * loadJSONAsync): for a large cached index, so that the editor never waits for it.
   */
  prepareSearchAsync(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.preparing ??= decodeIndexAsync(this.pending as string, miniSearchOptions()).then(mini => {
      if (!this.loaded) {
        this.loaded = mini;
        this.pending = undefined;
      }
      void this.rendered;
    });
    return this.preparing;
  }

  /** An index over any notes: bad notes are skipped or degraded and reported, never thrown. */
  static build(files: NoteFile[], options: { source?: 'bundled' | 'user' } = {}): NotesIndex {
    const index = new NotesIndex(new MiniSearch(miniSearchOptions()), new MiniSearch(renderedOptions()));
    const docs: IndexedDoc[] = [];
    const renderedDocs: RenderedDoc[] = [];
    for (const file of files) {
      const record = index.parseInto(file, options.source ?? 'user');
      if (!record) continue;
      docs.push(toDoc(record));
      const rendered = toRenderedDoc(record);
      if (rendered) renderedDocs.push(rendered);
    }
    addDocuments(index.mini, docs);
    addDocuments(index.rendered, renderedDocs);
    index.refreshProblems();
    return index;
  }

  /**
   * Load a serialized index (from `serialize()`): the notes are not parsed again. The notes are
   * ready at once; the MiniSearch index (MiniSearch.loadJSON) is loaded by the first search, or by
   * prepareSearch() — activation does not wait for it.
   */
  static load(serialized: string | SerializedIndex): NotesIndex {
    const data: SerializedIndex = typeof serialized === 'string' ? JSON.parse(serialized) : serialized;
    if (data.format !== INDEX_FORMAT) throw new Error(`notes index format ${data.format} is not ${INDEX_FORMAT}`);
    if (typeof data.index !== 'string') throw new Error('notes index has no search index');
    const index = new NotesIndex(data.index, typeof data.rendered === 'string' ? data.rendered : undefined);
    for (const r of data.notes) index.records.set(r.key, r);
    for (const p of data.problems ?? []) {
      const key = p.key ?? p.path;
      const list = index.parseProblems.get(key) ?? [];
      list.push(p);
      index.parseProblems.set(key, list);
    }
    index.refreshProblems();
    return index;
  }

  serialize(): SerializedIndex {
    return this.serializeWith(this.pending ?? encodeIndex(this.mini));
  }

  /** serialize(), the search index encoded in slices between which the event loop runs. */
  async serializeAsync(): Promise<SerializedIndex> {
    return this.serializeWith(this.pending ?? (await encodeIndexAsync(this.mini)));
  }

  private serializeWith(index: string): SerializedIndex {
    return {
      format: INDEX_FORMAT,
      notes: [...this.records.values()],
      problems: [...this.parseProblems.entries()].flatMap(([key, list]) => list.map(p => ({ ...p, key }))),
      index,
      ...(this.renderedPending !== undefined || this.renderedLoaded?.documentCount ? { rendered: this.renderedPending ?? JSON.stringify(this.rendered) } : {}),
    };
  }

  private parseInto(file: NoteFile, source: 'bundled' | 'user'): NoteRecord | undefined {
    const key = file.key ?? file.path;
    let result;
    try {
      result = parseNote(file, { source, key });
    } catch (e) {
      result = { problems: [{ path: file.path, severity: 'skipped' as const, reason: `it could not be read: ${String((e as Error)?.message ?? e)}` }] };
    }
    this.parseProblems.delete(key);
    if (result.problems.length) this.parseProblems.set(key, result.problems);
    if (!result.record) return undefined;
    this.records.set(result.record.key, result.record);
    this.normalized.delete(result.record.key);
    return result.record;
  }

  /** Add or replace one note (MiniSearch replace/add; no rebuild). Returns the record, if indexed. */
  upsert(file: NoteFile, source: 'bundled' | 'user' = 'user'): NoteRecord | undefined {
    this.upsertAll([file], source);
    return this.records.get(file.key ?? file.path);
  }

  /**
   * Add or replace many notes at once (as the indexing of a notes folder does): the same index as
   * upserting them one by one, built several times faster (indexCodec.ts, addDocuments).
   */
  upsertAll(files: Iterable<NoteFile>, source: 'bundled' | 'user' = 'user'): void {
    const docs: IndexedDoc[] = [];
    const renderedDocs: RenderedDoc[] = [];
    const added = new Set<string>();
    for (const file of files) {
      const key = file.key ?? file.path;
      if (added.has(key)) {
        // (the same key twice in one call: the last one wins, as with upsert)
        const at = docs.findIndex(d => d.key === key);
        if (at !== -1) docs.splice(at, 1);
        const r = renderedDocs.findIndex(d => d.key === key);
        if (r !== -1) renderedDocs.splice(r, 1);
      } else if (this.records.has(key)) {
        this.mini.discard(key);
        if (this.records.get(key)?.renderings && this.rendered.has(key)) this.rendered.discard(key);
      }
      this.records.delete(key);
      this.normalized.delete(key);
      added.add(key);
      const record = this.parseInto(file, source);
      if (!record) continue;
      docs.push(toDoc(record));
      const rendered = toRenderedDoc(record);
      if (rendered) renderedDocs.push(rendered);
    }
    addDocuments(this.mini, docs);
    if (renderedDocs.length) addDocuments(this.rendered, renderedDocs);
    this.anyRenderings = undefined;
    this.refreshProblems();
  }

  /** Report a problem with a note that could not even be read (kept until the key is upserted or removed). */
  report(key: string, problem: NoteProblem): void {
    this.parseProblems.set(key, [problem]);
    this.refreshProblems();
  }

  /** Keys of the notes from one source. */
  keys(source?: 'bundled' | 'user'): string[] {
    return [...this.records.values()].filter(r => !source || r.source === source).map(r => r.key);
  }

  /** Remove one note by key. */
  remove(key: string): boolean {
    this.parseProblems.delete(key);
    const hadRenderings = this.records.get(key)?.renderings !== undefined;
    const had = this.records.delete(key);
    this.normalized.delete(key);
    if (had) this.mini.discard(key);
    if (had && hadRenderings && this.rendered.has(key)) this.rendered.discard(key);
    this.refreshProblems();
    return had;
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /**
   * Duplicate ids are kept (keys differ) and reported when a note declares its id. An id taken
   * from the file name is not: the same file name in two folders is allowed (notes are keyed by path).
   */
  private refreshProblems(): void {
    this.problemsDirty = true;
  }

  private problemsDirty = true;

  /** (computed when asked for: an upsert of each of 10,000 notes must not walk them all each time) */
  private computeProblems(): void {
    if (!this.problemsDirty) return;
    this.problemsDirty = false;
    const byId = new Map<string, NoteRecord[]>();
    for (const r of this.records.values()) {
      if (r.id === fileStem(r.path)) continue;
      const list = byId.get(r.id) ?? [];
      list.push(r);
      byId.set(r.id, list);
    }
    const dup: NoteProblem[] = [];
    for (const [id, list] of byId) {
      if (list.length < 2) continue;
      for (const r of list.slice(1)) {
        dup.push({
          path: r.path,
          severity: 'degraded',
          reason: `its id "${id}" is also used by ${list[0].path}; both notes are kept and shown with their paths`,
        });
      }
    }
    this.problemList = [...[...this.parseProblems.values()].flat(), ...dup];
  }

  /** Notes that were skipped or degraded, with the reason. */
  problems(): NoteProblem[] {
    this.computeProblems();
    return [...this.problemList];
  }

  get size(): number {
    return this.records.size;
  }

  notes(): NoteSummary[] {
    return [...this.records.values()].map(summary);
  }

  /** The full record of a note by key (or by id when no key matches). */
  note(keyOrId: string): NoteRecord | undefined {
    const byKey = this.records.get(keyOrId);
    if (byKey) return byKey;
    for (const r of this.records.values()) if (r.id === keyOrId) return r;
    return undefined;
  }

  private readonly titles = new Map<string, string>();

  /** A note's title normalized, spaces collapsed (kept for the notes ranked lately, as their text). */
  private normalizedTitle(key: string): string | undefined {
    const r = this.records.get(key);
    if (!r) return undefined;
    let t = this.titles.get(key);
    if (t === undefined || this.titleSource.get(key) !== r.title) {
      t = normalize(r.title).trim().replace(/\s+/g, ' ');
      if (this.titles.size >= NORMALIZED_CACHE) {
        const oldest = this.titles.keys().next().value as string;
        this.titles.delete(oldest);
        this.titleSource.delete(oldest);
      }
      this.titles.set(key, t);
      this.titleSource.set(key, r.title);
    }
    return t;
  }

  private readonly titleSource = new Map<string, string>();

  /** A note's text, normalized (a bounded cache of the notes searched last). */
  normalizedText(r: NoteRecord): string {
    let n = this.normalized.get(r.key);
    if (n === undefined) {
      n = normalize(r.text);
      // a bounded cache (the notes searched last): 10,000 notes' text must not be held twice
      if (this.normalized.size >= NORMALIZED_CACHE) this.normalized.delete(this.normalized.keys().next().value as string);
      this.normalized.set(r.key, n);
    }
    return n;
  }

  /** Ranked hits for a query, best first. Never throws; an empty or blank query has no hits. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
    if (typeof query !== 'string' || !this.records.size) return [];
    const plan = planQuery(query, BOOST);
    if (!plan) return [];
    let results: SearchResult[];
    try {
      results = retrieve({ main: this.mini, rendered: this.hasRenderings() ? this.rendered : undefined }, plan);
    } catch {
      return [];
    }
    const places = new Map<string, ReturnType<NotesIndex['place']>>();
    const placeOf = (r: NoteRecord, res: SearchResult) => {
      let p = places.get(r.key);
      if (!p) places.set(r.key, (p = this.place(r, res, plan)));
      return p;
    };
    const large =
      this.mini.documentCount >= LARGE_INDEX
        ? { textOf: (key: string) => this.records.get(key)?.text, titleOf: (key: string) => this.records.get(key)?.title, normalizedTitleOf: (key: string) => this.normalizedTitle(key) }
        : undefined;
    results = rank(
      results,
      plan,
      res => {
        const r = this.records.get(res.id as string);
        if (!r) return undefined;
        return { texts: [this.normalizedText(r), ...renderingsOf(r).map(normalizedRendering)], covered: () => placeOf(r, res).at.covered };
      },
      large,
    );
    const hits: SearchHit[] = [];
    for (const res of results) {
      const r = this.records.get(res.id as string);
      if (!r) continue;
      const { at, matched } = placeOf(r, res);
      hits.push({ ...hitNote(r), score: res.score, ...placed(at), matched });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * Where a hit opens: the line that answers best in the original or in one of its renderings (the
   * original when they answer as well), and that line in the original. Only when no text holds a
   * matched word (the note matched on its metadata alone) does it open at the title.
   */
  private place(r: NoteRecord, res: SearchResult, plan: QueryPlan): { at: Located; matched: MatchedText } {
    const terms = matchedTerms(res.terms, plan);
    const title = titleLineOf(r);
    const own = locate({ text: r.text, norm: this.normalizedText(r), bodyLine: r.bodyLine }, terms, plan);
    let best: { rendering: Rendering; at: Located } | undefined;
    const located: { rendering?: Rendering; at: Located | undefined }[] = [{ at: own }];
    // (the renderings only when a term matched in them)
    const inRenderings = r.renderings !== undefined && Object.values(res.match).some(fields => fields.includes(RENDERED_FIELD));
    for (const rendering of inRenderings ? renderingsOf(r) : []) {
      // (a Chinese or Japanese rendering answers a query with Chinese or Japanese in it; the English one, one with Latin words)
      if (rendering.lang === 'en' ? !plan.terms.some(t => !isCjkTerm(t)) : !plan.terms.some(isCjkTerm)) continue;
      const titleLine = title === undefined ? undefined : renderedLine(r, rendering, title);
      const at = locate({ text: rendering.text, norm: normalizedRendering(rendering), bodyLine: rendering.bodyLine, titleLine }, terms, plan);
      located.push({ rendering, at });
      if (at && at.score > (best?.at.score ?? own?.score ?? 0) + 1e-9 && at.score > (own?.score ?? 0) * RENDERING_MARGIN) best = { rendering, at };
    }
    const chosen = best ? originalLine(r, best.rendering, best.at.line) : own?.line;
    let at = !best ? (own ?? titleLine(r)) : own && own.line === chosen ? own : alignedLine(r, best.rendering, best.at);
    // the line's coverage of the query, in the original and its renderings together
    if (chosen !== undefined && located.length > 1) {
      const covered = coveredAcross(plan, located.map(x => ({ at: x.at, line: x.rendering ? renderedLine(r, x.rendering, chosen) : chosen })));
      if (covered > at.covered) at = { ...at, covered };
    }
    if (!best) return { at, matched: { lang: 'original', ...placed(at) } };
    return { at, matched: { lang: best.rendering.lang, ...placed(best.at) } };
  }

  /** Whether the renderings' index has notes (without loading it when it is still serialized). */
  private hasRenderings(): boolean {
    if (this.renderedLoaded) return this.renderedLoaded.documentCount > 0;
    this.anyRenderings ??= this.renderedPending !== undefined || [...this.records.values()].some(r => r.renderings !== undefined);
    return this.anyRenderings;
  }

  /** Whether a note has renderings, until the renderings' index is there (see hasRenderings). */
  private anyRenderings: boolean | undefined;

  /** True when MiniSearch's internals that keep large indexes fast are available (checked by a test). */
  get tuned(): boolean {
    return vocabularyOf(this.mini) !== undefined;
  }

  /** The notes that mention a service (canonical name), with the line of the first mention. */
  mentionsOf(service: string): ServiceMentionInNote[] {
    const out: ServiceMentionInNote[] = [];
    for (const r of this.records.values()) {
      const line = r.mentions[service];
      if (line === undefined) continue;
      const text = lineText(r.text, line);
      const at = Math.max(0, normalize(text).indexOf(normalize(service.split(' ')[0])));
      out.push({ note: summary(r), line, snippet: makeSnippet(text, at, at, []).snippet });
    }
    return out;
  }

}


/** A located line as a hit's fields: line, column, length, snippet, highlights. */
function placed(at: Located): { line: number; column: number; length: number; snippet: string; highlights: [number, number][] } {
  const { snippet, highlights } = makeSnippet(at.lineText, at.from, at.to, at.ranges);
  return { line: at.line, column: at.from, length: at.to - at.from, snippet, highlights };
}

function summary(r: NoteRecord): NoteSummary {
  return {
    key: r.key,
    id: r.id,
    title: r.title,
    title_en: r.title_en,
    kind: r.kind,
    ...(r.track ? { track: r.track } : {}),
    services: [...r.services],
    tags: [...r.tags],
    path: r.path,
    source: r.source,
  };
}

export interface SerializedIndex {
  format: number;
  notes: NoteRecord[];
  problems?: NoteProblem[];
  index: string;
  /** The renderings' index (MiniSearch JSON), when some notes have renderings. */
  rendered?: string;
}
