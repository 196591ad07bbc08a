// The tokenizer used at index time and at query time.
//
// Latin (and every other spaced script) is split into words. Chinese and Japanese have no spaces,
// so a run of Han/kana characters becomes overlapping character bigrams, plus the run's last
// character alone so that every character starts at least one term (a one-character query then
// finds it by prefix). All terms come from the normalized text (see normalize.ts), so offsets are
// offsets into the original string.
import { CJK, SEPARATOR, WORD, isCjkCodePoint, normalize, unitKind } from './normalize';

/**
 * English function words: not indexed, and dropped from queries that have other words. They are
 * in nearly every note, so they rank nothing and cost a pass over every note's postings.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for from has have how in into is it its of on or so than that the their then there these this to was were what when where which who why will with'.split(' '),
);

/** Longest term kept; longer words (hashes, base64, minified code) are cut here. */
export const MAX_TERM_LENGTH = 48;

export interface Token {
  term: string;
  start: number;
  end: number;
  cjk: boolean;
}

const CONTRACTION_TAILS = new Set(['s', 't', 'd', 'll', 're', 've', 'm']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Each word run and each CJK run of `text`, with offsets (the building block of both tokenizers). */
export function scanRuns(
  normalized: string,
  onWord: (start: number, end: number) => void,
  onCjk: (starts: number[], end: number) => void,
): void {
  const n = normalized.length;
  let i = 0;
  while (i < n) {
    const c = normalized.charCodeAt(i);
    let kind = unitKind(c);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = normalized.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        kind = isCjkCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) ? CJK : SEPARATOR;
      }
    }
    if (kind === SEPARATOR) {
      i += width;
      continue;
    }
    if (kind === WORD) {
      const start = i;
      i++;
      while (i < n && unitKind(normalized.charCodeAt(i)) === WORD) i++;
      // a version is one word: digits joined by dots ("7.5.6", "2.4.5"), not 7 + 5 + 6
      if (isDigits(normalized, start, i)) {
        while (i + 1 < n && normalized.charCodeAt(i) === 46 && isDigit(normalized.charCodeAt(i + 1))) {
          let j = i + 1;
          while (j < n && isDigit(normalized.charCodeAt(j))) j++;
          i = j;
        }
      }
      // the tail of a contraction ("server's", "don't", "we'll") is no word of its own
      if (start >= 2 && isApostrophe(normalized.charCodeAt(start - 1)) && unitKind(normalized.charCodeAt(start - 2)) === WORD && CONTRACTION_TAILS.has(normalized.slice(start, i))) continue;
      onWord(start, i);
      continue;
    }
    // CJK run: remember where each character starts (a character may be a surrogate pair).
    const starts: number[] = [];
    while (i < n) {
      const a = normalized.charCodeAt(i);
      if (a >= 0xd800 && a <= 0xdbff && i + 1 < n) {
        const b = normalized.charCodeAt(i + 1);
        if (b >= 0xdc00 && b <= 0xdfff && isCjkCodePoint(((a - 0xd800) << 10) + (b - 0xdc00) + 0x10000)) {
          starts.push(i);
          i += 2;
          continue;
        }
        break;
      }
      if (unitKind(a) !== CJK) break;
      starts.push(i);
      i++;
    }
    onCjk(starts, i);
  }
}

function wordTerm(normalized: string, start: number, end: number): string {
  return normalized.slice(start, Math.min(end, start + MAX_TERM_LENGTH));
}

/**
 * Tokens of `text` as indexed: words, CJK bigrams and each CJK run's last character.
 * With `query: true`, a CJK run of two or more characters gives only its bigrams.
 */
export function tokenize(text: string, options: { query?: boolean } = {}): Token[] {
  const normalized = normalize(text);
  const tokens: Token[] = [];
  scanRuns(
    normalized,
    (start, end) => tokens.push({ term: wordTerm(normalized, start, end), start, end, cjk: false }),
    (starts, end) => {
      const count = starts.length;
      for (let k = 0; k + 1 < count; k++) {
        const e = k + 2 < count ? starts[k + 2] : end;
        tokens.push({ term: normalized.slice(starts[k], e), start: starts[k], end: e, cjk: true });
      }
      if (count === 1 || !options.query) {
        const last = starts[count - 1];
        tokens.push({ term: normalized.slice(last, end), start: last, end, cjk: true });
      }
    },
  );
  return tokens;
}

/** Terms only (what MiniSearch indexes): `tokenize(text).map(t => t.term)` without function words, faster. */
export function indexTerms(text: string): string[] {
  const normalized = normalize(text);
  const terms: string[] = [];
  scanRuns(
    normalized,
    (start, end) => {
      const term = wordTerm(normalized, start, end);
      if (!STOPWORDS.has(term)) terms.push(term);
    },
    (starts, end) => {
      const count = starts.length;
      for (let k = 0; k + 1 < count; k++) terms.push(normalized.slice(starts[k], k + 2 < count ? starts[k + 2] : end));
      terms.push(normalized.slice(starts[count - 1], end));
    },
  );
  return terms;
}

/** Distinct query terms, in query order (a query's CJK runs give bigrams only; function words go). */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const t of tokenize(query, { query: true })) seen.add(t.term);
  const all = [...seen];
  const content = all.filter(t => !STOPWORDS.has(t));
  return content.length ? content : all;
}

/** True when a term is a CJK bigram or character (no fuzzy matching for those). */
export function isCjkTerm(term: string): boolean {
  const c = term.charCodeAt(0);
  return unitKind(c) === CJK || (c >= 0xd800 && c <= 0xdbff);
}
