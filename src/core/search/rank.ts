// Stage 3 of the search (plan → retrieve → rank → locate → snippet): the order of the results.
// MiniSearch's BM25 scores, then a bonus for the notes that hold the whole query as written.
import type { SearchResult } from 'minisearch';
import type { QueryPlan } from './plan';

/** How many of the best results the phrase bonus looks at, and what it multiplies their score by. */
const PHRASE_CANDIDATES = 40;
const PHRASE_BONUS = 2;

/**
 * The results best first. `textOf` gives a note's normalized text by key (undefined for a key the
 * index no longer has).
 */
export function rank(results: SearchResult[], plan: QueryPlan, textOf: (key: string) => string | undefined): SearchResult[] {
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
