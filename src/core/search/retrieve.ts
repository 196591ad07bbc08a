// Stage 2 of the search (plan → retrieve → rank → locate → snippet): the plan → MiniSearch's scored
// results, each with the stored terms it matched and in which fields.
//
// The first keystrokes stay cheap: one letter matches titles and headings, two letters match
// exactly, one CJK character is a prefix in titles and headings. Typo tolerance is a second,
// fuzzy-only pass for the words of five letters or more that no note found by the first pass holds
// in its text (body, titles, headings: a word only in the metadata, such as "graviton" beside a
// note's "gravition", is looked for as a typo too); its results are added to the first pass's.
// Fuzzy matching walks the whole vocabulary, and most queries have no typo.
import type MiniSearch from 'minisearch';
import type { Query, SearchResult } from 'minisearch';
import { isCjkTerm } from '../tokenizer';
import { isStoredCjk, storedLength, toStored } from '../indexTerms';
import { type QueryPlan, storedQuery } from './plan';
import { type IndexedDoc, type RenderedDoc, SHORT_QUERY_FIELDS, TEXT_FIELDS } from './fields';

/** From this many notes on, words in more than COMMON_SHARE of them are left out of queries with rarer words. */
const COMMON_MIN_NOTES = 500;
const COMMON_SHARE = 0.2;
const VERY_COMMON_SHARE = 0.5;
/** A prefix whose words hold more postings than this share of the notes looks in titles, services, tags and headings. */
const PREFIX_POSTINGS_SHARE = 0.5;

/** How many of the best results are looked at for words they hold in their metadata only. */
const METADATA_TYPO_RESULTS = 10;

/** A term's postings in MiniSearch's term map: field id → document id → frequency. */
type Postings = Map<number, Map<number, number>>;
type Vocabulary = { get(term: string): Postings | undefined; atPrefix(prefix: string): Iterable<[string, Postings]> };

/** The indexes a query runs on: the notes', and their renderings' (bundled notes), when it has any. */
export interface Indexes {
  main: MiniSearch<IndexedDoc>;
  rendered?: MiniSearch<RenderedDoc>;
}

/** The ranked MiniSearch results of a plan (see the top of this file), one per note. */
export function retrieve(indexes: Indexes, plan: QueryPlan): SearchResult[] {
  const mini = indexes.main;
  const rendered = indexes.rendered?.documentCount ? indexes.rendered : undefined;
  const [only] = plan.terms;
  if (plan.terms.length === 1 && !plan.replaced.has(only)) {
    const q = storedQuery([only]);
    if (isCjkTerm(only) && [...only].length === 1) {
      // a common character (的, の) opens onto thousands of notes: then only where it ends a run
      return mini.search(q, { fields: SHORT_QUERY_FIELDS, prefix: prefixPostings(mini, q) <= PREFIX_POSTINGS_SHARE * mini.documentCount });
    }
    if (!isCjkTerm(only) && only.length === 1) return mini.search(q, { fields: SHORT_QUERY_FIELDS });
    if (!isCjkTerm(only) && only.length === 2) return joinIndexes(mini.search(q), rendered?.search(q));
  }
  // a large index: the notes with every query word first, then (when they are few) the others
  const strict = strictPass(mini, plan);
  if (strict && strict.found.length >= STRICT_ENOUGH) return strict.found;
  // some notes hold every word: the notes with the rarer words but not every common one follow
  // them; none does: the whole query, typos included, as below
  if (strict?.found.length) return [...strict.found, ...strict.fewer];
  const { own, alternatives } = mainQuery(mini, plan);
  // the renderings: the query's own words, where they are looked for everywhere; a lone Chinese or
  // Japanese character exactly (as a prefix it opens onto hundreds of a translation's bigrams: の)
  const renderedOwn = own
    .filter(q => typeof q === 'object' && !('fields' in q && q.fields))
    .map(q => {
      const prefix = (q as { prefix?: boolean | ((term: string) => boolean) }).prefix;
      return { ...(q as object), prefix: (term: string) => !isStoredCjk(term) && (typeof prefix === 'function' ? prefix(term) : prefix === true) } as unknown as Query;
    });
  const results = joinIndexes(
    mini.search({ combineWith: 'OR', queries: [...own, ...alternatives] }),
    rendered && renderedOwn.length ? rendered.search({ combineWith: 'OR', queries: renderedOwn }) : undefined,
  );
  // (a word in many notes is no typo, even when mainQuery left it out)
  const candidates = plan.terms.filter(t => typoDistance(t) > 0 && !plan.common.has(t));
  if (!candidates.length) return results;
  const inText = new Set<string>();
  const anywhere = new Set<string>();
  // a word one of the best notes has in its metadata only ("microservices" in its tags) may stand
  // in its text with a typo ("micoservices"), even when other notes' text has it (in a small index:
  // in a large one, metadata words are common and a fuzzy pass walks a large vocabulary)
  const metadataOnly = new Set<string>();
  results.forEach((res, i) => {
    for (const [term, fields] of Object.entries(res.match)) {
      anywhere.add(term);
      if (fields.some(f => TEXT_FIELDS.has(f))) inText.add(term);
      else if (i < METADATA_TYPO_RESULTS && mini.documentCount < COMMON_MIN_NOTES) metadataOnly.add(term);
    }
  });
  const last = plan.terms[plan.terms.length - 1];
  const typos = candidates.filter(
    t =>
      (metadataOnly.has(t) || (!inText.has(t) && ![...inText].some(d => d.startsWith(t)))) &&
      // the word being typed is no typo while it starts words the notes have
      !(plan.lastIsPrefix && t === last && [...anywhere].some(d => d.length > t.length && d.startsWith(t))),
  );
  if (!typos.length) return results;
  // (in the notes' own text: the renderings are written with care, and walking their vocabulary costs)
  const fuzzy = mini.search(typos.join(' '), { prefix: false, fuzzy: term => typoDistance(term) });
  return mergeResults(results, fuzzy);
}

/**
 * One query's results on the two indexes as one index would give them: MiniSearch multiplies the
 * sum of a note's term scores by how many query terms it matched, so the sums are added and
 * multiplied by the terms matched in either.
 */
function joinIndexes(main: SearchResult[], rendered: SearchResult[] | undefined): SearchResult[] {
  if (!rendered?.length) return main;
  const base = (r: SearchResult) => r.score / Math.max(1, r.queryTerms.length);
  const byId = new Map<unknown, SearchResult>();
  for (const r of main) byId.set(r.id, { ...r, match: { ...r.match } });
  for (const r of rendered) {
    const have = byId.get(r.id);
    if (!have) {
      byId.set(r.id, r);
      continue;
    }
    const queryTerms = [...new Set([...have.queryTerms, ...r.queryTerms])];
    have.score = (base(have) + base(r)) * Math.max(1, queryTerms.length);
    have.queryTerms = queryTerms;
    for (const [term, fields] of Object.entries(r.match)) have.match[term] = [...new Set([...(have.match[term] ?? []), ...fields])];
    have.terms = Object.keys(have.match);
  }
  return [...byId.values()].sort((x, y) => y.score - x.score);
}

/** With this many notes holding every query word, the search looks no further. */
const STRICT_ENOUGH = 20;
/** A prefix is required through at most this many of the words it starts (the most common), and not at all when it starts more than PREFIX_TERMS_LOOKED_AT. */
const REQUIRED_PREFIX_TERMS = 64;
const PREFIX_TERMS_LOOKED_AT = 1024;

/** A result of the strict pass (every query word): the rank stage keeps these first. */
export interface TieredResult extends SearchResult {
  strict?: boolean;
}

/**
 * Every query word required (large indexes only: a small one scores every word anyway). MiniSearch
 * scores an AND of the rarer words (in at most COMMON_SHARE of the notes; the rarest when all are
 * common), and the common words are then required by a look-up in their postings, which costs one
 * Map.has per note found instead of a pass over thousands of postings. The word being typed counts
 * as written or as the start of a word; a CJK run's bigrams are all required (their order is the
 * rank stage's). Undefined when it does not apply (fewer than two terms, a small index).
 */
function strictPass(mini: MiniSearch<IndexedDoc>, plan: QueryPlan): { found: TieredResult[]; fewer: TieredResult[] } | undefined {
  const vocabulary = vocabularyOf(mini);
  const total = mini.documentCount;
  if (!vocabulary || total < COMMON_MIN_NOTES || plan.terms.length < 2) return undefined;
  const idOf = (mini as unknown as { _idToShortId?: Map<unknown, number> })._idToShortId;
  if (!(idOf instanceof Map)) return undefined;
  const stored = plan.terms.map(t => toStored(t, isCjkTerm(t)));
  const lastIndex = stored.length - 1;
  const typing = (i: number) => i === lastIndex && plan.lastIsPrefix && (isStoredCjk(stored[i]) ? storedLength(stored[i]) === 1 : stored[i].length >= 3);
  const df = (t: string) => {
    let most = 0;
    for (const postings of vocabulary.get(t)?.values() ?? []) most = Math.max(most, postings.size);
    return most;
  };
  const freq = stored.map(t => df(t));
  // a word the index lacks (not the one being typed) leaves no note with every word
  if (freq.some((f, i) => f === 0 && !typing(i))) return { found: [], fewer: [] };
  const rare = stored.map((_, i) => i).filter(i => freq[i] > 0 && freq[i] <= COMMON_SHARE * total);
  const anchors = rare.length ? rare : [stored.map((_, i) => i).filter(i => freq[i] > 0).reduce((a, b) => (freq[a] <= freq[b] ? a : b))];
  // the word being typed, when it is not a word of its own, is an anchor as a prefix if that is cheap
  const typed = typing(lastIndex) && !anchors.includes(lastIndex) && freq[lastIndex] === 0 ? lastIndex : -1;
  if (typed !== -1 && prefixPostings(mini, stored[typed]) <= PREFIX_POSTINGS_SHARE * total) anchors.push(typed);
  const anchorTerms = anchors.map(i => stored[i]);
  // (a prefix opening onto too many postings, such as a lone の, is matched as written)
  const prefixed = new Set(anchors.filter(i => typing(i) && (i === typed || prefixPostings(mini, stored[i]) <= PREFIX_POSTINGS_SHARE * total)).map(i => stored[i]));
  const query = { queries: [anchorTerms.join(' ')], prefix: (term: string) => prefixed.has(term) };
  const found: TieredResult[] = mini.search({ ...query, combineWith: 'AND' } as Query);
  const required = stored.map((_, i) => i).filter(i => !anchors.includes(i));
  if (!required.length) return { found: mark(found), fewer: [] };
  // (undefined: a prefix that starts too many words to be required)
  const postingsOf = required.map(i => {
    const lists: Map<number, number>[] = [];
    const add = (p: Postings | undefined) => p?.forEach(docs => lists.push(docs));
    add(vocabulary.get(stored[i]));
    if (typing(i)) {
      // the words it starts that are in the most notes, whatever the order of MiniSearch's tree
      // (a loaded index lists them in another order than the index it was saved from)
      const words: { term: string; notes: number; p: Postings }[] = [];
      for (const [term, p] of vocabulary.atPrefix(stored[i])) {
        if (words.length >= PREFIX_TERMS_LOOKED_AT) return undefined;
        let notes = 0;
        p.forEach(docs => (notes += docs.size));
        words.push({ term, notes, p });
      }
      words.sort((a, b) => b.notes - a.notes || (a.term < b.term ? -1 : 1));
      for (const w of words.slice(0, REQUIRED_PREFIX_TERMS)) add(w.p);
    }
    return lists;
  });
  const all: TieredResult[] = [];
  const fewer: TieredResult[] = [];
  for (const r of found) {
    const short = idOf.get(r.id);
    (short !== undefined && postingsOf.every(lists => lists === undefined || lists.some(docs => docs.has(short))) ? all : fewer).push(r);
  }
  return { found: mark(all), fewer };
}

function mark(results: TieredResult[]): TieredResult[] {
  for (const r of results) r.strict = true;
  return results;
}

/** Typo tolerance of a Latin term: none below five letters, one edit, two from seven ("cogntio"). */
function typoDistance(term: string): number {
  return isStoredCjk(term) || term.length < 5 || /\d/.test(term) ? 0 : term.length >= 7 ? 2 : 1;
}

/** The typo pass's results added to the first pass's (MiniSearch's OR): scores add up, terms merge. */
function mergeResults(first: SearchResult[], typos: SearchResult[]): SearchResult[] {
  if (!typos.length) return first;
  const extra = new Map<unknown, SearchResult>(typos.map(r => [r.id, r]));
  for (const have of first) {
    const r = extra.get(have.id);
    if (!r) continue;
    extra.delete(have.id);
    have.score += r.score;
    for (const [term, fields] of Object.entries(r.match)) have.match[term] = [...new Set([...(have.match[term] ?? []), ...fields])];
    have.terms = Object.keys(have.match);
    have.queryTerms = [...new Set([...have.queryTerms, ...r.queryTerms])];
  }
  return [...first, ...extra.values()].sort((x, y) => y.score - x.score);
}

/** The words of an exact alternative query (as stored in the index). */
function queryWords(q: Query): string[] {
  if (typeof q === 'string') return q.split(' ');
  return typeof q === 'object' && 'queries' in q ? q.queries.flatMap(queryWords) : [];
}

/**
 * The query's own terms and the alternatives. Words followed by a space are complete: only the
 * last one, while it is typed, is a prefix. In a large index (COMMON_MIN_NOTES) three things stay
 * cheap: words found in more than COMMON_SHARE of the notes (they rank almost nothing, yet scoring
 * them walks most of the index) are left out when the query has rarer words, and only the rarest
 * is kept when all its words are common (the phrase bonus still ranks notes holding the whole
 * query), and a query of words found in most notes looks only in titles, services, tags and
 * headings; alternatives with a common word are
 * left out; and a prefix that opens onto many words (the word being typed, a lone CJK character)
 * looks for them in titles, services, tags and headings only.
 */
function mainQuery(mini: MiniSearch<IndexedDoc>, plan: QueryPlan): { own: Query[]; alternatives: Query[] } {
  // (a term searched through its other names only is not searched itself)
  let terms = plan.replaced.size ? plan.terms.filter(t => !plan.replaced.has(t)) : plan.terms;
  let onlyCommon = false;
  let isCommon = (_term: string) => false;
  let commonStored: ((storedTerm: string) => boolean) | undefined;
  let fanOut = (_stored: string) => 0;
  let total = 0;
  const vocabulary = vocabularyOf(mini);
  const last = terms[terms.length - 1] ?? '';
  const typing = plan.lastIsPrefix && last !== '' && last === plan.terms[plan.terms.length - 1] && !isCjkTerm(last) && last.length >= 3;
  if (vocabulary && mini.documentCount >= COMMON_MIN_NOTES) {
    total = mini.documentCount;
    const storedDf = (stored: string) => {
      let most = 0;
      for (const postings of vocabulary.get(stored)?.values() ?? []) most = Math.max(most, postings.size);
      return most;
    };
    fanOut = stored => prefixPostings(mini, stored);
    const freq = new Map(terms.map(t => [t, storedDf(toStored(t, isCjkTerm(t)))]));
    isCommon = t => (freq.get(t) ?? 0) > COMMON_SHARE * total;
    const inMost = (t: string) => (freq.get(t) ?? 0) > VERY_COMMON_SHARE * total;
    commonStored = stored => storedDf(stored) > COMMON_SHARE * total;
    // anchors: words the index has, in few notes (or the word being typed, when it starts words
    // the index has); words it lacks may be prefixes or typos and stay
    const anchors = terms.filter(t => ((freq.get(t) as number) > 0 && !isCommon(t)) || (typing && t === last && !inMost(t) && fanOut(toStored(last, false)) > 0));
    if (anchors.length) terms = terms.filter(t => !isCommon(t) || (typing && t === last && !inMost(t)));
    else if (terms.length > 1 && terms.every(isCommon)) terms = [terms.reduce((a, b) => ((freq.get(a) as number) <= (freq.get(b) as number) ? a : b))];
    else if (terms.some(t => !inMost(t))) terms = terms.filter(t => !inMost(t)); // "aws c": the word in most notes tells nothing
    // only words in most notes: look in titles, services, tags and headings
    onlyCommon = terms.every(inMost);
    for (const t of plan.terms) if (isCommon(t)) plan.common.add(t);
  }
  // prefixes: a lone CJK character, and the Latin word being typed from three letters on; a
  // prefix (or a typed word that is itself common) opening onto too many postings is looked for
  // in titles, services, tags and headings only
  const stored = terms.map(t => toStored(t, isCjkTerm(t)));
  const prefixed = new Set(stored.filter((t, i) => (isStoredCjk(t) ? storedLength(t) === 1 : typing && i === stored.length - 1)));
  const narrow = [...prefixed].filter(t => fanOut(t) > PREFIX_POSTINGS_SHARE * total || (!isStoredCjk(t) && isCommon(t)));
  const everywhere = stored.filter(t => !narrow.includes(t));
  const own: Query[] = [];
  if (everywhere.length) {
    own.push({ queries: [everywhere.join(' ')], prefix: (term: string) => prefixed.has(term), ...(onlyCommon ? { fields: SHORT_QUERY_FIELDS } : {}) });
  }
  if (narrow.length) own.push({ queries: [narrow.join(' ')], prefix: true, fields: SHORT_QUERY_FIELDS });
  // alternatives are exact AND queries: one with a common word would score most of the index
  const alternatives = commonStored ? plan.alternativeQueries.filter(q => !queryWords(q).some(commonStored)) : plan.alternativeQueries;
  return { own, alternatives };
}

/** How many postings a prefix opens onto (what scoring it costs); 0 for a small index. */
function prefixPostings(mini: MiniSearch<IndexedDoc>, stored: string): number {
  const vocabulary = vocabularyOf(mini);
  const total = mini.documentCount;
  if (!vocabulary || total < COMMON_MIN_NOTES) return 0;
  let postings = 0;
  let terms = 0;
  for (const [, data] of vocabulary.atPrefix(stored)) {
    for (const p of data.values()) postings += p.size;
    if (postings > PREFIX_POSTINGS_SHARE * total || ++terms > 1000) return Infinity;
  }
  return postings;
}

/**
 * MiniSearch's term map (an internal it does not document): document frequencies and prefix
 * fan-out for mainQuery. Without it the search is the same, only slower on large indexes.
 */
export function vocabularyOf(mini: MiniSearch<IndexedDoc>): Vocabulary | undefined {
  const map = (mini as unknown as { _index?: unknown })._index as { get?: unknown; atPrefix?: unknown } | undefined;
  return map && typeof map.get === 'function' && typeof map.atPrefix === 'function' ? (map as Vocabulary) : undefined;
}
