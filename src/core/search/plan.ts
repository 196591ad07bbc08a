// Stage 1 of the search (plan → retrieve → rank → locate → snippet): from what the user typed to a
// plan. The plan holds the terms as typed (prefix and typo tolerant, see retrieve.ts), plus exact-match alternatives that find the same thing under another spelling:
// - a service's other names: "web application firewall" also looks for WAF, "STS" for "security
//   token service", "OpenSearch" for "elasticsearch service";
// - compounds: "healthcare" also looks for "health" + "care", "health care" for "healthcare".
import type { Query } from 'minisearch';
import { formKey, serviceByName } from '../catalog';
import { findServices } from '../matcher';
import { normalize } from '../normalize';
import { STOPWORDS, isCjkTerm, queryTerms } from '../tokenizer';
import { toStored } from '../indexTerms';
import synonymData from '../synonyms.json';
import { stemTerm } from './stem';

/** Queries longer than this are cut (a pasted page must answer as fast as a word). */
export const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 24;
const MAX_SERVICES = 3;
const MAX_FORMS = 8;
/**
 * Words dropped from a service's other names: function words and the generic words of AWS names.
 * "identity access" still finds Identity and Access Management, without a pass over every note
 * that says "service".
 */
const FORM_STOPWORDS = new Set([...STOPWORDS, 'amazon', 'aws', 'service', 'services', 'management']);

/** The field of the renderings' text (see fields.ts). */
const RENDERED_FIELD = 'rendered';

export interface QueryPlan {
  /** The query's own terms (stemmed, see stem.ts; question words left out). */
  terms: string[];
  /** Terms searched through their other names only (synonyms.json `only`: "dr"). */
  replaced: Set<string>;
  /** The exact-match MiniSearch queries of the alternatives (the query's own terms are added by the index). */
  alternativeQueries: Query[];
  /** Terms added by an alternative, with the query term or service they stand for. */
  alternatives: Map<string, string>;
  /** Each alternative as the phrase it is ("security token service"), worth the query terms it replaces. */
  alternativePhrases: { phrase: string; words: string[]; group: string; weight: number }[];
  /** Each group an alternative stands for (a service, a compound) → the query terms it covers. */
  covers: Map<string, string[]>;
  /** The normalized query as a phrase (two or more terms), for the phrase bonus. */
  phrase?: string;
  /** The normalized query, spaces collapsed (a title written as the query ranks first in a large index). */
  normalized: string;
  /** The last word may still be being typed (no space after it): it alone is searched as a prefix. */
  lastIsPrefix: boolean;
  /** Words the index holds in so many notes that the search left them out (filled in by the index). */
  common: Set<string>;
}

const LATIN_WORD = /^[a-z]+$/;

/**
 * Words that ask rather than say: "what did", "how do I", "where should I". Left out of a query that
 * has other words (the function words of STOPWORDS are left out already).
 */
const QUESTION_WORDS: ReadonlySet<string> = new Set(
  'about any can could did do does doing i many me much my our please shall should tell us we would you your'.split(' '),
);

/** A session code written loosely: three letters, the number (a space or dash between), a suffix. */
const CODE = /(?<![a-z0-9])([a-z]{3})[\s-]*(\d{2,3})(?:[\s-]*([a-z]\d?))?(?![a-z0-9])/g;
/** What a session code counts in the id field, against a word of the query. */
const CODE_WEIGHT = 3;

/** synonyms.json, as the stemmed terms each side is searched under. */
const SYNONYMS: { terms: string[][]; means: string[][]; only: boolean }[] = (synonymData.synonyms as { terms: string[]; means: string[]; only?: boolean }[]).map(s => ({
  terms: s.terms.map(t => queryTerms(t).map(stemTerm)),
  means: s.means.map(m => queryTerms(m)),
  only: s.only === true,
}));

/** Query terms as the index stores them, joined for MiniSearch's query tokenizer (split on spaces). */
export function storedQuery(words: string[]): string {
  return words.map(w => toStored(w, isCjkTerm(w))).join(' ');
}

/**
 * An exact AND query for an alternative, in the note's own fields: not in its renderings, where a
 * translation spells names out (EKS → Elastic Kubernetes Service) and its words would add up with
 * the query's own.
 */
function exact(words: string[], weight: number, fieldBoost: Record<string, number>): Query {
  const boost: Record<string, number> = {};
  for (const [field, b] of Object.entries(fieldBoost)) boost[field] = b * weight;
  const fields = Object.keys(fieldBoost).filter(f => f !== RENDERED_FIELD);
  return { queries: [storedQuery(words)], combineWith: 'AND', prefix: false, fuzzy: false, boost, fields };
}

/** The plan for a query, or undefined when it has no terms. */
export function planQuery(input: string, fieldBoost: Record<string, number>): QueryPlan | undefined {
  const text = input.slice(0, MAX_QUERY_CHARS);
  // the words as written (question words go when other words are left), then the terms they are searched under
  let words = queryTerms(text);
  const content = words.filter(w => !QUESTION_WORDS.has(w));
  if (content.length) words = content;
  const terms = [...new Set(words.map(stemTerm))].slice(0, MAX_QUERY_TERMS);
  if (!terms.length) return undefined;
  const alternatives = new Map<string, string>();
  const alternativePhrases: QueryPlan['alternativePhrases'] = [];
  const queries: Query[] = [];
  const seen = new Set<string>([terms.join(' ')]);
  const covers = new Map<string, string[]>();
  const replaced = new Set<string>();
  /** An alternative: other words (as written) for `covered`, the query terms they stand for. */
  const add = (written: string[], weight: number, standsFor: string, replaces: number, covered: string[]) => {
    const words = written.map(stemTerm);
    const key = words.join(' ');
    if (!words.length || seen.has(key)) return;
    seen.add(key);
    covers.set(standsFor, [...new Set([...(covers.get(standsFor) ?? []), ...covered])]);
    queries.push(exact(words, weight, fieldBoost));
    alternativePhrases.push({ phrase: written.join(' '), words, group: standsFor, weight: 0.9 * replaces });
    for (const w of words) if (!terms.includes(w) && !alternatives.has(w)) alternatives.set(w, standsFor);
  };

  // other names of the services the query names
  const mentions = findServices(text, 'markdown', { lenient: true });
  const services = [...new Set(mentions.map(m => m.name))].slice(0, MAX_SERVICES);
  for (const name of services) {
    const info = serviceByName(name);
    if (!info) continue;
    const span = mentions.filter(m => m.name === name).map(m => text.slice(m.start, m.end));
    const replaces = Math.max(1, ...span.map(s => queryTerms(s).length));
    const covered = span.flatMap(s => queryTerms(s).map(stemTerm)).filter(t => terms.includes(t));
    // only other spellings: a form that holds a word of the query ("Amazon DynamoDB" for "dynamodb")
    // finds nothing the query does not already find, and costs a pass over common words' postings
    const forms = new Map<string, string[]>();
    for (const f of [info.name, ...info.forms]) {
      const written = queryTerms(f).filter(w => !FORM_STOPWORDS.has(w));
      if (written.length && !written.some(w => terms.includes(stemTerm(w))) && !forms.has(written.join(' '))) forms.set(written.join(' '), written);
    }
    for (const written of [...forms.values()].slice(0, MAX_FORMS)) add(written, 0.8 * Math.min(replaces, 3), `service:${name}`, replaces, covered);
  }
  // abbreviations and other names (synonyms.json)
  for (const { terms: said, means, only } of SYNONYMS) {
    const at = said.map(s => findRun(terms, s)).find(run => run.length);
    if (!at) continue;
    for (const m of means) add(m, 0.8 * Math.min(at.length, 3), `synonym:${said[0].join(' ')}`, at.length, at);
    if (only) for (const t of at) replaced.add(t);
  }
  // session codes written loosely: "arc 349", "con325r" look for the ids that start with arc349, con325
  for (const m of normalize(text).matchAll(CODE)) {
    const code = m[1] + m[2];
    const parts = queryTerms(m[0]).map(stemTerm).filter(t => terms.includes(t));
    if (parts.length < 2 && !m[3]) continue; // written as one word already: the query finds it
    if (seen.has(code)) continue;
    seen.add(code);
    queries.push({ queries: [code], prefix: true, fuzzy: false, fields: ['id'], boost: { id: (fieldBoost.id ?? 1) * CODE_WEIGHT } });
    covers.set(`code:${code}`, parts);
    alternatives.set(code, `code:${code}`);
  }
  // compounds written apart or together
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (LATIN_WORD.test(a) && LATIN_WORD.test(b) && a.length > 1 && b.length > 1) add([a + b], 0.6, `${stemTerm(a)} ${stemTerm(b)}`, 2, [stemTerm(a), stemTerm(b)]);
  }
  for (const w of words) {
    if (!LATIN_WORD.test(w) || w.length < 7) continue;
    for (let i = 3; i <= w.length - 3; i++) add([w.slice(0, i), w.slice(i)], 0.6, stemTerm(w), 1, [stemTerm(w)]);
  }
  // a CJK run is worth more when a note has all of its bigrams: 个人备忘录 over a title with 备忘录
  const bigrams = terms.filter(t => isCjkTerm(t) && [...t].length === 2);
  if (bigrams.length >= 2) queries.push(exact(bigrams, 0.5, fieldBoost));

  const normalized = normalize(text).trim().replace(/\s+/g, ' ');
  const phrase = terms.length >= 2 ? normalized : undefined;
  const lastIsPrefix = !/\s$/.test(text);
  return { terms, replaced, alternativeQueries: queries, alternatives, alternativePhrases, covers, phrase, normalized, lastIsPrefix, common: new Set() };
}

/** Where the terms of `run` stand one after the other in `terms`, or [] when they do not. */
function findRun(terms: string[], run: string[]): string[] {
  if (!run.length) return [];
  for (let i = 0; i + run.length <= terms.length; i++) if (run.every((t, k) => terms[i + k] === t)) return run;
  return [];
}

/** How a matched document term relates to the query: which query term it stands for, and how well. */
export function classifyTerm(term: string, plan: QueryPlan): { group: string; weight: number } {
  if (plan.terms.includes(term)) return { group: term, weight: 1 };
  // a word of another name counts little alone; the whole name is matched as a phrase (locate)
  const alternative = plan.alternatives.get(term);
  if (alternative !== undefined) return { group: alternative, weight: 0.15 };
  for (const q of plan.terms) if (!isCjkTerm(q) && term.startsWith(q)) return { group: q, weight: 0.8 };
  // a typo: the query term it is closest to (the fewest edits, then the longest common start)
  let best = plan.terms[0];
  let bestEdits = Infinity;
  let common = -1;
  for (const q of plan.terms) {
    let n = 0;
    while (n < q.length && n < term.length && q[n] === term[n]) n++;
    const edits = plan.terms.length > 1 ? editDistance(q, term) : 0;
    if (edits < bestEdits || (edits === bestEdits && n > common)) {
      bestEdits = edits;
      common = n;
      best = q;
    }
  }
  return { group: best, weight: 0.5 };
}

/** Levenshtein distance of two short terms. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
