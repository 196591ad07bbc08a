// The query language, parsed once into a plan that every surface (quick pick, CLI, language model
// tools, MCP server) hands to searchNotes(). Parsing only splits what was typed into its parts;
// tokenizing, normalizing and ranking stay with the index.
//
//   lambda cold start         free text, ranked by the index
//   "blast radius"            a phrase, matched as written (case and script variants folded)
//   -kubernetes  -"k8s"       notes with that word or phrase are left out
//   track:containers          filters: track, service (canonical name or any alias), kind, tag, id
//   service:fargate,lambda    a comma or a repeated filter: either value
//   id:ARC*  tag:"machine*"   `*` and `?` are wildcards; quotes keep spaces in a value
//   -track:security           a filter with `-` leaves its notes out
//
// What it never does: throw, or treat something that only looks like a filter as one. `https://x`
// and `10:30` are free text; a misspelled filter name (`trak:`) is an error with a suggestion, so a
// surface can say so instead of showing an empty list.

/** The filters the language knows, in the order the help lists them. */
export const FILTER_NAMES = ['track', 'service', 'kind', 'tag', 'id'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** Other spellings accepted for a filter name. */
const FILTER_ALIASES: Record<string, FilterName> = { tracks: 'track', services: 'service', svc: 'service', kinds: 'kind', tags: 'tag', ids: 'id', code: 'id', type: 'kind' };

/** Queries longer than this are cut, as the index cuts them. */
export const MAX_SYNTAX_CHARS = 512;

export interface QueryFilter {
  name: FilterName;
  /** The values as typed (either one matches); a value may hold `*` and `?` wildcards. */
  values: string[];
  /** `-track:x`: the notes that match are left out. */
  negated: boolean;
}

export interface QuerySyntaxError {
  code: 'unknown-filter' | 'empty-filter';
  /** The part of the query the error is about, as typed. */
  token: string;
  /** The filter name it probably meant. */
  suggestion?: FilterName;
}

export interface ParsedQuery {
  /** The free text for the index: words outside quotes and filters, in order. Ends with a space when its last word is complete. */
  text: string;
  /** Phrases the notes must hold as written (inside quotes). */
  phrases: string[];
  /** Words and phrases (`-word`, `-"two words"`) whose notes are left out. */
  exclude: string[];
  filters: QueryFilter[];
  errors: QuerySyntaxError[];
}

const SPACE = /[\s\u3000]/;
/** Opening quotes and the quote that closes each. */
const QUOTES: Record<string, string> = { '"': '"', '\u201c': '\u201d', '\u201d': '\u201d', '\u300c': '\u300d', '\u300e': '\u300f' };
const FILTER_NAME = /^[A-Za-z_]{1,20}$/;

function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/** Edit distance of two short words, with adjacent transposition (trak → track, sevrice → service). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The filter a name stands for, exactly. */
export function filterName(name: string): FilterName | undefined {
  const n = name.toLowerCase();
  return (FILTER_NAMES as readonly string[]).includes(n) ? (n as FilterName) : FILTER_ALIASES[n];
}

/** The filter a misspelled name probably meant: one edit away (two for long names), or a prefix of it. */
export function suggestFilter(name: string): FilterName | undefined {
  const n = name.toLowerCase();
  if (n.length < 2) return undefined;
  let best: FilterName | undefined;
  let bestD = Infinity;
  for (const f of FILTER_NAMES) {
    const d = f.startsWith(n) ? 0.5 : distance(n, f);
    const allowed = f.length >= 5 ? 2 : 1;
    if (d <= allowed && d < bestD) {
      best = f;
      bestD = d;
    }
  }
  return best;
}

interface Token {
  /** Raw text of the token (quotes included). */
  raw: string;
  /** A leading `-` (not part of `value`). */
  negated: boolean;
  /** `name:` when the token looks like a filter (letters, then a colon). */
  name?: string;
  /** The value: the text after `name:`, or the whole token; unquoted. */
  value: string;
  /** The value was quoted. */
  quoted: boolean;
  /** The token reached the end of the input with no space after it. */
  atEnd: boolean;
  /** A quoted value whose closing quote was typed. */
  closed?: boolean;
}

/** Read a quoted run starting at `i` (an opening quote): its text and where it ends. Quotes left open run to the end. */
function readQuoted(input: string, i: number): { text: string; end: number; closed: boolean } {
  const close = QUOTES[input[i]];
  const stop = input.indexOf(close, i + 1);
  if (stop === -1) return { text: input.slice(i + 1), end: input.length, closed: false };
  return { text: input.slice(i + 1, stop), end: stop + 1, closed: true };
}

function tokens(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && isSpace(input[i])) i++;
    if (i >= input.length) break;
    const start = i;
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !isSpace(input[i + 1]) && input[i + 1] !== '-') {
      negated = true;
      i++;
    }
    if (QUOTES[input[i]]) {
      const q = readQuoted(input, i);
      i = q.end;
      out.push({ raw: input.slice(start, i), negated, value: q.text, quoted: true, atEnd: i >= input.length, closed: q.closed });
      continue;
    }
    // a bare word up to the next space; a quote after `name:` belongs to the value
    let j = i;
    while (j < input.length && !isSpace(input[j]) && !QUOTES[input[j]]) j++;
    const word = input.slice(i, j);
    const colon = word.indexOf(':');
    const name = colon > 0 ? word.slice(0, colon) : undefined;
    if (name !== undefined && FILTER_NAME.test(name) && colon === word.length - 1 && j < input.length && QUOTES[input[j]]) {
      const q = readQuoted(input, j);
      out.push({ raw: input.slice(start, q.end), negated, name, value: q.text, quoted: true, atEnd: q.end >= input.length });
      i = q.end;
      continue;
    }
    i = j;
    const raw = input.slice(start, i);
    const looksLikeFilter = name !== undefined && FILTER_NAME.test(name) && !word.slice(colon + 1).startsWith('/');
    if (looksLikeFilter) out.push({ raw, negated, name, value: word.slice(colon + 1), quoted: false, atEnd: i >= input.length });
    else out.push({ raw, negated, value: word, quoted: false, atEnd: i >= input.length });
  }
  return out;
}

function splitValues(value: string, quoted: boolean): string[] {
  const parts = quoted ? [value] : value.split(',');
  return parts.map(v => v.trim()).filter(Boolean);
}

/** The plan of a query. Never throws; anything that is not a string is an empty query. */
export function parseQuery(input: unknown): ParsedQuery {
  const plan: ParsedQuery = { text: '', phrases: [], exclude: [], filters: [], errors: [] };
  if (typeof input !== 'string') return plan;
  const query = input.slice(0, MAX_SYNTAX_CHARS);
  const words: string[] = [];
  let lastWordComplete = true;
  for (const t of tokens(query)) {
    if (t.name !== undefined) {
      const name = filterName(t.name);
      if (name) {
        const values = splitValues(t.value, t.quoted);
        if (!values.length) {
          plan.errors.push({ code: 'empty-filter', token: t.raw, suggestion: name });
          lastWordComplete = true;
          continue;
        }
        const same = plan.filters.find(f => f.name === name && f.negated === t.negated);
        if (same) same.values.push(...values.filter(v => !same.values.includes(v)));
        else plan.filters.push({ name, values, negated: t.negated });
        lastWordComplete = true;
        continue;
      }
      const suggestion = suggestFilter(t.name);
      if (suggestion) {
        plan.errors.push({ code: 'unknown-filter', token: t.raw, suggestion });
        lastWordComplete = true;
        continue;
      }
      // `10:30`, `note:`, `arn:aws:…`: not a filter, just text
    }
    if (t.quoted) {
      const phrase = t.value.trim().replace(/\s+/g, ' ');
      if (!phrase) continue;
      if (t.negated) plan.exclude.push(phrase);
      else {
        plan.phrases.push(phrase);
        words.push(phrase);
        lastWordComplete = !t.atEnd || t.closed === true;
      }
      continue;
    }
    if (t.raw === '-') continue; // a lone dash
    const word = t.negated ? t.raw.slice(1) : t.raw;
    if (t.negated) {
      plan.exclude.push(word);
      continue;
    }
    words.push(word);
    lastWordComplete = !t.atEnd;
  }
  plan.text = words.join(' ') + (words.length && lastWordComplete ? ' ' : '');
  if (!words.length) plan.text = '';
  return plan;
}

/** Whether a plan asks for anything at all (text, phrases, exclusions or filters). */
export function isEmptyQuery(plan: ParsedQuery): boolean {
  return !plan.text.trim() && !plan.phrases.length && !plan.exclude.length && !plan.filters.length;
}

/** A glob value (`ARC*`, `dev?ps`) as an anchored, case-insensitive regular expression; undefined without wildcards. */
export function globPattern(value: string): RegExp | undefined {
  if (!/[*?]/.test(value)) return undefined;
  const body = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'iu');
}
