// One search for every surface: a query in the query language (querySyntax.ts) → the notes that
// answer it. The free text and the phrases' words are ranked by the index (NotesIndex.search); the
// phrases, exclusions and filters are then checked on each note's metadata and text. Filters alone
// list the notes they match.
import { allServices, canonicalServiceName, formKey } from './catalog';
import { findServices } from './matcher';
import { normalize } from './normalize';
import { NOTE_KINDS, TRACKS, type NoteRecord, lineText, offsetOfLine } from './notes';
import { type NotesIndex, type SearchHit, hitNote } from './notesIndex';
import { type FilterName, type ParsedQuery, type QueryFilter, distance, globPattern, isEmptyQuery, parseQuery } from './querySyntax';

export interface NotesSearchOptions {
  /** Most hits returned (default 20, at most 1000). */
  limit?: number;
  /** Added to the query's own filters (the tools' parameters). */
  track?: string;
  service?: string;
  kind?: string;
}

export interface QueryProblem {
  code: 'unknown-filter' | 'empty-filter' | 'unknown-value';
  /** The part of the query it is about, as typed. */
  token: string;
  filter?: FilterName;
  /** What it probably meant: a filter name, or a value that exists. */
  suggestion?: string;
  /** The problem in English (surfaces with a UI localize from `code`, `token` and `suggestion`). */
  message: string;
}

export interface NotesSearchResult {
  plan: ParsedQuery;
  hits: SearchHit[];
  /** Misspelled filters and values that match no note: a surface says so rather than show an empty list. */
  problems: QueryProblem[];
}

/** The query language in a few lines, for help texts (CLI usage, tool descriptions). */
export const QUERY_SYNTAX_HELP = [
  'words: ranked full-text search in English, Chinese or Japanese',
  '"exact phrase": notes that hold the phrase as written',
  '-word, -"a phrase": leave out notes with that word or phrase',
  'track:containers  service:fargate (any alias)  kind:keynote  tag:serverless  id:ARC*  (wildcards * and ?; commas or repeats for either value; -track:x excludes)',
  'filters alone list every note they match',
].join('\n');

const MAX_LIMIT = 1000;
/** How many index hits a query with filters or exclusions looks through. */
const CANDIDATES = 1000;
const FIRST_CANDIDATES = 40;
const SNIPPET_CHARS = 120;


function lineAt(text: string, offset: number): { line: number; start: number; end: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { line, start, end };
}

/** A line cut around [from, to) with Markdown block markers dropped, and the range inside it. */
function snippetOf(line: string, from: number, to: number): { snippet: string; highlights: [number, number][] } {
  const marker = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)*/.exec(line);
  let start = marker && (marker[0].length <= from || to === from) ? marker[0].length : 0;
  if (to === from) from = to = start;
  let end = line.trimEnd().length;
  let prefix = '';
  let suffix = '';
  if (end - start > SNIPPET_CHARS) {
    const s = Math.max(start, Math.min(from - 30, end - SNIPPET_CHARS));
    const e = Math.min(end, s + SNIPPET_CHARS);
    if (s > start) prefix = '…';
    if (e < end) suffix = '…';
    [start, end] = [s, e];
  }
  const snippet = prefix + line.slice(start, end) + suffix;
  const hs = Math.max(from, start) - start + prefix.length;
  const he = Math.min(to, end) - start + prefix.length;
  return { snippet, highlights: he > hs ? [[hs, he]] : [] };
}

/** A hit at a line of a note (filter-only lists, relocated phrase hits). */
function hitAt(r: NoteRecord, line: number, column = 0, length = 0, score = 0): SearchHit {
  const text = lineText(r.text, line);
  return {
    ...hitNote(r),
    score,
    line,
    column,
    length,
    ...snippetOf(text, column, column + length),
  };
}

/** The canonical service a filter value names: a name or alias, a full name, or a name in code (`AWS::DynamoDB::Table`). */
function serviceNamed(value: string): string | undefined {
  const direct = canonicalServiceName(value);
  if (direct) return direct;
  const key = formKey(value);
  const full = allServices().find(s => formKey(s.fullName) === key);
  if (full) return full.name;
  return findServices(value, 'markdown', { lenient: true })[0]?.name;
}

/** Normalized tags and names, kept between calls (short strings; cleared when it grows large). */
const names = new Map<string, string>();
function normalizedName(name: string): string {
  let n = names.get(name);
  if (n === undefined) {
    if (names.size > 50_000) names.clear();
    n = normalize(name);
    names.set(name, n);
  }
  return n;
}

const KEY = (s: string) => formKey(normalize(s));

/** Words of a name, as keys: "AI/ML" → aiml, ai, ml. */
function nameKeys(name: string): string[] {
  return [KEY(name), ...normalize(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(KEY)];
}

/** The names among `names` that a filter value means: a glob, the name, a word of it, or their start. */
function resolveValue(value: string, names: Iterable<string>): string[] {
  const glob = globPattern(value);
  const all = [...names];
  if (glob) return all.filter(n => glob.test(n) || glob.test(KEY(n)));
  const v = KEY(value);
  if (!v) return [];
  const exact = all.filter(n => KEY(n) === v || KEY(n) === v.replace(/s$/, '') || KEY(n).replace(/s$/, '') === v);
  if (exact.length) return exact;
  return all.filter(n => nameKeys(n).some(k => k.startsWith(v)));
}

function nearest(value: string, names: Iterable<string>): string | undefined {
  const v = KEY(value);
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = distance(v, KEY(n));
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(v.length / 3)) ? best : undefined;
}

/** A filter with its values resolved to what the notes hold; `test` says whether a note matches. */
interface ResolvedFilter {
  filter: QueryFilter;
  test(r: NoteRecord): boolean;
  /** The canonical service names, for a service filter (the line of a filter-only hit). */
  services?: string[];
}

function resolveFilter(filter: QueryFilter, records: NoteRecord[], problems: QueryProblem[]): ResolvedFilter {
  const unknown = (value: string, names: Iterable<string>) => {
    const suggestion = nearest(value, names);
    problems.push({
      code: 'unknown-value',
      token: `${filter.negated ? '-' : ''}${filter.name}:${value}`,
      filter: filter.name,
      ...(suggestion ? { suggestion } : {}),
      message: `no note has ${filter.name} "${value}"` + (suggestion ? `; did you mean ${filter.name}:${/\s/.test(suggestion) ? JSON.stringify(suggestion) : suggestion}?` : ''),
    });
  };
  switch (filter.name) {
    case 'track':
    case 'kind': {
      const field = filter.name;
      const known = new Set<string>(field === 'track' ? TRACKS : NOTE_KINDS);
      for (const r of records) if (r[field]) known.add(r[field] as string);
      const wanted = new Set<string>();
      for (const v of filter.values) {
        const found = resolveValue(v, known);
        if (!found.length) unknown(v, known);
        for (const f of found) wanted.add(f);
      }
      return { filter, test: r => r[field] !== undefined && wanted.has(r[field] as string) };
    }
    case 'service': {
      const wanted = new Set<string>();
      const keys = new Set<string>();
      const inNotes = new Set<string>();
      for (const r of records) for (const s of r.services) inNotes.add(s);
      for (const v of filter.values) {
        const glob = globPattern(v);
        if (glob) {
          const before = wanted.size;
          for (const n of inNotes) if (glob.test(n)) wanted.add(canonicalServiceName(n) ?? n);
          for (const info of allServices()) if (glob.test(info.name) || info.forms.some(f => glob.test(f))) wanted.add(info.name);
          if (wanted.size === before) unknown(v, inNotes);
          continue;
        }
        const canonical = serviceNamed(v);
        const starts = formKey(v) ? [...inNotes].filter(s => formKey(s).startsWith(formKey(v))) : [];
        if (canonical) wanted.add(canonical);
        else if ([...inNotes].some(s => formKey(s) === formKey(v))) keys.add(formKey(v));
        else if (starts.length) for (const s of starts) wanted.add(s); // still being typed: service:farg
        else unknown(v, [...inNotes, ...allServices().map(s => s.name)]);
      }
      return {
        filter,
        services: [...wanted],
        test: r => r.services.some(s => wanted.has(s) || (keys.size > 0 && keys.has(formKey(s)))) || [...wanted].some(s => r.mentions[s] !== undefined),
      };
    }
    case 'tag': {
      const known = new Set<string>();
      for (const r of records) for (const t of r.tags) known.add(t);
      const wanted = new Set<string>();
      for (const v of filter.values) {
        const glob = globPattern(v);
        const nv = normalize(v);
        const found = glob ? [...known].filter(t => glob.test(t) || glob.test(normalizedName(t))) : [...known].filter(t => normalizedName(t).startsWith(nv));
        if (!found.length) unknown(v, known);
        for (const f of found) wanted.add(f);
      }
      return { filter, test: r => r.tags.some(t => wanted.has(t)) };
    }
    case 'id': {
      const patterns = filter.values.map(v => globPattern(v) ?? new RegExp(`^${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu'));
      filter.values.forEach((v, i) => {
        if (!records.some(r => patterns[i].test(r.id))) unknown(v, records.map(r => r.id));
      });
      return { filter, test: r => patterns.some(p => p.test(r.id)) };
    }
  }
}

const WORD_UNIT = /[\p{L}\p{N}\p{M}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** A test for notes holding `word` (normalized) as a word, or its plural; CJK and symbols: anywhere. */
function wordTest(word: string): (text: string) => boolean {
  if (CJK.test(word) || !WORD_UNIT.test(word)) return text => text.includes(word);
  const body = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = WORD_UNIT.test(word[0]) ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const after = WORD_UNIT.test(word[word.length - 1]) ? '(?:e?s)?(?![\\p{L}\\p{N}\\p{M}])' : '';
  let re: RegExp;
  try {
    re = new RegExp(before + body + after, 'u');
  } catch {
    return text => text.includes(word);
  }
  return text => text.includes(word) && re.test(text);
}

function phraseKey(phrase: string): string {
  return normalize(phrase).replace(/\s+/g, ' ').trim();
}

/** Where a note holds the first phrase, preferring the body to the front matter. */
function phraseAt(r: NoteRecord, phrase: string, textOf: (r: NoteRecord) => string): { line: number; column: number; length: number } | undefined {
  const text = textOf(r);
  const body = offsetOfLine(r.text, r.bodyLine);
  let at = text.indexOf(phrase, body);
  if (at === -1) at = text.indexOf(phrase);
  if (at === -1) return undefined;
  const { line, start, end } = lineAt(r.text, at);
  return { line, column: at - start, length: Math.min(phrase.length, end - at) };
}

/** A test for notes holding a phrase, also when the note breaks it across lines (one regular expression, built once). */
function phraseTest(phrase: string, textOf: (r: NoteRecord) => string): (r: NoteRecord) => boolean {
  const words = phrase.split(' ');
  let across: RegExp | undefined;
  if (words.length > 1) {
    try {
      across = new RegExp(words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'u');
    } catch {
      across = undefined;
    }
  }
  return r => {
    const text = textOf(r);
    return text.includes(phrase) || (across !== undefined && text.includes(words[0]) && across.test(text));
  };
}

const TRACK_ORDER = new Map<string, number>(TRACKS.map((t, i) => [t, i]));

function listOrder(a: NoteRecord, b: NoteRecord): number {
  const ta = a.track === undefined ? -1 : (TRACK_ORDER.get(a.track) ?? TRACKS.length);
  const tb = b.track === undefined ? -1 : (TRACK_ORDER.get(b.track) ?? TRACKS.length);
  return ta - tb || (a.source === b.source ? 0 : a.source === 'bundled' ? -1 : 1) || a.id.localeCompare(b.id);
}

function withOptionFilters(plan: ParsedQuery, options: NotesSearchOptions): ParsedQuery {
  const extra: QueryFilter[] = [];
  for (const name of ['track', 'service', 'kind'] as const) {
    const v = options[name];
    if (typeof v === 'string' && v.trim()) extra.push({ name, values: [v.trim()], negated: false });
  }
  return extra.length ? { ...plan, filters: [...plan.filters, ...extra] } : plan;
}

/** The problems of the syntax itself, in the shape searchNotes reports. */
function syntaxProblems(plan: ParsedQuery): QueryProblem[] {
  return plan.errors.map(e =>
    e.code === 'unknown-filter'
      ? { code: e.code, token: e.token, ...(e.suggestion ? { suggestion: e.suggestion, filter: e.suggestion } : {}), message: `unknown filter "${e.token.split(':')[0]}:"` + (e.suggestion ? `; did you mean ${e.suggestion}:?` : '') }
      : { code: e.code, token: e.token, ...(e.suggestion ? { filter: e.suggestion } : {}), message: `"${e.token}" needs a value, for example ${e.suggestion ?? 'track'}:${EXAMPLE[e.suggestion ?? 'track']}` },
  );
}

const EXAMPLE: Record<FilterName, string> = { track: 'containers', service: 'fargate', kind: 'keynote', tag: 'serverless', id: 'ARC*' };

/**
 * The notes that answer a query in the query language, best first. Never throws. Without filters,
 * phrases or exclusions it is exactly NotesIndex.search over the query's free text.
 */
export function searchNotes(index: NotesIndex, query: string | ParsedQuery, options: NotesSearchOptions = {}): NotesSearchResult {
  // the index's own bounded cache of normalized texts (a second cache here would hold every note twice)
  const textOf = (r: NoteRecord) => index.normalizedText(r);
  const limit = Math.max(1, Math.min(Math.floor(Number(options.limit) || 20), MAX_LIMIT));
  const parsed = typeof query === 'string' || query === undefined || query === null ? parseQuery(query) : query;
  const plan = withOptionFilters(parsed, options);
  const problems = syntaxProblems(plan);
  if (isEmptyQuery(plan)) return { plan, hits: [], problems };
  const narrowing = plan.filters.length > 0 || plan.exclude.length > 0 || plan.phrases.length > 0;
  if (!narrowing) return { plan, hits: index.search(plan.text, { limit }), problems };

  // only notes need looking at: records, once
  const records: NoteRecord[] = [];
  for (const key of index.keys()) {
    const r = index.note(key);
    if (r) records.push(r);
  }
  const resolved = plan.filters.map(f => resolveFilter(f, records, problems));
  const phrases = plan.phrases.map(phraseKey).filter(Boolean);
  const exclude = plan.exclude.map(phraseKey).filter(Boolean);
  const holds = phrases.map(p => phraseTest(p, textOf));
  const excluded = exclude.map(w => {
    if (w.includes(' ')) return phraseTest(w, textOf);
    const test = wordTest(w);
    return (r: NoteRecord) => test(textOf(r));
  });
  const kept = new Map<NoteRecord, boolean>();
  const keep = (r: NoteRecord): boolean => {
    let k = kept.get(r);
    if (k === undefined) {
      k = resolved.every(f => f.test(r) !== f.filter.negated) && holds.every(h => h(r)) && !excluded.some(x => x(r));
      kept.set(r, k);
    }
    return k;
  };

  const byKey = new Map(records.map(r => [r.key, r]));
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  const add = (hit: SearchHit, r: NoteRecord) => {
    if (hits.length >= limit || seen.has(r.key)) return;
    seen.add(r.key);
    const at = phrases.length ? phraseAt(r, phrases[0], textOf) : undefined;
    hits.push(at ? { ...hitAt(r, at.line, at.column, at.length, hit.score) } : hit);
  };
  const service = resolved.find(f => f.services?.length && !f.filter.negated)?.services ?? [];
  // the free text ranks; without it, a service filter ranks by how the notes speak of the service
  const ranking = plan.text.trim() ? [plan.text] : service.slice(0, 3);
  // locating a hit costs: ask for a few more than needed first, for all candidates only when the filters keep too few
  for (const text of ranking) {
    let done = 0;
    for (let candidates = Math.min(CANDIDATES, Math.max(2 * limit, FIRST_CANDIDATES)); ; candidates = Math.min(CANDIDATES, candidates * 3)) {
      const found = index.search(text, { limit: candidates });
      for (const hit of found.slice(done)) {
        if (hits.length >= limit) break;
        const r = byKey.get(hit.key);
        if (r && keep(r)) add(hit, r);
      }
      done = found.length;
      // without free text the ranking is only an order: the notes it misses follow in list order
      if (hits.length >= limit || found.length < candidates || candidates === CANDIDATES || !plan.text.trim()) break;
    }
  }
  // phrases the ranking missed, and filters alone: every note that matches, in list order
  if (!plan.text.trim() || phrases.length) {
    for (const r of records.filter(keep).sort(listOrder)) {
      if (hits.length >= limit) break;
      if (seen.has(r.key)) continue;
      const mention = service.map(s => r.mentions[s]).find(l => l !== undefined);
      const title = r.headings.find(h => h.level === 1)?.line ?? r.bodyLine;
      add(hitAt(r, mention ?? title), r);
    }
  }
  return { plan, hits, problems };
}
