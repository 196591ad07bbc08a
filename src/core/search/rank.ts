// Stage 3 of the search (plan → retrieve → rank → locate → snippet): the order of the results.
// MiniSearch's BM25 scores, then two bonuses among the best: for the notes that hold the whole query
// as written, and for the notes with one line (in any of their texts) that holds all its terms.
import type { SearchResult } from 'minisearch';
import type { QueryPlan } from './plan';
import { isCjkTerm } from '../tokenizer';
import { toStored } from '../indexTerms';

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

/** The results best first. `noteOf` tells about a result's note (undefined when the index no longer has it). */
export function rank(results: SearchResult[], plan: QueryPlan, noteOf: (result: SearchResult) => RankedNote | undefined): SearchResult[] {
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
