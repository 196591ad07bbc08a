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

export interface QueryPlan {
  /** The query's own terms. */
  terms: string[];
  /** The exact-match MiniSearch queries of the alternatives (the query's own terms are added by the index). */
  alternativeQueries: Query[];
  /** Terms added by an alternative, with the query term or service they stand for. */
  alternatives: Map<string, string>;
  /** Each alternative as the phrase it is ("security token service"), worth the query terms it replaces. */
  alternativePhrases: { phrase: string; words: string[]; group: string; weight: number }[];
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

/** Query terms as the index stores them, joined for MiniSearch's query tokenizer (split on spaces). */
export function storedQuery(words: string[]): string {
  return words.map(w => toStored(w, isCjkTerm(w))).join(' ');
}

function exact(words: string[], weight: number, fieldBoost: Record<string, number>): Query {
  const boost: Record<string, number> = {};
  for (const [field, b] of Object.entries(fieldBoost)) boost[field] = b * weight;
  return { queries: [storedQuery(words)], combineWith: 'AND', prefix: false, fuzzy: false, boost };
}

/** The plan for a query, or undefined when it has no terms. */
export function planQuery(input: string, fieldBoost: Record<string, number>): QueryPlan | undefined {
  const text = input.slice(0, MAX_QUERY_CHARS);
  const terms = queryTerms(text).slice(0, MAX_QUERY_TERMS);
  if (!terms.length) return undefined;
  const alternatives = new Map<string, string>();
  const alternativePhrases: QueryPlan['alternativePhrases'] = [];
  const queries: Query[] = [];
  const seen = new Set<string>([terms.join(' ')]);
  const add = (words: string[], weight: number, standsFor: string, replaces: number) => {
    const key = words.join(' ');
    if (!words.length || seen.has(key)) return;
    seen.add(key);
    queries.push(exact(words, weight, fieldBoost));
    alternativePhrases.push({ phrase: key, words, group: standsFor, weight: 0.9 * replaces });
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
    // only other spellings: a form that holds a word of the query ("Amazon DynamoDB" for "dynamodb")
    // finds nothing the query does not already find, and costs a pass over common words' postings
    const forms = new Map<string, string[]>();
    for (const f of [info.name, ...info.forms]) {
      const words = queryTerms(f).filter(w => !FORM_STOPWORDS.has(w));
      if (words.length && !words.some(w => terms.includes(w)) && !forms.has(words.join(' '))) forms.set(words.join(' '), words);
    }
    for (const words of [...forms.values()].slice(0, MAX_FORMS)) add(words, 0.8 * Math.min(replaces, 3), `service:${name}`, replaces);
  }
  // compounds written apart or together
  for (let i = 0; i + 1 < terms.length; i++) {
    const [a, b] = [terms[i], terms[i + 1]];
    if (LATIN_WORD.test(a) && LATIN_WORD.test(b) && a.length > 1 && b.length > 1) add([a + b], 0.6, `${a} ${b}`, 2);
  }
  for (const t of terms) {
    if (!LATIN_WORD.test(t) || t.length < 7) continue;
    for (let i = 3; i <= t.length - 3; i++) add([t.slice(0, i), t.slice(i)], 0.6, t, 1);
  }
  // a CJK run is worth more when a note has all of its bigrams: 个人备忘录 over a title with 备忘录
  const bigrams = terms.filter(t => isCjkTerm(t) && [...t].length === 2);
  if (bigrams.length >= 2) queries.push(exact(bigrams, 0.5, fieldBoost));

  const normalized = normalize(text).trim().replace(/\s+/g, ' ');
  const phrase = terms.length >= 2 ? normalized : undefined;
  const lastIsPrefix = !/\s$/.test(text);
  return { terms, alternativeQueries: queries, alternatives, alternativePhrases, phrase, normalized, lastIsPrefix, common: new Set() };
}

/** How a matched document term relates to the query: which query term it stands for, and how well. */
export function classifyTerm(term: string, plan: QueryPlan): { group: string; weight: number } {
  if (plan.terms.includes(term)) return { group: term, weight: 1 };
  // a word of another name counts little alone; the whole name is matched as a phrase (locate)
  const alternative = plan.alternatives.get(term);
  if (alternative !== undefined) return { group: alternative, weight: 0.15 };
  let best = plan.terms[0];
  let common = -1;
  for (const q of plan.terms) {
    if (!isCjkTerm(q) && term.startsWith(q)) return { group: q, weight: 0.8 };
    let n = 0;
    while (n < q.length && n < term.length && q[n] === term[n]) n++;
    if (n > common) {
      common = n;
      best = q;
    }
  }
  return { group: best, weight: 0.5 };
}
