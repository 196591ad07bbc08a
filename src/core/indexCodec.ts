// The search index (MiniSearch) as text, in lines that load a slice at a time.
//
// MiniSearch's own JSON is one object: loading it is one JSON.parse of tens of megabytes, then
// loadJSAsync, which awaits once per posting list (seconds for 10,000 notes). Here line 1 is the
// header (MiniSearch's JSON without its term index) and every further line a chunk of terms, each
// term one flat array: [term, fieldId, count, doc, freq, doc, freq, …, fieldId, count, …], each
// document id given as its difference from the one before it. The async loader parses lines until a slice of
// SLICE_MS is used up, then lets the event loop run. It reads MiniSearch's term map (`_index`, a
// SearchableMap), which notesIndex.ts already relies on; MiniSearch's own JSON is still read.
import MiniSearch, { type Options } from 'minisearch';

const CODEC = 'ms-lines-1';
const TERMS_PER_LINE = 2000;
const SLICE_MS = 30;

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

/** The index as lines of JSON. */
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
    if (Date.now() - slice > SLICE_MS) {
      await pause();
      slice = Date.now();
    }
  }
  return lines.join('\n');
}

function* encodeLines(mini: MiniSearch<any>): Generator<string> {
  const internals = mini as unknown as Internals;
  yield header(internals);
  let chunk: (string | number)[][] = [];
  for (const [term, fields] of internals._index) {
    const entry: (string | number)[] = [term];
    for (const [fieldId, docs] of fields) {
      // (in the map's own order, so that a loaded index scores ties as the built one does)
      entry.push(fieldId, docs.size);
      let last = 0;
      for (const [id, freq] of docs) {
        entry.push(id - last, freq);
        last = id;
      }
    }
    chunk.push(entry);
    if (chunk.length >= TERMS_PER_LINE) {
      yield JSON.stringify(chunk);
      chunk = [];
    }
  }
  if (chunk.length) yield JSON.stringify(chunk);
}

export function isEncodedIndex(text: string): boolean {
  return text.startsWith(`{"codec":"${CODEC}"`);
}

function addLine(map: Internals['_index'], line: string): void {
  for (const entry of JSON.parse(line) as (string | number)[][]) {
    const data: Postings = new Map();
    let i = 1;
    while (i < entry.length) {
      const fieldId = entry[i] as number;
      const count = entry[i + 1] as number;
      i += 2;
      const docs = new Map<number, number>();
      let id = 0;
      for (let k = 0; k < count; k++, i += 2) {
        id += entry[i] as number;
        docs.set(id, entry[i + 1] as number);
      }
      data.set(fieldId, docs);
    }
    map.set(entry[0] as string, data);
  }
}

function* lines(text: string, from: number): Generator<string> {
  let at = from;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    if (nl > at) yield text.slice(at, nl);
    at = nl + 1;
  }
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
  for (const line of lines(text, rest)) addLine(map, line);
  return mini;
}

const pause = (): Promise<void> => new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** The index back in slices of SLICE_MS, the event loop running between them. */
export async function decodeIndexAsync<T>(text: string, options: Options<T>): Promise<MiniSearch<T>> {
  if (!isEncodedIndex(text)) return MiniSearch.loadJSONAsync(text, options);
  const { mini, rest } = start(text, options);
  const map = (mini as unknown as Internals)._index;
  let slice = Date.now();
  for (const line of lines(text, rest)) {
    addLine(map, line);
    if (Date.now() - slice > SLICE_MS) {
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
