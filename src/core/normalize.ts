// Length-preserving text normalization shared by the index, the query parser and the line finder.
//
// Every UTF-16 code unit maps to exactly one code unit, so an offset into the normalized text is an
// offset into the original text: the search can find a matched term with indexOf on the normalized
// note and select the same range in the editor.
//
// What it folds: ASCII and other letters to lower case, full-width ASCII to ASCII, Latin letters to
// their base letter (é → e), half-width katakana to full width, and Han characters to one canonical
// form (Japanese shinjitai and traditional Chinese → simplified Chinese), so that 亞馬遜, 亚马逊 and a
// Japanese 検索 / Chinese 检索 meet at the same term.
import hanFoldPairs from 'virtual:han-fold';

/** The character classes unitKind() answers (the tokenizer and the line finder use them). */
export const SEPARATOR = 1;
export const WORD = 2;
export const CJK = 3;
type Kind = typeof SEPARATOR | typeof WORD | typeof CJK;

// One lazily filled table per code unit: normalized code unit, and its character class.
let folded: Uint16Array | undefined;
let kinds: Uint8Array | undefined;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isCjkUnit(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff && c !== 0x30fb) || // hiragana, katakana (not the ・ middle dot)
    (c >= 0x31f0 && c <= 0x31ff) || // katakana phonetic extensions
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    c === 0x3005 || // 々
    c === 0x3006 ||
    c === 0x3007
  );
}

/** The Han characters folded onto another (see variantsOf). */
const hanSources: number[] = [];

function buildTables(): void {
  folded = new Uint16Array(65536);
  kinds = new Uint8Array(65536);
  const chars = Array.from(hanFoldPairs);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const from = chars[i];
    const to = chars[i + 1];
    if (from.length === 1 && to.length === 1) {
      folded[from.charCodeAt(0)] = to.charCodeAt(0);
      hanSources.push(from.charCodeAt(0));
    }
  }
}

function computeUnit(c: number): void {
  const f = folded as Uint16Array;
  const k = kinds as Uint8Array;
  let n = f[c] || c;
  if (n === c) {
    if (c >= 0xff01 && c <= 0xff5e) {
      n = c - 0xfee0; // full-width ASCII
      if (n >= 0x41 && n <= 0x5a) n += 32;
    } else if (c >= 0xff61 && c <= 0xff9f) {
      const w = String.fromCharCode(c).normalize('NFKC'); // half-width katakana
      if (w.length === 1) n = w.charCodeAt(0);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      n = c; // surrogates are classified by the scanner
    } else if (c >= 0x80) {
      let s = String.fromCharCode(c).toLowerCase();
      if (s.length === 1 && c < 0x2e80) {
        const base = s.normalize('NFD');
        if (base.length > 1 && base.charCodeAt(0) < 0x250 && /^.\p{M}+$/u.test(base)) s = base[0];
      }
      if (s.length === 1) n = s.charCodeAt(0);
    }
  }
  f[c] = n;
  let kind: Kind;
  if (isCjkUnit(n)) kind = CJK;
  else if (n >= 0xd800 && n <= 0xdfff) kind = SEPARATOR;
  else if (LETTER_OR_DIGIT.test(String.fromCharCode(n))) kind = WORD;
  else kind = SEPARATOR;
  k[c] = kind;
}

function prepare(): void {
  buildTables();
  const f = folded as Uint16Array;
  const k = kinds as Uint8Array;
  for (let c = 0; c < 0x80; c++) {
    const lower = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    if (!f[c]) f[c] = lower;
    k[c] = (lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39) ? WORD : SEPARATOR;
  }
}

/** Normalized code unit of `c` (same length guarantee: one unit in, one unit out). */
export function foldUnit(c: number): number {
  if (!kinds) prepare();
  if (!(kinds as Uint8Array)[c]) computeUnit(c);
  return (folded as Uint16Array)[c];
}

/** SEPARATOR, WORD (Latin, digits, other alphabets) or CJK (Han and kana). */
export function unitKind(c: number): number {
  if (!kinds) prepare();
  const k = kinds as Uint8Array;
  if (!k[c]) computeUnit(c);
  return k[c];
}

/** The normalized text; `normalize(s).length === s.length` always. */
export function normalize(text: string): string {
  if (!kinds) prepare();
  const k = kinds as Uint8Array;
  const f = folded as Uint16Array;
  let out = '';
  let chunk: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!k[c]) computeUnit(c);
    chunk.push(f[c]);
    if (chunk.length === 4096) {
      out += String.fromCharCode.apply(null, chunk);
      chunk = [];
    }
  }
  return out + String.fromCharCode.apply(null, chunk);
}

/** Han characters of the supplementary planes (CJK extensions B and later) count as CJK. */
export function isCjkCodePoint(cp: number): boolean {
  return cp >= 0x20000 && cp <= 0x3134f;
}

/**
 * Whether the normalized form of `text` contains `needle` (normalized, its spaces single), without
 * making the normalized copy: one table look-up per code unit, nothing allocated. A space of the
 * needle (with the hyphens and underscores beside it) matches any run of spaces, tabs, line breaks,
 * hyphens and underscores (a phrase wrapped over two lines, Set-Variable). `from`
 * and `to` bound the part of `text` looked at.
 */
export function includesNormalized(text: string, needle: string, from = 0, to = text.length): boolean {
  needle = separators(needle);
  if (needle.length === 0) return true;
  if (!kinds) prepare();
  const end = Math.min(to, text.length);
  for (let i = from; i + needle.length <= end; i++) if (phraseAt(text, i, needle, end)) return true;
  return false;
}

/** Whether the needle's normalized form starts at `i` in `text` (its spaces matching runs of blanks), before `end`. */
function phraseAt(text: string, i: number, needle: string, end = text.length): boolean {
  const k = kinds as Uint8Array;
  const f = folded as Uint16Array;
  let at = i;
  for (let j = 0; j < needle.length; j++) {
    const want = needle.charCodeAt(j);
    if (want === 32) {
      if (at >= end || !isBlank(text.charCodeAt(at))) return false;
      while (at < end && isBlank(text.charCodeAt(at))) at++;
      continue;
    }
    if (at >= end) return false;
    const c = text.charCodeAt(at++);
    if (!k[c]) computeUnit(c);
    if (f[c] !== want) return false;
  }
  return true;
}

/** A needle's runs of spaces, hyphens and underscores with a space in them, as one space (what a space matches, below, is such a run). */
const separators = (needle: string): string => (needle.includes(' ') ? needle.replace(/[-_ ]* [-_ ]*/g, ' ') : needle);

/** What a space of a phrase matches: white space, and the hyphen or underscore of a compound (Set-Variable). */
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 45 || c === 95;

/** Normalized code unit → the other code units that normalize to it (built on first use). */
let variantTable: Map<number, number[]> | undefined;

/**
 * The code units whose normalized form is `unit`: itself, and its other forms (upper case,
 * full width, accented, traditional or Japanese Han). Only these ranges fold a unit onto another:
 * ASCII, U+0080–U+2E7F (case and accents), U+A640–U+A7FF (case), the full- and half-width forms,
 * and the Han pairs.
 */
function variantsOf(unit: number): number[] {
  if (!variantTable) {
    const table = new Map<number, number[]>();
    const add = (c: number) => {
      const n = foldUnit(c);
      if (n === c) return;
      const list = table.get(n);
      if (list) list.push(c);
      else table.set(n, [c]);
    };
    for (let c = 0; c < 0x2e80; c++) if (c < 0xd800) add(c);
    for (let c = 0xa640; c < 0xa800; c++) add(c);
    for (let c = 0xff01; c <= 0xff9f; c++) add(c);
    // (the Han pairs are known once the tables are built, which foldUnit above did)
    for (const c of hanSources) add(c);
    variantTable = table;
  }
  return [unit, ...(variantTable.get(unit) ?? [])];
}

/**
 * includesNormalized for one needle over many texts, as one regular expression: each unit of the
 * needle is the class of the units that normalize to it, and a space is a run of blanks (see
 * isBlank). The engine's regular expressions scan a text at a fraction of the table look-ups' cost.
 */
export function normalizedMatcher(needle: string): (text: string) => boolean {
  needle = separators(needle);
  if (!kinds) prepare();
  // (a needle that is not normalized, or has a surrogate, is scanned as it is)
  const plain = [...needle].every(ch => ch.length === 1 && foldUnit(ch.charCodeAt(0)) === ch.charCodeAt(0));
  if (!needle || !plain) return text => includesNormalized(text, needle);
  let source = '';
  for (let i = 0; i < needle.length; i++) {
    const c = needle.charCodeAt(i);
    if (c === 32) {
      source += BLANK_RUN;
      continue;
    }
    const forms = variantsOf(c);
    source += forms.length === 1 ? unitSource(c) : `[${forms.map(unitSource).join('')}]`;
  }
  const pattern = new RegExp(source);
  return text => pattern.test(text);
}

const BLANK_RUN = '[ \\t\\n\\r\\u3000\\u00a0_\\-]+';
const unitSource = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
