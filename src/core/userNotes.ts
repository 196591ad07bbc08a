// Pure helpers for the user's own notes folders: how a setting entry becomes a folder and a glob,
// how a cached index is told apart from a stale one, and what must be re-indexed at start-up.
import type { SerializedIndex } from './notesIndex';
import type { NoteRecord } from './notes';

/** Glob of the note files inside a folder given without a pattern. */
export const DEFAULT_NOTES_GLOB = '**/*.{md,markdown}';
export const NOTE_FILE = /\.(md|markdown)$/i;
export const CACHE_FORMAT = 3;

export interface FolderSpec {
  /** The folder part, as written (absolute, `~/…`, or relative to a workspace folder). */
  base: string;
  /** The glob inside it. */
  pattern: string;
  absolute: boolean;
  home: boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** "notes" → notes + **∕*.{md,markdown}; "/x/2023/**∕*.md" → /x/2023 + **∕*.md; "~/n" → home. */
export function parseFolderEntry(entry: string): FolderSpec | undefined {
  if (typeof entry !== 'string') return undefined;
  let text = entry.trim().replace(/\\/g, '/');
  if (!text) return undefined;
  const home = text === '~' || text.startsWith('~/');
  if (home) text = text.slice(1).replace(/^\/+/, '');
  const absolute = !home && (text.startsWith('/') || /^[A-Za-z]:\//.test(text));
  const segments = text.split('/');
  const firstGlob = segments.findIndex(s => GLOB_CHARS.test(s));
  let base: string;
  let pattern: string;
  if (firstGlob === -1) {
    base = text;
    pattern = DEFAULT_NOTES_GLOB;
  } else {
    base = segments.slice(0, firstGlob).join('/');
    pattern = segments.slice(firstGlob).join('/');
  }
  base = base.replace(/\/+$/, '');
  if (absolute && !base) base = '/';
  return { base, pattern, absolute, home };
}

export interface FileStamp {
  size: number;
  mtime: number;
}

export interface NotesCache {
  format: number;
  /** Stamp of the bundled notes the cached index was built with. */
  bundled: string;
  /** The folder setting the cache was built for. */
  folders: string[];
  /** Size and modification time of every user note file in the index, by key. */
  files: Record<string, FileStamp>;
  index: SerializedIndex;
}

export interface SyncPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
}

/** What to re-index, comparing the cached stamps with the files found now. */
export function planSync(cached: Record<string, FileStamp>, current: Record<string, FileStamp>): SyncPlan {
  const plan: SyncPlan = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const [key, now] of Object.entries(current)) {
    const before = cached[key];
    if (!before) plan.added.push(key);
    else if (before.size !== now.size || before.mtime !== now.mtime) plan.changed.push(key);
    else plan.unchanged++;
  }
  for (const key of Object.keys(cached)) if (!(key in current)) plan.removed.push(key);
  return plan;
}

/** A short stable stamp of a string (FNV-1a, 32 bits, plus the length). */
export function stamp(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${h.toString(36)}`;
}

/** A cache is usable when it has this format, this bundle and this folder setting. */
export function cacheMatches(cache: unknown, bundled: string, folders: string[]): cache is NotesCache {
  if (!cache || typeof cache !== 'object') return false;
  const c = cache as Partial<NotesCache>;
  return (
    c.format === CACHE_FORMAT &&
    c.bundled === bundled &&
    Array.isArray(c.folders) &&
    c.folders.length === folders.length &&
    c.folders.every((f, i) => f === folders[i]) &&
    !!c.files &&
    typeof c.files === 'object' &&
    !!c.index
  );
}

/** The Markdown of a new note, front matter filled in. */
export function newNoteTemplate(fields: { id: string; title: string; titleEn?: string; kind?: string; track?: string; date?: string }): string {
  const yamlText = (s: string) => JSON.stringify(s);
  const lines = [
    '---',
    `id: ${yamlText(fields.id)}`,
    `title: ${yamlText(fields.title)}`,
    `title_en: ${yamlText(fields.titleEn ?? '')}`,
    `kind: ${fields.kind ?? 'session'}`,
    ...(fields.track ? [`track: ${yamlText(fields.track)}`] : []),
    'services: []',
    'tags: []',
    ...(fields.date ? [`date: ${fields.date}`] : []),
    '---',
    '',
    `# ${fields.id && fields.id !== fields.title ? `${fields.id} – ` : ''}${fields.title}`,
    '',
    '## Key takeaways',
    '',
    '- ',
    '',
  ];
  return lines.join('\n');
}

// ---- the cache file, in lines that are parsed one at a time ----------------------------------
// Line 1: the header (NotesCache without `index`, plus the index's format and problems); then one
// line per chunk of note records; then the search index as it is (its own lines, see indexCodec.ts:
// prepareSearchAsync parses them). Reading it
// parses one chunk, then lets the event loop run, so that a 60 MB cache never blocks the editor
// for the length of one JSON.parse of it all.
const CHUNK_NOTES = 200;

/** The serialized index split into lines of JSON (also what the indexing worker sends back). */
export function splitIndex(index: SerializedIndex, chunk = CHUNK_NOTES): { format: number; problems: SerializedIndex['problems']; notes: string[]; index: string } {
  const notes: string[] = [];
  for (let i = 0; i < index.notes.length; i += chunk) notes.push(JSON.stringify(index.notes.slice(i, i + chunk)));
  return { format: index.format, problems: index.problems ?? [], notes, index: index.index };
}

/** The serialized index back from its lines, one JSON.parse between yields. */
export async function joinIndex(parts: ReturnType<typeof splitIndex>, yieldNow: () => Promise<void>, sliceMs = 20): Promise<SerializedIndex> {
  const notes: SerializedIndex['notes'] = [];
  // (a yield costs a turn of the event loop, a millisecond or more: only when a slice is used up)
  let slice = Date.now();
  for (const line of parts.notes) {
    for (const r of JSON.parse(line) as SerializedIndex['notes']) notes.push(r);
    if (Date.now() - slice > sliceMs) {
      await yieldNow();
      slice = Date.now();
    }
  }
  return { format: parts.format, notes, problems: parts.problems, index: parts.index };
}

/** The cache as the lines of its file. */
export function encodeCache(cache: NotesCache): string {
  const { index, ...header } = cache;
  const notes: string[] = [];
  for (let i = 0; i < index.notes.length; i += CHUNK_NOTES) notes.push(chunkLine(index.notes.slice(i, i + CHUNK_NOTES)));
  return [headerLine(header, index, notes.length), ...notes, ...index.notes.map(textLine), index.index].join('\n');
}

/** encodeCache, a chunk of notes per yield. */
export async function encodeCacheAsync(cache: NotesCache, yieldNow: () => Promise<void>): Promise<string> {
  const { index, ...header } = cache;
  const notes: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i < index.notes.length; i += CHUNK_NOTES) {
    const chunk = index.notes.slice(i, i + CHUNK_NOTES);
    notes.push(chunkLine(chunk));
    for (const r of chunk) texts.push(textLine(r));
    await yieldNow();
  }
  return [headerLine(header, index, notes.length), ...notes, ...texts, index.index].join('\n');
}

function headerLine(header: Omit<NotesCache, 'index'>, index: SerializedIndex, chunks: number): string {
  return JSON.stringify({ ...header, indexFormat: index.format, problems: index.problems ?? [], chunks, texts: index.notes.length });
}

/** A chunk of note records without their text (each text is a line of its own, read when it is needed). */
function chunkLine(records: NoteRecord[]): string {
  return JSON.stringify(records.map(({ text: _t, ...rest }) => rest));
}

const textLine = (r: NoteRecord): string => JSON.stringify(r.text);

/** A line of the cache, as bytes (the file as it was read) or as text. */
type Source = { bytes: Uint8Array; decoder: { decode(bytes: Uint8Array): string } } | { text: string };

function lineEnd(source: Source, from: number): number {
  if ('text' in source) return source.text.indexOf('\n', from);
  return source.bytes.indexOf(10, from);
}

function lineOf(source: Source, from: number, to: number): string {
  return 'text' in source ? source.text.slice(from, to) : source.decoder.decode(source.bytes.subarray(from, to));
}

/**
 * A cache file read back (undefined when it is not one of this format), parsed between yields. The
 * file as read (bytes, which the extension has) or as text. The notes' texts are not decoded now: each
 * note's `text` is read from its line the first time something asks for it (a search that lands
 * in the note, a hover), so that the search is ready before tens of megabytes of text are decoded.
 */
export async function decodeCache(file: string | Uint8Array, yieldNow: () => Promise<void>): Promise<NotesCache | undefined> {
  const source: Source = typeof file === 'string' ? { text: file } : { bytes: file, decoder: new TextDecoder() };
  const lines: string[] = [];
  let at = 0;
  let header: (Omit<NotesCache, 'index'> & { indexFormat: number; problems: SerializedIndex['problems']; chunks: number; texts: number }) | undefined;
  // the header, then its number of lines of notes, then one line per note's text; the rest is the search index
  for (let want = 1; lines.length < want; ) {
    const nl = lineEnd(source, at);
    if (nl === -1) return undefined;
    lines.push(lineOf(source, at, nl));
    at = nl + 1;
    if (lines.length === 1) {
      header = JSON.parse(lines[0]);
      if (!header || header.format !== CACHE_FORMAT || typeof header.chunks !== 'number' || typeof header.texts !== 'number') return undefined;
      want = 1 + header.chunks;
    }
  }
  if (!header) return undefined;
  const textLines: [number, number][] = [];
  for (let i = 0; i < header.texts; i++) {
    const nl = lineEnd(source, at);
    if (nl === -1) return undefined;
    textLines.push([at, nl]);
    at = nl + 1;
  }
  await yieldNow();
  const index = await joinIndex({ format: header.indexFormat, problems: header.problems, notes: lines.slice(1), index: lineOf(source, at, file.length) }, yieldNow);
  if (index.notes.length !== textLines.length) return undefined;
  index.notes.forEach((record, i) => textOnDemand(record, () => JSON.parse(lineOf(source, textLines[i][0], textLines[i][1])) as string));
  const { indexFormat: _f, problems: _p, chunks: _c, texts: _t, ...rest } = header;
  return { ...rest, index };
}

/**
 * Decode the texts decodeCache left on demand, a slice at a time (after the search is ready, so that
 * the first searches do not decode them one by one); the cache's bytes are let go at the end.
 */
export async function readTexts(records: NoteRecord[], yieldNow: () => Promise<void>, sliceMs = 20): Promise<void> {
  let slice = Date.now();
  for (const r of records) {
    void r.text;
    if (Date.now() - slice > sliceMs) {
      await yieldNow();
      slice = Date.now();
    }
  }
}

/** A record whose `text` is read on first use (then kept as a plain property). */
function textOnDemand(record: NoteRecord, read: () => string): void {
  Object.defineProperty(record, 'text', {
    configurable: true,
    enumerable: true,
    get(): string {
      const text = read();
      Object.defineProperty(record, 'text', { value: text, writable: true, enumerable: true, configurable: true });
      return text;
    },
    set(value: string) {
      Object.defineProperty(record, 'text', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
