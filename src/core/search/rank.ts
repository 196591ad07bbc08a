// Stage 3 of the search (plan → retrieve → rank → locate → snippet): the order of the results.
// MiniSearch's BM25 scores, then two bonuses among the best: for the notes that hold the whole query
// as written, and for the notes with one line (in any of their texts) that holds all its terms.
import type { SearchResult } from 'minisearch';
import type { QueryPlan } from './plan';
import type { TieredResult } from './retrieve';
import { isCjkTerm } from '../tokenizer';
import { toStored } from '../indexTerms';
import { normalizedMatcher } from '../normalize';

/** How many of the best results the phrase bonus looks at, and the line bonus (which locates each). */
const CANDIDATES = 40;
const LINE_CANDIDATES = 20;
/** What the whole query as written multiplies a score by. */
const PHRASE_BONUS = 2;
/** What a line holding every query term multiplies a score by (less for part of them). */
const LINE_BONUS = 1;

export interface RankedNote {
  /** The note's normalized texts: the original, then its renderings. */
  texts: string[];
  /** How many of the query's terms its best line holds (see locate). */
  covered(): number;
}

/**
 * The results best first. `noteOf` tells about a result's note (undefined when the index no longer
 * has it); `large`, for an index of many notes, ranks as rankLarge below.
 */
export function rank(
  results: SearchResult[],
  plan: QueryPlan,
  noteOf: (result: SearchResult) => RankedNote | undefined,
  large?: LargeRanking,
): SearchResult[] {
  if (large) return rankLarge(results as TieredResult[], plan, large);
  results = wholeWords(results, plan);
  const many = plan.terms.length >= 2;
  if (!plan.phrase && !many) return results;
  const top = results.slice(0, CANDIDATES);
  for (const [i, res] of top.entries()) {
    const note = noteOf(res);
    if (!note) continue;
    // phrase bonus: the notes that hold the query as written come first among close scores
    const phrase = plan.phrase;
    if (phrase && note.texts.some(text => text.includes(phrase))) res.score *= PHRASE_BONUS;
    // line bonus: the answer is a line, not words spread over a note
    if (many && i < LINE_CANDIDATES) res.score *= 1 + LINE_BONUS * (note.covered() / plan.terms.length) ** 2;
  }
  top.sort((a, b) => b.score - a.score);
  return [...top, ...results.slice(CANDIDATES)];
}

/**
 * A Chinese or Japanese word is its bigrams: when some notes hold all of a query's bigrams, a note
 * that holds no more than half of them and nothing else of the query is left out (自助餐, a buffet,
 * is not 自助服务, self-service).
 */
function wholeWords(results: SearchResult[], plan: QueryPlan): SearchResult[] {
  const bigrams = new Set(plan.terms.filter(t => isCjkTerm(t) && [...t].length === 2).map(t => toStored(t, true)));
  if (bigrams.size < 2) return results;
  const share = (r: SearchResult) => r.queryTerms.filter(t => bigrams.has(t)).length / bigrams.size;
  if (!results.some(r => share(r) === 1)) return results;
  return results.filter(r => share(r) > 0.5 || r.queryTerms.some(t => !bigrams.has(t)));
}

/** How many of the best results a large index looks at for the query as written, and how much of their text at most. */
const LARGE_CANDIDATES = 2000;
const PHRASE_SCAN_CHARS = 1_000_000;
/** A query with Chinese or Japanese in it is matched at about a quarter of the cost a character (measured): four times the text. */
const CJK_SCAN_FACTOR = 4;
const CJK_RUN_BONUS = 1.5;
const TITLE_EXACT_BONUS = 4;
const TITLE_PHRASE_BONUS = 1.5;

/** The CJK runs of a normalized query (two characters or more), as written. */
function cjkRuns(normalized: string): string[] {
  const runs: string[] = [];
  let run = '';
  for (const ch of normalized) {
    if (isCjkTerm(ch)) run += ch;
    else {
      if ([...run].length >= 2) runs.push(run);
      run = '';
    }
  }
  if ([...run].length >= 2) runs.push(run);
  return runs;
}

/** What a large index knows of a result's note for ranking it (see rankLarge). */
export interface LargeRanking {
  /** The note's text and title as written (matched through normalizedMatcher, without a normalized copy). */
  textOf: (key: string) => string | undefined;
  titleOf: (key: string) => string | undefined;
  /** The normalized title, spaces single (for a title that is the query). */
  normalizedTitleOf: (key: string) => string | undefined;
}

/**
 * A large index (see retrieve.ts, strictPass). Tiers, then the score: the notes holding every query
 * word first; among them (and among the rest), the notes that hold the query as written (two or
 * more words, or a Chinese or Japanese run: every bigram, in order) in their text or their title,
 * then the notes whose title holds every word (Latin terms, whole CJK runs). Within a
 * tier, a title that is the query or holds it, and a text holding each CJK run of a mixed query,
 * multiply the score. The text is looked at for the best LARGE_CANDIDATES results, up to
 * PHRASE_SCAN_CHARS characters in all (CJK_SCAN_FACTOR times more for a CJK phrase; one regular
 * expression over the text as written, nothing copied).
 */
function rankLarge(results: TieredResult[], plan: QueryPlan, notes: LargeRanking): SearchResult[] {
  const top = results.slice(0, LARGE_CANDIDATES);
  const query = plan.normalized;
  const runs = cjkRuns(query);
  // the query as written: two words or more, or one CJK run (a two-character part of a title)
  const phrase = plan.phrase ?? (runs.length === 1 && runs[0] === query ? query : undefined);
  const otherRuns = runs.filter(r => r !== phrase);
  let budget = PHRASE_SCAN_CHARS * (runs.length ? CJK_SCAN_FACTOR : 1);
  const whole = new Set<SearchResult>();
  const inTitle = new Set<SearchResult>();
  // (a title's words: the Latin terms, and each CJK run whole rather than its bigrams)
  const words = [...plan.terms.filter(t => !isCjkTerm(t) && !plan.replaced.has(t)), ...runs];
  const titleTerms = (plan.terms.length >= 2 && words.length >= 2 ? words : []).map(normalizedMatcher);
  const holdsQuery = query !== '' ? normalizedMatcher(query) : undefined;
  const holdsPhrase = phrase ? (phrase === query && holdsQuery ? holdsQuery : normalizedMatcher(phrase)) : undefined;
  const holdsRuns = otherRuns.map(normalizedMatcher);
  for (const res of top) {
    const key = res.id as string;
    const title = notes.titleOf(key);
    let bonus = 1;
    const titleHolds = title !== undefined && holdsQuery !== undefined && holdsQuery(title);
    if (title !== undefined && titleTerms.length && (titleHolds || titleTerms.every(holds => holds(title)))) inTitle.add(res);
    if (titleHolds) bonus *= notes.normalizedTitleOf(key) === query ? TITLE_EXACT_BONUS : TITLE_PHRASE_BONUS;
    if ((holdsPhrase || holdsRuns.length) && budget > 0) {
      const text = notes.textOf(key);
      if (text !== undefined) {
        budget -= text.length;
        if (holdsPhrase && (titleHolds || holdsPhrase(text))) whole.add(res);
        for (const holds of holdsRuns) if (holds(text)) bonus *= CJK_RUN_BONUS;
      }
    } else if (holdsPhrase && titleHolds) whole.add(res);
    res.score *= bonus;
  }
  // (equal scores by key: a loaded index lists ties as the built one does)
  const tier = (r: SearchResult) => (whole.has(r) ? 2 : 0) + (inTitle.has(r) ? 1 : 0);
  top.sort((a, b) => Number(!!b.strict) - Number(!!a.strict) || tier(b) - tier(a) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...top, ...results.slice(LARGE_CANDIDATES)];
}
