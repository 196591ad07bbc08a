// Stage 3 of the search (plan → retrieve → rank → locate → snippet): the order of the results.
// MiniSearch's BM25 scores, then a bonus for the notes that hold the whole query as written.
import type { SearchResult } from 'minisearch';
import type { QueryPlan } from './plan';
import type { TieredResult } from './retrieve';
import { isCjkTerm } from '../tokenizer';

/** How many of the best results the phrase bonus looks at, and what it multiplies their score by. */
const PHRASE_CANDIDATES = 40;
const PHRASE_BONUS = 2;

/**
 * The results best first. `textOf` gives a note's normalized text by key (undefined for a key the
 * index no longer has).
 */
export function rank(
  results: SearchResult[],
  plan: QueryPlan,
  textOf: (key: string) => string | undefined,
  large?: { titleOf: (key: string) => string | undefined },
): SearchResult[] {
  if (large) return rankLarge(results as TieredResult[], plan, textOf, large.titleOf);
  if (!plan.phrase) return results;
  // phrase bonus: the notes that hold the query as written come first among close scores
  const phrase = plan.phrase;
  const top = results.slice(0, PHRASE_CANDIDATES);
  for (const res of top) {
    if (textOf(res.id as string)?.includes(phrase)) res.score *= PHRASE_BONUS;
  }
  top.sort((a, b) => b.score - a.score);
  return [...top, ...results.slice(PHRASE_CANDIDATES)];
}

/** How many of the best results a large index re-ranks by title, and how many of them by text (phrase, CJK runs in order). */
const LARGE_CANDIDATES = 60;
const TEXT_CANDIDATES = 30;
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

/**
 * A large index (see retrieve.ts, strictPass): the notes holding every query word stay first;
 * among the best, the whole query as written, each CJK run of it in order (not only its bigrams)
 * and a title that is the query, or holds it, count.
 */
function rankLarge(results: TieredResult[], plan: QueryPlan, textOf: (key: string) => string | undefined, titleOf: (key: string) => string | undefined): SearchResult[] {
  const top = results.slice(0, LARGE_CANDIDATES);
  const runs = cjkRuns(plan.normalized);
  const query = plan.normalized;
  for (let i = 0; i < top.length; i++) {
    const res = top[i];
    const key = res.id as string;
    // (a note's normalized text costs a pass over it: the best TEXT_CANDIDATES only)
    const text = i < TEXT_CANDIDATES && (plan.phrase || runs.length) ? textOf(key) : undefined;
    const title = titleOf(key);
    let bonus = 1;
    if (text !== undefined) {
      if (plan.phrase && text.includes(plan.phrase)) bonus *= PHRASE_BONUS;
      for (const run of runs) if (text.includes(run)) bonus *= CJK_RUN_BONUS;
    }
    if (title !== undefined && query) {
      if (title === query) bonus *= TITLE_EXACT_BONUS;
      else if (title.includes(query)) bonus *= TITLE_PHRASE_BONUS;
    }
    res.score *= bonus;
  }
  // (equal scores by key: a loaded index lists ties as the built one does)
  top.sort((a, b) => Number(!!b.strict) - Number(!!a.strict) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...top, ...results.slice(LARGE_CANDIDATES)];
}
