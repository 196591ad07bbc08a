// The search index (MiniSearch) as text, in lines that load a slice at a time, and whose postings
// are read only when a search needs them.
//
// MiniSearch's own JSON is one object: loading it is one JSON.parse of tens of megabytes, then a Map
// per term and per field, for every term, before the first search. Here line 1 is the header
// (MiniSearch's JSON without its term index) and every further line one term: the term, a tab, then
// its postings as decimal numbers separated by commas: fieldId, count, doc, freq, doc, freq, …,
// fieldId, count, … (each document id given as its difference from the one before it). Loading
// puts each term into MiniSearch's term map (`_index`, a SearchableMap, which notesIndex.ts already
// relies on) with its postings still as text, in a Map that reads them on first use (LazyPostings):
// a search opens the few terms it looks at, and the rest of a 10,000-note index stays a slice of the
// cache's text. The async loader works in slices of SLICE_MS between which the event loop runs.
// MiniSearch's own JSON is still read.
import MiniSearch, { type Options } from 'minisearch';

const CODEC = 'ms-lines-2';
const SLICE_MS = 30;
/** How many lines the async loader and encoder handle between two looks at the clock. */
const LINES_PER_CHECK = 512;

type Postings = Map<number, Map<number, number>>;
interface Internals {
  _index: { set(term: string, data: Postings): unknown; [Symbol.iterator](): Iterator<[string, Postings]> };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

/**
 * A term's postings (field id → document id → frequency) that are read from their encoded text the
 * first time anything looks at them. It is a Map to whoever uses it (MiniSearch's search, add,
 * discard and vacuum only call Map's methods on it, and so do the search stages), but a small
 * object until then: a loaded index holds hundreds of thousands of them.
 */
export class LazyPostings implements Map<number, Map<number, number>> {
  /** The text the postings are in (the whole encoded index, shared), and where: [from, to). */
  private encoded: string | undefined;
  private from: number;
  private to: number;
  private map: Map<number, Map<number, number>> | undefined;

  constructor(encoded: string, from = 0, to = encoded.length) {
    this.encoded = encoded;
    this.from = from;
    this.to = to;
  }

  /** The encoded postings while nothing has opened them (encodeLines writes them back as they are). */
  get unopened(): string | undefined {
    return this.encoded?.slice(this.from, this.to);
  }

  private open(): Map<number, Map<number, number>> {
    if (this.map) return this.map;
    const map = new Map<number, Map<number, number>>();
    const text = this.encoded ?? '';
    const end = this.encoded === undefined ? 0 : this.to;
    this.encoded = undefined;
    this.map = map;
    // decimal numbers separated by commas, read in one pass
    let at = this.from;
    const next = (): number => {
      let n = 0;
      let c = text.charCodeAt(at);
      while (c >= 48 && c <= 57) {
        n = n * 10 + (c - 48);
        c = text.charCodeAt(++at);
      }
      at++;
      return n;
    };
    while (at < end) {
      const fieldId = next();
      const count = next();
      const docs = new Map<number, number>();
      let id = 0;
      for (let k = 0; k < count; k++) {
        id += next();
        docs.set(id, next());
      }
      map.set(fieldId, docs);
    }
    return map;
  }

  get size(): number {
    return this.open().size;
  }
  get(key: number): Map<number, number> | undefined {
    return this.open().get(key);
  }
  has(key: number): boolean {
    return this.open().has(key);
  }
  set(key: number, value: Map<number, number>): this {
    this.open().set(key, value);
    return this;
  }
  delete(key: number): boolean {
    return this.open().delete(key);
  }
  clear(): void {
    this.open().clear();
  }
  forEach(fn: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    this.open().forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  keys(): MapIterator<number> {
    return this.open().keys();
  }
  values(): MapIterator<Map<number, number>> {
    return this.open().values();
  }
  entries(): MapIterator<[number, Map<number, number>]> {
    return this.open().entries();
  }
  [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.open().entries();
  }
  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}

/** MiniSearch's toJSON() without the term index (which toJSON would convert whole, for nothing). */
function header(m: Internals): string {
  return JSON.stringify({
    codec: CODEC,
    documentCount: m._documentCount,
    nextId: m._nextId,
    documentIds: Object.fromEntries(m._documentIds),
    fieldIds: m._fieldIds,
    fieldLength: Object.fromEntries(m._fieldLength),
    averageFieldLength: m._avgFieldLength,
    storedFields: Object.fromEntries(m._storedFields),
    dirtCount: m._dirtCount,
    index: [],
    serializationVersion: 2,
  });
}

/** The index as lines. */
export function encodeIndex(mini: MiniSearch<any>): string {
  const it = encodeLines(mini);
  const lines: string[] = [];
  for (let r = it.next(); !r.done; r = it.next()) lines.push(r.value);
  return lines.join('\n');
}

/** The same, a 30 ms slice at a time (the extension saves its cache while the editor goes on). */
export async function encodeIndexAsync(mini: MiniSearch<any>): Promise<string> {
  const lines: string[] = [];
  let slice = Date.now();
  for (const line of encodeLines(mini)) {
    lines.push(line);
    if (lines.length % LINES_PER_CHECK === 0 && Date.now() - slice > SLICE_MS) {
      await pause();
      slice = Date.now();
    }
  }
  return lines.join('\n');
}

/** A term as the first field of a line: as it is, or as a JSON string when it could be taken for a separator. */
function termField(term: string): string {
  return term.includes('\t') || term.includes('\n') || term.startsWith('"') ? JSON.stringify(term) : term;
}

function* encodeLines(mini: MiniSearch<any>): Generator<string> {
  const internals = mini as unknown as Internals;
  yield header(internals);
  for (const [term, fields] of internals._index) {
    const unopened = fields instanceof LazyPostings ? fields.unopened : undefined;
    if (unopened !== undefined) {
      yield `${termField(term)}\t${unopened}`;
      continue;
    }
    const numbers: number[] = [];
    for (const [fieldId, docs] of fields) {
      // (in the map's own order, so that a loaded index scores ties as the built one does)
      numbers.push(fieldId, docs.size);
      let last = 0;
      for (const [id, freq] of docs) {
        numbers.push(id - last, freq);
        last = id;
      }
    }
    yield `${termField(term)}\t${numbers.join(',')}`;
  }
}

export function isEncodedIndex(text: string): boolean {
  return text.startsWith(`{"codec":"${CODEC}"`);
}

function addLine(map: Internals['_index'], text: string, from: number, to: number): void {
  const tab = text.indexOf('\t', from);
  if (tab === -1 || tab > to) return;
  const term = text.charCodeAt(from) === 34 ? (JSON.parse(text.slice(from, tab)) as string) : text.slice(from, tab);
  map.set(term, new LazyPostings(text, tab + 1, to));
}

function start<T>(text: string, options: Options<T>): { mini: MiniSearch<T>; rest: number } {
  let nl = text.indexOf('\n');
  if (nl === -1) nl = text.length;
  const { codec: _c, ...header } = JSON.parse(text.slice(0, nl));
  return { mini: MiniSearch.loadJS(header, options), rest: nl + 1 };
}

/** The index back, all at once (MiniSearch's own JSON too). */
export function decodeIndex<T>(text: string, options: Options<T>): MiniSearch<T> {
  if (!isEncodedIndex(text)) return MiniSearch.loadJSON(text, options);
  const { mini, rest } = start(text, options);
  const map = (mini as unknown as Internals)._index;
  for (let at = rest; at < text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    if (nl > at) addLine(map, text, at, nl);
    at = nl + 1;
  }
  return mini;
}

const pause = (): Promise<void> => new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** The index back in slices of SLICE_MS, the event loop running between them. */
export async function decodeIndexAsync<T>(text: string, options: Options<T>): Promise<MiniSearch<T>> {
  if (!isEncodedIndex(text)) return MiniSearch.loadJSONAsync(text, options);
  const { mini, rest } = start(text, options);
  const map = (mini as unknown as Internals)._index;
  let slice = Date.now();
  let lines = 0;
  for (let at = rest; at < text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    if (nl > at) addLine(map, text, at, nl);
    at = nl + 1;
    if (++lines % LINES_PER_CHECK === 0 && Date.now() - slice > SLICE_MS) {
      await pause();
      slice = Date.now();
    }
  }
  return mini;
}

interface Builder<T> {
  _options: Required<Pick<Options<T>, 'fields' | 'idField' | 'extractField' | 'stringifyField' | 'tokenize' | 'processTerm'>>;
  _idToShortId: Map<unknown, number>;
  addDocumentId(id: unknown): number;
  saveStoredFields(shortId: number, doc: T): void;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
  _index: Internals['_index'] & { get(term: string): Postings | undefined };
}

/**
 * Add many documents at once: what MiniSearch's addAll does, with the same tokenizer, field lengths
 * and postings (the index it leaves is the one addAll would leave, term for term and in the same
 * order), but the postings are gathered in a hash map and each distinct term is written into
 * MiniSearch's radix tree once, instead of one tree lookup per word of every note. Building 5,000
 * CJK notes spends most of its time in those lookups.
 */
export function addDocuments<T>(mini: MiniSearch<T>, docs: Iterable<T>): void {
  const m = mini as unknown as Builder<T> & Internals;
  const { fields, idField, extractField, stringifyField, tokenize, processTerm } = m._options;
  const gathered = new Map<string, Postings>();
  const post = (term: string, fieldId: number, shortId: number) => {
    let data = gathered.get(term);
    if (data === undefined) gathered.set(term, (data = new Map()));
    const docsOf = data.get(fieldId);
    if (docsOf === undefined) data.set(fieldId, new Map([[shortId, 1]]));
    else docsOf.set(shortId, (docsOf.get(shortId) ?? 0) + 1);
  };
  for (const doc of docs) {
    const id = extractField(doc, idField);
    if (id == null) throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
    if (m._idToShortId.has(id)) throw new Error(`MiniSearch: duplicate ID ${id}`);
    const shortId = m.addDocumentId(id);
    m.saveStoredFields(shortId, doc);
    for (const field of fields) {
      const value = extractField(doc, field);
      if (value == null) continue;
      const tokens = tokenize(stringifyField(value, field), field);
      const fieldId = m._fieldIds[field];
      m.addFieldLength(shortId, fieldId, m._documentCount - 1, new Set(tokens).size);
      for (const token of tokens) {
        const processed = processTerm(token, field);
        if (Array.isArray(processed)) for (const t of processed) post(t, fieldId, shortId);
        else if (processed) post(processed, fieldId, shortId);
      }
    }
  }
  for (const [term, data] of gathered) {
    const existing = m._index.get(term);
    if (existing === undefined) {
      m._index.set(term, data);
      continue;
    }
    // (terms the index had already, as when notes are added to a loaded index)
    for (const [fieldId, docsOf] of data) {
      const have = existing.get(fieldId);
      if (have === undefined) existing.set(fieldId, docsOf);
      else for (const [id, freq] of docsOf) have.set(id, freq);
    }
  }
}
