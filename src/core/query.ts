// From what the user typed to a MiniSearch query: the terms as typed (prefix and typo tolerant, see
// miniSearchOptions), plus exact-match alternatives that find the same thing under another spelling:
// - a service's other names: "web application firewall" also looks for WAF, "STS" for "security
//   token service", "OpenSearch" for "elasticsearch service";
// - compounds: "healthcare" also looks for "health" + "care", "health care" for "healthcare".
import type { Query } from 'minisearch';
import { formKey, serviceByName } from './catalog';
import { findServices } from './matcher';
import { normalize } from './normalize';
import { isCjkTerm, queryTerms } from './tokenizer';

/** Queries longer than this are cut (a pasted page must answer as fast as a word). */
export const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 24;
const MAX_SERVICES = 3;
const MAX_FORMS = 12;

export interface QueryPlan {
  /** The query's own terms. */
  terms: string[];
  /** The MiniSearch query. */
  query: Query;
  /** Terms added by an alternative, with the query term or service they stand for. */
  alternatives: Map<string, string>;
  /** Each alternative as the phrase it is ("security token service"), worth the query terms it replaces. */
  alternativePhrases: { phrase: string; group: string; weight: number }[];
  /** The normalized query as a phrase (two or more terms), for the phrase bonus. */
  phrase?: string;
}

const LATIN_WORD = /^[a-z]+$/;

function exact(words: string[], weight: number, fieldBoost: Record<string, number>): Query {
  const boost: Record<string, number> = {};
  for (const [field, b] of Object.entries(fieldBoost)) boost[field] = b * weight;
  return { queries: [words.join(' ')], combineWith: 'AND', prefix: false, fuzzy: false, boost };
}

/** The plan for a query, or undefined when it has no terms. */
export function planQuery(input: string, fieldBoost: Record<string, number>): QueryPlan | undefined {
  const text = input.slice(0, MAX_QUERY_CHARS);
  const terms = queryTerms(text).slice(0, MAX_QUERY_TERMS);
  if (!terms.length) return undefined;
  const alternatives = new Map<string, string>();
  const alternativePhrases: QueryPlan['alternativePhrases'] = [];
  const queries: Query[] = [terms.join(' ')];
  const seen = new Set<string>([terms.join(' ')]);
  const add = (words: string[], weight: number, standsFor: string, replaces: number) => {
    const key = words.join(' ');
    if (!words.length || seen.has(key)) return;
    seen.add(key);
    queries.push(exact(words, weight, fieldBoost));
    alternativePhrases.push({ phrase: key, group: standsFor, weight: 0.9 * replaces });
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
    const forms = new Map<string, string>();
    for (const f of [info.name, ...info.forms]) if (!forms.has(formKey(f))) forms.set(formKey(f), f);
    for (const form of [...forms.values()].slice(0, MAX_FORMS)) add(queryTerms(form), 0.8, `service:${name}`, replaces);
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

  const phrase = terms.length >= 2 ? normalize(text).trim().replace(/\s+/g, ' ') : undefined;
  return { terms, query: queries.length === 1 ? queries[0] : { combineWith: 'OR', queries }, alternatives, alternativePhrases, phrase };
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
