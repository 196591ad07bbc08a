// The notes index: MiniSearch over the notes' fields, plus what a hit needs to open the note at the
// right place (line, column, matched length, snippet).
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { WORD, normalize, unitKind } from './normalize';
import { MAX_TERM_LENGTH, STOPWORDS, indexTerms, isCjkTerm } from './tokenizer';
import { fromStored, isStoredCjk, storedLength, toStored } from './indexTerms';
import { type QueryPlan, classifyTerm, planQuery, storedQuery } from './query';
import type { RenderingLang } from './renderings';
import { decodeIndex, decodeIndexAsync, encodeIndex, encodeIndexAsync } from './indexCodec';
import { type NoteFile, type NoteKind, type NoteProblem, type NoteRecord, fileStem, lineOfOffset, lineText, offsetOfLine, parseNote } from './notes';
export { offsetOfLine } from './notes';

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

const FIELDS = ['id', 'title', 'title_en', 'services', 'tags', 'track', 'headings', 'body'] as const;
const BOOST: Record<string, number> = { id: 3, title: 3, title_en: 3, services: 2.5, tags: 2, track: 1.5, headings: 1.5, body: 1 };
/** From this many notes on, words in more than COMMON_SHARE of them are left out of queries with rarer words. */
const COMMON_MIN_NOTES = 500;
const COMMON_SHARE = 0.2;
const VERY_COMMON_SHARE = 0.5;
/** A prefix whose words hold more postings than this share of the notes looks in titles, services, tags and headings. */
const PREFIX_POSTINGS_SHARE = 0.5;
/** The matched terms (strongest first) the line finder looks for. */
const LOCATE_TERMS = 16;
/** How many of the best results the phrase bonus looks at, and what it multiplies their score by. */
const PHRASE_CANDIDATES = 40;
const PHRASE_BONUS = 2;
/** The group of the whole query found as written. */
const PHRASE = '\u0000phrase';
const SNIPPET_CHARS = 120;
export const INDEX_FORMAT = 2;
/** How many notes' normalized text is kept for the next searches. */
const NORMALIZED_CACHE = 1000;

interface IndexedDoc {
  key: string;
  id: string;
  title: string;
  title_en: string;
  services: string;
  tags: string;
  track: string;
  headings: string;
  body: string;
}

function toDoc(r: NoteRecord): IndexedDoc {
  const bodyStart = offsetOfLine(r.text, r.bodyLine);
  return {
    key: r.key,
    id: r.id,
    title: r.title,
    title_en: r.title_en,
    services: r.services.join(' \n '),
    tags: r.tags.join(' \n '),
    track: [r.track ?? '', r.kind].join(' '),
    headings: r.headings.map(h => h.text).join(' \n '),
    body: r.text.slice(bodyStart),
  };
}

/** Where a one-letter query, or the prefix of one CJK character, looks: typing starts cheap. */
const SHORT_QUERY_FIELDS = ['id', 'title', 'title_en', 'headings'];

/** The fields that are the note's own words (not its metadata): a word found there is no typo. */
const TEXT_FIELDS = new Set(['body', 'title', 'title_en', 'headings']);

/** A term's postings in MiniSearch's term map: field id → document id → frequency. */
type Postings = Map<number, Map<number, number>>;

/** The words of an exact alternative query (as stored in the index). */
function queryWords(q: Query): string[] {
  if (typeof q === 'string') return q.split(' ');
  return typeof q === 'object' && 'queries' in q ? q.queries.flatMap(queryWords) : [];
}

/** The typo pass's results added to the first pass's (MiniSearch's OR): scores add up, terms merge. */
function mergeResults(first: SearchResult[], typos: SearchResult[]): SearchResult[] {
  if (!typos.length) return first;
  const extra = new Map<unknown, SearchResult>(typos.map(r => [r.id, r]));
  for (const have of first) {
    const r = extra.get(have.id);
    if (!r) continue;
    extra.delete(have.id);
    have.score += r.score;
    for (const [term, fields] of Object.entries(r.match)) have.match[term] = [...new Set([...(have.match[term] ?? []), ...fields])];
    have.terms = Object.keys(have.match);
    have.queryTerms = [...new Set([...have.queryTerms, ...r.queryTerms])];
  }
  return [...first, ...extra.values()].sort((x, y) => y.score - x.score);
}

/** Typo tolerance of a Latin term: none below five letters, one edit, two from seven ("cogntio"). */
function typoDistance(term: string): number {
  return isStoredCjk(term) || term.length < 5 || /\d/.test(term) ? 0 : term.length >= 7 ? 2 : 1;
}

/** The MiniSearch options, the same when the index is built and when it is loaded. */
export function miniSearchOptions(): Options<IndexedDoc> {
  return {
    idField: 'key',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: text => indexTerms(text).map(t => toStored(t, isCjkTerm(t))),
    processTerm: term => term,
    searchOptions: {
      boost: BOOST,
      combineWith: 'OR',
      tokenize: text => text.split(' '),
      processTerm: term => term,
      // CJK: a lone character finds the bigrams it starts; bigrams match exactly. Latin: the word
      // being typed (the last, see runQuery) is a prefix from three letters on; two-letter prefixes
      // expand to hundreds of terms. Typos: a second pass.
      prefix: term => (isStoredCjk(term) ? storedLength(term) === 1 : term.length >= 3),
      fuzzy: false,
      maxFuzzy: 2,
      weights: { fuzzy: 0.45, prefix: 0.4 },
    },
  };
}

function isWordUnit(c: number): boolean {
  return unitKind(c) === WORD;
}

/** Strip Markdown block markers and cut a long line around [from, to). */
export function makeSnippet(line: string, from: number, to: number, ranges: [number, number][]): { snippet: string; highlights: [number, number][] } {
  let start = 0;
  let end = line.length;
  const marker = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)*/.exec(line);
  if (marker && marker[0].length <= from) start = marker[0].length;
  while (end > start && /\s/.test(line[end - 1])) end--;
  let prefix = '';
  let suffix = '';
  if (end - start > SNIPPET_CHARS) {
    const before = 30;
    let s = Math.max(start, Math.min(from - before, end - SNIPPET_CHARS));
    let e = Math.min(end, s + SNIPPET_CHARS);
    if (to > e && to - from < SNIPPET_CHARS) {
      e = Math.min(end, to + 10);
      s = Math.max(start, e - SNIPPET_CHARS);
    }
    if (s > start) prefix = '…';
    if (e < end) suffix = '…';
    start = s;
    end = e;
  }
  // never cut a surrogate pair in half
  if (start > 0 && line.charCodeAt(start) >= 0xdc00 && line.charCodeAt(start) <= 0xdfff) start++;
  if (end < line.length && line.charCodeAt(end - 1) >= 0xd800 && line.charCodeAt(end - 1) <= 0xdbff) end--;
  const snippet = prefix + line.slice(start, end) + suffix;
  const highlights: [number, number][] = [];
  for (const [a, b] of ranges) {
    const hs = Math.max(a, start) - start + prefix.length;
    const he = Math.min(b, end) - start + prefix.length;
    if (he > hs) highlights.push([hs, he]);
  }
  return { snippet, highlights };
}

interface Occurrence {
  start: number;
  end: number;
  /** The query term (or alternative) it stands for. */
  group: string;
  weight: number;
}

/** Abbreviations in a line count a little: "creds" for "credentials", "repl" for "replication". */
function abbreviationBonus(line: string, plan: QueryPlan, found: Map<string, number>): number {
  let bonus = 0;
  const words = line.match(/[a-z][a-z0-9]{3,}/g);
  if (!words) return 0;
  for (const q of plan.terms) {
    if (found.has(q) || q.length < 5 || STOPWORDS.has(q)) continue;
    if (words.some(w => w.length < q.length && q.startsWith(w.slice(0, 4)) && w.slice(0, 4) === q.slice(0, 4))) bonus += 0.3;
  }
  return bonus;
}

interface Located {
  line: number;
  column: number;
  length: number;
  snippet: string;
  highlights: [number, number][];
}

export class NotesIndex {
  private readonly records = new Map<string, NoteRecord>();
  private readonly normalized = new Map<string, string>();
  private problemList: NoteProblem[] = [];
  private parseProblems = new Map<string, NoteProblem[]>();

  private loaded: MiniSearch<IndexedDoc> | undefined;
  /** The serialized MiniSearch index, until the first search needs it (see load()). */
  private pending: string | undefined;

  private constructor(mini: MiniSearch<IndexedDoc> | string) {
    if (typeof mini === 'string') this.pending = mini;
    else this.loaded = mini;
  }

  private get mini(): MiniSearch<IndexedDoc> {
    if (!this.loaded) {
      this.loaded = decodeIndex(this.pending as string, miniSearchOptions());
      this.pending = undefined;
    }
    return this.loaded;
  }


  /** Load the search index now (MiniSearch loadJSON), rather than on the first search. */
  prepareSearch(): void {
    void this.mini;
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
    });
    return this.preparing;
  }

  /** An index over any notes: bad notes are skipped or degraded and reported, never thrown. */
  static build(files: NoteFile[], options: { source?: 'bundled' | 'user' } = {}): NotesIndex {
    const index = new NotesIndex(new MiniSearch(miniSearchOptions()));
    const docs: IndexedDoc[] = [];
    for (const file of files) {
      const record = index.parseInto(file, options.source ?? 'user');
      if (record) docs.push(toDoc(record));
    }
    index.mini.addAll(docs);
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
    const index = new NotesIndex(data.index);
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
    const key = file.key ?? file.path;
    if (this.records.has(key)) {
      this.mini.discard(key);
      this.records.delete(key);
      this.normalized.delete(key);
    }
    const record = this.parseInto(file, source);
    if (record) this.mini.add(toDoc(record));
    this.refreshProblems();
    return record;
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
    const had = this.records.delete(key);
    this.normalized.delete(key);
    if (had) this.mini.discard(key);
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

  private normalizedText(r: NoteRecord): string {
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
      results = this.runQuery(plan);
    } catch {
      return [];
    }
    // phrase bonus: the notes that hold the query as written come first among close scores
    if (plan.phrase) {
      const top = results.slice(0, PHRASE_CANDIDATES);
      for (const res of top) {
        const r = this.records.get(res.id as string);
        if (r && this.normalizedText(r).includes(plan.phrase)) res.score *= PHRASE_BONUS;
      }
      top.sort((a, b) => b.score - a.score);
      results = [...top, ...results.slice(PHRASE_CANDIDATES)];
    }
    const hits: SearchHit[] = [];
    for (const res of results) {
      const r = this.records.get(res.id as string);
      if (!r) continue;
      const at = this.locate(r, res.terms, plan);
      hits.push({
        id: r.id,
        title: r.title,
        title_en: r.title_en,
        key: r.key,
        path: r.path,
        kind: r.kind,
        ...(r.track ? { track: r.track } : {}),
        score: res.score,
        ...at,
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * The ranked MiniSearch results of a plan. The first keystrokes stay cheap: one letter matches
   * titles and headings, two letters match exactly, one CJK character is a prefix in titles and
   * headings. Typo
   * tolerance is a second, fuzzy-only pass for the words of five letters or more that no note found
   * by the first pass holds in its text (body, titles, headings: a word only in the metadata, such
   * as "graviton" beside a note's "gravition", is looked for as a typo too); its results are added
   * to the first pass's.
   * Fuzzy matching walks the whole vocabulary, and most queries have no typo.
   */
  private runQuery(plan: QueryPlan): SearchResult[] {
    const [only] = plan.terms;
    if (plan.terms.length === 1) {
      const q = storedQuery([only]);
      if (isCjkTerm(only) && [...only].length === 1) {
        // a common character (的, の) opens onto thousands of notes: then only where it ends a run
        return this.mini.search(q, { fields: SHORT_QUERY_FIELDS, prefix: this.prefixPostings(q) <= PREFIX_POSTINGS_SHARE * this.mini.documentCount });
      }
      if (!isCjkTerm(only) && only.length === 1) return this.mini.search(q, { fields: SHORT_QUERY_FIELDS });
      if (!isCjkTerm(only) && only.length === 2) return this.mini.search(q);
    }
    const results = this.mini.search(this.mainQuery(plan));
    // (a word in many notes is no typo, even when mainQuery left it out)
    const candidates = plan.terms.filter(t => typoDistance(t) > 0 && !plan.common.has(t));
    if (!candidates.length) return results;
    const inText = new Set<string>();
    const anywhere = new Set<string>();
    for (const res of results) {
      for (const [term, fields] of Object.entries(res.match)) {
        anywhere.add(term);
        if (fields.some(f => TEXT_FIELDS.has(f))) inText.add(term);
      }
    }
    const last = plan.terms[plan.terms.length - 1];
    const typos = candidates.filter(
      t =>
        !inText.has(t) &&
        ![...inText].some(d => d.startsWith(t)) &&
        // the word being typed is no typo while it starts words the notes have
        !(plan.lastIsPrefix && t === last && [...anywhere].some(d => d.length > t.length && d.startsWith(t))),
    );
    if (!typos.length) return results;
    const fuzzy = this.mini.search(typos.join(' '), { prefix: false, fuzzy: term => typoDistance(term) });
    return mergeResults(results, fuzzy);
  }

  /**
   * The query's own terms and the alternatives. Words followed by a space are complete: only the
   * last one, while it is typed, is a prefix. In a large index (COMMON_MIN_NOTES) three things stay
   * cheap: words found in more than COMMON_SHARE of the notes (they rank almost nothing, yet scoring
   * them walks most of the index) are left out when the query has rarer words, and only the rarest
   * is kept when all its words are common (the phrase bonus still ranks notes holding the whole
   * query), and a query of words found in most notes looks only in titles, services, tags and
   * headings; alternatives with a common word are
   * left out; and a prefix that opens onto many words (the word being typed, a lone CJK character)
   * looks for them in titles, services, tags and headings only.
   */
  private mainQuery(plan: QueryPlan): Query {
    let terms = plan.terms;
    let onlyCommon = false;
    let isCommon = (_term: string) => false;
    let commonStored: ((storedTerm: string) => boolean) | undefined;
    let fanOut = (_stored: string) => 0;
    let total = 0;
    const vocabulary = this.vocabulary();
    const last = terms[terms.length - 1];
    const typing = plan.lastIsPrefix && !isCjkTerm(last) && last.length >= 3;
    if (vocabulary && this.mini.documentCount >= COMMON_MIN_NOTES) {
      total = this.mini.documentCount;
      const storedDf = (stored: string) => {
        let most = 0;
        for (const postings of vocabulary.get(stored)?.values() ?? []) most = Math.max(most, postings.size);
        return most;
      };
      fanOut = stored => this.prefixPostings(stored);
      const freq = new Map(terms.map(t => [t, storedDf(toStored(t, isCjkTerm(t)))]));
      isCommon = t => (freq.get(t) ?? 0) > COMMON_SHARE * total;
      const inMost = (t: string) => (freq.get(t) ?? 0) > VERY_COMMON_SHARE * total;
      commonStored = stored => storedDf(stored) > COMMON_SHARE * total;
      // anchors: words the index has, in few notes (or the word being typed, when it starts words
      // the index has); words it lacks may be prefixes or typos and stay
      const anchors = terms.filter(t => ((freq.get(t) as number) > 0 && !isCommon(t)) || (typing && t === last && !inMost(t) && fanOut(toStored(last, false)) > 0));
      if (anchors.length) terms = terms.filter(t => !isCommon(t) || (typing && t === last && !inMost(t)));
      else if (terms.length > 1 && terms.every(isCommon)) terms = [terms.reduce((a, b) => ((freq.get(a) as number) <= (freq.get(b) as number) ? a : b))];
      else if (terms.some(t => !inMost(t))) terms = terms.filter(t => !inMost(t)); // "aws c": the word in most notes tells nothing
      // only words in most notes: look in titles, services, tags and headings
      onlyCommon = terms.every(inMost);
      for (const t of plan.terms) if (isCommon(t)) plan.common.add(t);
    }
    // prefixes: a lone CJK character, and the Latin word being typed from three letters on; a
    // prefix (or a typed word that is itself common) opening onto too many postings is looked for
    // in titles, services, tags and headings only
    const stored = terms.map(t => toStored(t, isCjkTerm(t)));
    const prefixed = new Set(stored.filter((t, i) => (isStoredCjk(t) ? storedLength(t) === 1 : typing && i === stored.length - 1)));
    const narrow = [...prefixed].filter(t => fanOut(t) > PREFIX_POSTINGS_SHARE * total || (!isStoredCjk(t) && isCommon(t)));
    const everywhere = stored.filter(t => !narrow.includes(t));
    const own: Query[] = [];
    if (everywhere.length) {
      own.push({ queries: [everywhere.join(' ')], prefix: (term: string) => prefixed.has(term), ...(onlyCommon ? { fields: SHORT_QUERY_FIELDS } : {}) });
    }
    if (narrow.length) own.push({ queries: [narrow.join(' ')], prefix: true, fields: SHORT_QUERY_FIELDS });
    // alternatives are exact AND queries: one with a common word would score most of the index
    const alternatives = commonStored ? plan.alternativeQueries.filter(q => !queryWords(q).some(commonStored)) : plan.alternativeQueries;
    return { combineWith: 'OR', queries: [...own, ...alternatives] };
  }

  /** How many postings a prefix opens onto (what scoring it costs); 0 for a small index. */
  private prefixPostings(stored: string): number {
    const vocabulary = this.vocabulary();
    const total = this.mini.documentCount;
    if (!vocabulary || total < COMMON_MIN_NOTES) return 0;
    let postings = 0;
    let terms = 0;
    for (const [, data] of vocabulary.atPrefix(stored)) {
      for (const p of data.values()) postings += p.size;
      if (postings > PREFIX_POSTINGS_SHARE * total || ++terms > 1000) return Infinity;
    }
    return postings;
  }

  /**
   * MiniSearch's term map (an internal it does not document): document frequencies and prefix
   * fan-out for mainQuery. Without it the search is the same, only slower on large indexes.
   */
  private vocabulary(): { get(term: string): Postings | undefined; atPrefix(prefix: string): Iterable<[string, Postings]> } | undefined {
    const map = (this.mini as unknown as { _index?: unknown })._index as
      | { get?: unknown; atPrefix?: unknown }
      | undefined;
    return map && typeof map.get === 'function' && typeof map.atPrefix === 'function' ? (map as ReturnType<NotesIndex['vocabulary']>) : undefined;
  }

  /** True when MiniSearch's internals that keep large indexes fast are available (checked by a test). */
  get tuned(): boolean {
    return this.vocabulary() !== undefined;
  }

  /**
   * Where in the note the matched terms stand best. Each query term counts once per line, weighted
   * by how it matched (exact > another name > prefix > typo), by how rare it is in the note, and
   * less for function words; a line holding the whole phrase wins.
   */
  locate(r: NoteRecord, storedTerms: string[], plan?: QueryPlan): Located {
    const norm = this.normalizedText(r);
    // the strongest matches first; a prefix of a common word can expand to dozens of terms
    const matched = storedTerms
      .map(fromStored)
      .map(term => ({ term, ...(plan ? classifyTerm(term, plan) : { group: term, weight: 1 }) }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, LOCATE_TERMS);
    const bodyStart = offsetOfLine(r.text, r.bodyLine);
    const occurrences: Occurrence[] = [];
    for (const { term, group, weight } of matched) {
      const cjk = isCjkTerm(term);
      let from = bodyStart;
      let seen = 0;
      while (seen < 200) {
        const at = norm.indexOf(term, from);
        if (at === -1) break;
        from = at + 1;
        const end = at + term.length;
        if (!cjk) {
          if (at > 0 && isWordUnit(norm.charCodeAt(at - 1))) continue;
          if (term.length < MAX_TERM_LENGTH && end < norm.length && isWordUnit(norm.charCodeAt(end))) continue;
        }
        occurrences.push({ start: at, end, group, weight: STOPWORDS.has(group) ? weight * 0.2 : weight });
        seen++;
      }
    }
    // the phrases: the whole query, and the other names whose words this note matched
    const words = new Set(matched.map(m => m.term));
    const phrases = plan ? plan.alternativePhrases.filter(p => p.words.every(w => words.has(w))) : [];
    if (plan?.phrase) phrases.push({ phrase: plan.phrase, words: [], group: PHRASE, weight: 3 });
    for (const { phrase, group, weight } of phrases) {
      for (let at = norm.indexOf(phrase, bodyStart), n = 0; at !== -1 && n < 50; at = norm.indexOf(phrase, at + 1), n++) {
        const end = at + phrase.length;
        if (!isCjkTerm(phrase) && ((at > 0 && isWordUnit(norm.charCodeAt(at - 1))) || (end < norm.length && isWordUnit(norm.charCodeAt(end))))) continue;
        occurrences.push({ start: at, end, group, weight });
      }
    }
    if (!occurrences.length) {
      const h1 = r.headings.find(h => h.level === 1);
      const line = h1?.line ?? r.bodyLine;
      const { snippet } = makeSnippet(lineText(r.text, line), 0, 0, []);
      return { line, column: 0, length: 0, snippet, highlights: [] };
    }
    occurrences.sort((a, b) => a.start - b.start || b.end - a.end);
    // group the occurrences by line
    const lines: { ls: number; le: number; occ: Occurrence[] }[] = [];
    for (let i = 0; i < occurrences.length; ) {
      const ls = norm.lastIndexOf('\n', occurrences[i].start - 1) + 1;
      let le = norm.indexOf('\n', occurrences[i].start);
      if (le === -1) le = norm.length;
      const occ: Occurrence[] = [];
      while (i < occurrences.length && occurrences[i].start < le) occ.push(occurrences[i++]);
      lines.push({ ls, le, occ });
    }
    // rarity: a term on every line tells less than one on a single line
    const linesWith = new Map<string, number>();
    for (const l of lines) for (const g of new Set(l.occ.map(o => o.group))) linesWith.set(g, (linesWith.get(g) ?? 0) + 1);
    const scored = lines.map(l => {
      const byGroup = new Map<string, number>();
      for (const o of l.occ) byGroup.set(o.group, Math.max(byGroup.get(o.group) ?? 0, o.weight));
      let score = 0;
      // (the whole query, or another name of a service it names, counts in full wherever it stands)
      for (const [g, w] of byGroup) score += g === PHRASE || g.startsWith('service:') ? w : w / (1 + Math.log(linesWith.get(g) ?? 1));
      return { line: l, byGroup, score };
    });
    // abbreviations break near ties only: look at the lines they could lift to the top
    const topScore = Math.max(...scored.map(x => x.score));
    const reach = plan ? 0.3 * plan.terms.length : 0;
    let best = lines[0];
    let bestScore = -1;
    for (const x of scored) {
      const score = plan && x.score + reach >= topScore ? x.score + abbreviationBonus(norm.slice(x.line.ls, x.line.le), plan, x.byGroup) : x.score;
      if (score > bestScore + 1e-9) {
        best = x.line;
        bestScore = score;
      }
    }
    const { ls, occ } = best;
    let le = best.le;
    if (le > ls && r.text.charCodeAt(le - 1) === 13) le--;
    // the selection: the phrase, else the strongest first occurrence extended over the ones that follow it closely
    const phrase = occ.find(o => o.group === PHRASE);
    const top = Math.max(...occ.map(o => o.weight));
    const first = phrase ?? occ.find(o => o.weight === top) ?? occ[0];
    let from = first.start;
    let to = first.end;
    for (const o of occ) {
      if (o.start < from) continue;
      if (o.start <= to + 2 && o.end > to) to = o.end;
      else if (o.start > to + 2) break;
    }
    const line = lineOfOffset(r.text, ls);
    const ranges: [number, number][] = [];
    for (const o of occ) {
      if (o.group === PHRASE) continue;
      const last = ranges[ranges.length - 1];
      if (last && o.start - ls <= last[1]) last[1] = Math.max(last[1], o.end - ls);
      else ranges.push([o.start - ls, o.end - ls]);
    }
    const { snippet, highlights } = makeSnippet(r.text.slice(ls, le), from - ls, to - ls, ranges);
    return { line, column: from - ls, length: to - from, snippet, highlights };
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
}
