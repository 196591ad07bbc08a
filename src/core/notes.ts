// A note file → a NoteRecord, or a clear reason why not.
//
// Front matter is parsed with gray-matter, made safe: its JavaScript engine evaluates the block with
// `eval`, so every language but YAML and JSON is refused before gray-matter sees the file, and the
// `js` / `javascript` engines are replaced by ones that throw. Options are always passed, so
// gray-matter's global cache is never used.
import matter from 'gray-matter';
import { canonicalServiceName } from './catalog';
import { findServices } from './matcher';
import type { Rendering, RenderingLang } from './renderings';

export type NoteKind = 'session' | 'keynote' | 'leadership' | 'workshop' | 'topic' | 'event' | 'note';
/** The conference tracks of the sessions, in the order the sessions tree shows them. */
export const TRACKS = ['Keynotes', 'Architecture', 'Containers', 'Serverless', 'Security', 'Startups', 'AI/ML', 'Developer Tools'] as const;

export const NOTE_KINDS: readonly NoteKind[] = ['session', 'keynote', 'leadership', 'workshop', 'topic', 'event', 'note'];

export interface Heading {
  level: number;
  text: string;
  /** 1-based line in the note file. */
  line: number;
}

export interface NoteRecord {
  /** Unique key of the note in an index: its path (bundled: `notes/<file>`; user notes: their path or URI). */
  key: string;
  id: string;
  title: string;
  title_en: string;
  kind: NoteKind;
  track?: string;
  services: string[];
  tags: string[];
  lang: string[];
  links: string[];
  path: string;
  source: 'bundled' | 'user';
  /** The note as read (byte-order mark removed; cut at MAX_NOTE_CHARS). */
  text: string;
  /** 1-based line where the body starts (after the front matter). */
  bodyLine: number;
  headings: Heading[];
  /** Service → 1-based line of its first mention in the note (the title line when no line names it). */
  mentions: Record<string, number>;
  /** Which front matter fields were given (the rest were derived). */
  fromFrontMatter?: boolean;
  /** Bundled notes: the renderings in the readers' languages (notes/i18n), aligned line by line. */
  renderings?: Partial<Record<RenderingLang, Rendering>>;
}

export interface NoteProblem {
  path: string;
  /** The note's key in the index, when it differs from `path`. */
  key?: string;
  /** skipped: not indexed at all; degraded: indexed, but part of it was ignored. */
  severity: 'skipped' | 'degraded';
  reason: string;
}

export interface NoteFile {
  /** Shown to users (tooltips, problems): a file path, or a URI where there is no path. */
  path: string;
  text: string;
  /** Unique key in an index (defaults to `path`); user notes use their URI. */
  key?: string;
  /** Bundled notes: their renderings (see renderings.ts). */
  renderings?: Rendering[];
  /** The bytes were not valid UTF-8 (decodeNoteBytes): unreadable bytes became U+FFFD. */
  invalidUtf8?: boolean;
}

export interface ParseOptions {
  source?: 'bundled' | 'user';
  /** Key in the index (defaults to `path`). */
  key?: string;
}

/** Notes longer than this are indexed up to here (about 1 MB of text). */
export const MAX_NOTE_CHARS = 1_000_000;

const FRONT_MATTER_OPEN = /^---[ \t]*([^\r\n]*?)[ \t]*\r?\n/;

function refuseCode(): never {
  throw new Error('JavaScript front matter is not allowed (it would run code)');
}

const SAFE_MATTER_OPTIONS = {
  language: 'yaml',
  excerpt: false,
  engines: {
    js: { parse: refuseCode, stringify: refuseCode },
    javascript: { parse: refuseCode, stringify: refuseCode },
  },
};

export interface ParseResult {
  record?: NoteRecord;
  problems: NoteProblem[];
}

export function fileStem(path: string): string {
  const base = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
  return base.replace(/\.(md|markdown|mdown|mkd|txt)$/i, '');
}

function stringList(value: unknown, field: string, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const v of value) {
      if (typeof v === 'string' || typeof v === 'number') {
        const s = String(v).trim();
        if (s) out.push(s);
      } else {
        problems.push(`\`${field}\` has an entry that is not text; it was ignored`);
      }
    }
    return out;
  }
  problems.push(`\`${field}\` should be a list of text, not ${describe(value)}; it was ignored`);
  return undefined;
}

function text(value: unknown, field: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  problems.push(`\`${field}\` should be text, not ${describe(value)}; it was ignored`);
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** 1-based line number of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** ATX headings outside fenced code blocks. */
/** The offset where a 1-based line starts (the text's length past the end). */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return offset;
}

/** The text of a 1-based line (without its line break; '' past the end). */
export function lineText(text: string, line: number): string {
  const ls = offsetOfLine(text, line);
  let le = text.indexOf('\n', ls);
  if (le === -1) le = text.length;
  return text.slice(ls, le).replace(/\r$/, '');
}

export function extractHeadings(text: string, firstLine = 1): Heading[] {
  const headings: Heading[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  for (let i = firstLine - 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 2000) continue;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const m = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$/.exec(line);
    if (m && m[2]) headings.push({ level: m[1].length, text: m[2], line: i + 1 });
  }
  return headings;
}

/** A heading as a title: raw HTML (`<a name="…"></a>`, `<br/>`) and its entities' markup left out. */
function headingTitle(heading: string): string | undefined {
  if (heading.indexOf('<') === -1) return heading;
  const title = heading
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return title || undefined;
}

function detectLang(body: string): string[] {
  const lang: string[] = [];
  if (/[A-Za-z]{2,}/.test(body)) lang.push('en');
  if (/[\u3040-\u30ff]/.test(body)) lang.push('ja');
  else if (/[\u4e00-\u9fff]/.test(body)) lang.push('zh');
  return lang;
}

/** Parse one note. Never throws: a bad note comes back without a record and with a reason. */
export function parseNote(file: NoteFile, options: ParseOptions = {}): ParseResult {
  const problems: NoteProblem[] = [];
  const path = file.path;
  const skip = (reason: string): ParseResult => ({ problems: [{ path, severity: 'skipped', reason }] });
  if (typeof file.text !== 'string') return skip('the file could not be read as text');
  let source = file.text;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  if (source.indexOf('\u0000') !== -1) return skip('it looks like a binary file (it contains NUL bytes), not Markdown');
  if (!source.trim()) return skip('the note is empty');
  if (source.length > MAX_NOTE_CHARS) {
    const cut = source.lastIndexOf('\n', MAX_NOTE_CHARS);
    const size = (source.length / 1_000_000).toFixed(1);
    source = source.slice(0, cut > MAX_NOTE_CHARS / 2 ? cut : MAX_NOTE_CHARS);
    problems.push({ path, severity: 'degraded', reason: `the note has ${size} million characters; only the first million are indexed` });
  }
  // decided from the bytes (decodeNoteBytes): a U+FFFD written in valid UTF-8 is text like any other
  if (file.invalidUtf8) {
    problems.push({ path, severity: 'degraded', reason: 'the note is not valid UTF-8; unreadable bytes are shown as �' });
  }

  const degraded: string[] = [];
  let data: Record<string, unknown> = {};
  let bodyOffset = 0;
  let hasFrontMatter = false;
  const open = FRONT_MATTER_OPEN.exec(source);
  if (open && !source.startsWith('----')) {
    const language = open[1].toLowerCase();
    if (language && language !== 'yaml' && language !== 'yml' && language !== 'json') {
      const code = language === 'js' || language === 'javascript';
      return skip(
        code
          ? `its front matter is JavaScript (---${open[1]}); it was not run and the note was not indexed: use YAML front matter`
          : `its front matter language "${open[1]}" is not supported: use YAML front matter`,
      );
    }
    const close = /\r?\n---[ \t]*(\r?\n|$)/g;
    close.lastIndex = open[0].length - 1;
    const end = close.exec(source);
    if (!end) {
      degraded.push('its front matter has no closing `---` line; it was read as text');
    } else {
      hasFrontMatter = true;
      bodyOffset = end.index + end[0].length;
      try {
        const parsed = matter(source.slice(0, bodyOffset), SAFE_MATTER_OPTIONS as unknown as Parameters<typeof matter>[1]);
        const value: unknown = parsed.data;
        if (value && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
        else if (value !== undefined && value !== null && !(typeof value === 'object' && Object.keys(value).length === 0)) {
          degraded.push(`its front matter is ${describe(value)}, not a mapping of fields; it was ignored`);
        }
      } catch (e) {
        const message = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
        degraded.push(`its front matter is not valid YAML (${message}); it was ignored`);
      }
    }
  }

  const bodyLine = lineOfOffset(source, bodyOffset);
  const body = source.slice(bodyOffset);
  const headings = extractHeadings(source, bodyLine);
  const firstH1 = headings.find(h => h.level === 1);

  const id = text(data.id, 'id', degraded) ?? fileStem(path);
  const title = text(data.title, 'title', degraded) ?? (firstH1 && headingTitle(firstH1.text)) ?? fileStem(path);
  const titleEn = text(data.title_en, 'title_en', degraded) ?? '';
  let kind: NoteKind = 'note';
  const kindValue = text(data.kind, 'kind', degraded);
  if (kindValue) {
    if ((NOTE_KINDS as readonly string[]).includes(kindValue)) kind = kindValue as NoteKind;
    else degraded.push(`\`kind\` "${kindValue}" is not one of ${NOTE_KINDS.join(', ')}; it was ignored`);
  }
  const track = text(data.track, 'track', degraded);
  const declared = stringList(data.services, 'services', degraded) ?? [];
  const tags = stringList(data.tags, 'tags', degraded) ?? [];
  const lang = stringList(data.lang, 'lang', degraded) ?? detectLang(body);
  const links = stringList(data.links, 'links', degraded) ?? [];

  // Services: the ones the front matter declares (made canonical) and the ones the text names.
  const services: string[] = [];
  for (const s of declared) {
    const name = canonicalServiceName(s) ?? s;
    if (!services.includes(name)) services.push(name);
  }
  for (const m of findServices(body, 'markdown')) if (!services.includes(m.name)) services.push(m.name);
  const mentions: Record<string, number> = {};
  const titleLine = firstH1?.line ?? bodyLine;
  // (the lenient pass only places the services found: a note that names none needs no second pass)
  const lenient = services.length ? findServices(body, 'markdown', { lenient: true }) : [];
  for (const name of services) {
    const m = lenient.find(x => x.name === name);
    mentions[name] = m ? lineOfOffset(source, bodyOffset + m.start) : titleLine;
  }

  for (const reason of degraded) problems.push({ path, severity: 'degraded', reason });
  const record: NoteRecord = {
    key: options.key ?? file.key ?? path,
    id,
    title,
    title_en: titleEn,
    kind,
    ...(track ? { track } : {}),
    services,
    tags,
    lang,
    links,
    path,
    source: options.source ?? 'user',
    text: source,
    bodyLine,
    headings,
    mentions,
    fromFrontMatter: hasFrontMatter,
    ...(file.renderings?.length ? { renderings: Object.fromEntries(file.renderings.map(r => [r.lang, r])) } : {}),
  };
  return { record, problems };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Bytes of a file → text, telling binary files and invalid UTF-8 apart. Invalid UTF-8 is decided
 * from the bytes: the text then has U+FFFD for the unreadable bytes and `invalidUtf8` is set (pass
 * it on in the NoteFile, so that the note is reported); a U+FFFD the file holds as text is not.
 */
export function decodeNoteBytes(bytes: Uint8Array): { text?: string; problem?: string; invalidUtf8?: boolean } {
  const probe = bytes.subarray(0, 8000);
  if (probe.indexOf(0) !== -1) return { problem: 'it looks like a binary file (it contains NUL bytes), not Markdown' };
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalidUtf8: true };
  }
}
