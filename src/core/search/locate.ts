// Stage 4 of the search (plan → retrieve → rank → locate → snippet): the line of a note where the
// matched terms stand best, and the range to select in it.
import { WORD, unitKind } from '../normalize';
import { MAX_TERM_LENGTH, STOPWORDS, isCjkTerm } from '../tokenizer';
import { fromStored } from '../indexTerms';
import { type NoteRecord, lineOfOffset, lineText, offsetOfLine } from '../notes';
import { type Rendering, originalLine } from '../renderings';
import { type QueryPlan, classifyTerm } from './plan';
import { stemTerm } from './stem';

/** The matched terms (strongest first) the line finder looks for. */
const LOCATE_TERMS = 16;
/** The group of the whole query found as written. */
const PHRASE = '\u0000phrase';

/** A text to look in: the note file as read, the same normalized (normalize.ts), where its body starts. */
export interface LocateText {
  text: string;
  norm: string;
  bodyLine: number;
  /**
   * A rendering's `#` title line: a translated title is metadata (like title_en), and answers only
   * when no other line does as well. (The original's title line is the author's own words.)
   */
  titleLine?: number;
}

/** A link's address in a line, and what a word found in it counts. */
const URL = /[a-z][a-z0-9+.-]*:\/\/[^\s<>()]+/g;
const URL_WEIGHT = 0.3;

/** What a match on a rendering's title line counts, against one on another line. */
const TITLE_LINE_WEIGHT = 0.5;

export interface Located {
  /** 1-based line in the text. */
  line: number;
  /** That line (no line break). */
  lineText: string;
  /** The selection [from, to) in that line, and every matched range. */
  from: number;
  to: number;
  ranges: [number, number][];
  /** How well the line answers (comparable between the texts of one note). */
  score: number;
  /** How many of the query's terms the line holds (itself or by another name). */
  covered: number;
  /** For each line of the text with a match (1-based), the query terms it holds. */
  lineTerms?: Map<number, Set<string>>;
}

interface Occurrence {
  start: number;
  end: number;
  /** The query term (or alternative) it stands for. */
  group: string;
  weight: number;
}

function isWordUnit(c: number): boolean {
  return unitKind(c) === WORD;
}

/** A term a note matched, with the query term it stands for and how well it matched. */
export interface MatchedTerm {
  term: string;
  group: string;
  weight: number;
}

/** A note's matched terms (as stored in the index), strongest first: what locate looks for in each of its texts. */
export function matchedTerms(storedTerms: string[], plan?: QueryPlan): MatchedTerm[] {
  // (a prefix of a common word can expand to dozens of terms)
  return storedTerms
    .map(fromStored)
    .map(term => ({ term, ...(plan ? classifyTerm(term, plan) : { group: term, weight: 1 }) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, LOCATE_TERMS);
}

/** The 1-based line of a note's `#` title, if it has one. */
export function titleLineOf(r: NoteRecord): number | undefined {
  return r.headings.find(h => h.level === 1)?.line;
}

/** Where a hit opens when no line of the note holds a matched term: its `#` title, else its first body line. */
export function titleLine(r: NoteRecord): Located {
  const h1 = r.headings.find(h => h.level === 1);
  const line = h1?.line ?? r.bodyLine;
  return { line, lineText: lineText(r.text, line), from: 0, to: 0, ranges: [], score: 0, covered: 0 };
}

/**
 * Where in the text's body the matched terms stand best, or undefined when no line holds one. Each
 * query term counts once per line, weighted by how it matched (exact > another name > prefix >
 * typo), by how rare it is in the text, and less for function words; a line holding the whole
 * phrase wins.
 */
export function locate(t: LocateText, matched: MatchedTerm[], plan?: QueryPlan): Located | undefined {
  const { norm } = t;
  const bodyStart = offsetOfLine(t.text, t.bodyLine);
  const occurrences: Occurrence[] = [];
  for (const { term, group, weight } of matched) {
    const w = STOPWORDS.has(group) ? weight * 0.2 : weight;
    if (isCjkTerm(term)) {
      for (let at = norm.indexOf(term, bodyStart), n = 0; at !== -1 && n < 200; at = norm.indexOf(term, at + 1), n++) {
        occurrences.push({ start: at, end: at + term.length, group, weight: w });
      }
      continue;
    }
    // a word is found by its stem: look where a word starts with the stem (less its last letter,
    // which the stemmer may have changed: strategy → strategi → strategy) and stem the whole word
    const stem = stemTerm(term) === term && term.length > 3 ? term.slice(0, -1) : term;
    let from = bodyStart;
    let seen = 0;
    while (seen < 200) {
      const at = norm.indexOf(stem, from);
      if (at === -1) break;
      from = at + 1;
      if (at > 0 && isWordUnit(norm.charCodeAt(at - 1))) continue;
      let end = at + stem.length;
      while (end < norm.length && isWordUnit(norm.charCodeAt(end))) end++;
      const word = norm.slice(at, end);
      if (word !== term && stemTerm(word) !== term && !(term.length >= MAX_TERM_LENGTH && word.startsWith(term))) continue;
      if (term.length >= MAX_TERM_LENGTH) end = Math.min(end, at + term.length);
      occurrences.push({ start: at, end, group, weight: w });
      seen++;
    }
  }
  // the phrases: the whole query, and the other names whose words this note matched
  const words = new Set(matched.map(m => m.term));
  const phrases = plan ? plan.alternativePhrases.filter(p => p.words.every(w => words.has(w))) : [];
  if (plan?.phrase) phrases.push({ phrase: plan.phrase, words: [], group: PHRASE, weight: 3 });
  for (const { phrase, group, weight } of phrases) {
    for (let at = norm.indexOf(phrase, bodyStart), n = 0; at !== -1 && n < 50; at = norm.indexOf(phrase, at + 1), n++) {
      const end = at + phrase.length;
      if (!isCjkTerm(phrase) && ((at > 0 && isWordUnit(norm.charCodeAt(at - 1))) || (end < norm.length && isWordUnit(norm.charCodeAt(end))))) continue;
      occurrences.push({ start: at, end, group, weight });
    }
  }
  if (!occurrences.length) return undefined;
  occurrences.sort((a, b) => a.start - b.start || b.end - a.end);
  // group the occurrences by line
  const lines: { ls: number; le: number; occ: Occurrence[] }[] = [];
  for (let i = 0; i < occurrences.length; ) {
    const ls = norm.lastIndexOf('\n', occurrences[i].start - 1) + 1;
    let le = norm.indexOf('\n', occurrences[i].start);
    if (le === -1) le = norm.length;
    const occ: Occurrence[] = [];
    while (i < occurrences.length && occurrences[i].start < le) occ.push(occurrences[i++]);
    lines.push({ ls, le, occ });
  }
  // rarity: a term on every line tells less than one on a single line
  const linesWith = new Map<string, number>();
  for (const l of lines) for (const g of new Set(l.occ.map(o => o.group))) linesWith.set(g, (linesWith.get(g) ?? 0) + 1);
  // a word inside a link's address says less than one in the line's text
  for (const l of lines) {
    const scheme = norm.indexOf('://', l.ls);
    if (scheme === -1 || scheme >= l.le) continue;
    for (const m of norm.slice(l.ls, l.le).matchAll(URL)) {
      const [a, b] = [l.ls + (m.index as number), l.ls + (m.index as number) + m[0].length];
      for (const o of l.occ) if (o.start >= a && o.end <= b) o.weight *= URL_WEIGHT;
    }
  }
  const titleStart = t.titleLine === undefined ? -1 : offsetOfLine(t.text, t.titleLine);
  const scored = lines.map(l => {
    const byGroup = new Map<string, number>();
    for (const o of l.occ) byGroup.set(o.group, Math.max(byGroup.get(o.group) ?? 0, o.weight));
    let score = 0;
    // (the whole query, or another name of a service it names, counts in full wherever it stands)
    for (const [g, w] of byGroup) score += g === PHRASE || g.startsWith('service:') ? w : w / (1 + Math.log(linesWith.get(g) ?? 1));
    if (l.ls === titleStart) score *= TITLE_LINE_WEIGHT;
    return { line: l, byGroup, score };
  });
  // abbreviations break near ties only: look at the lines they could lift to the top
  const topScore = Math.max(...scored.map(x => x.score));
  const reach = plan ? 0.3 * plan.terms.length : 0;
  let best = lines[0];
  let bestScore = -1;
  for (const x of scored) {
    const score = plan && x.score + reach >= topScore ? x.score + abbreviationBonus(norm.slice(x.line.ls, x.line.le), plan, x.byGroup) : x.score;
    if (score > bestScore + 1e-9) {
      best = x.line;
      bestScore = score;
    }
  }
  const { ls, occ } = best;
  let le = best.le;
  if (le > ls && t.text.charCodeAt(le - 1) === 13) le--;
  // the selection: the phrase, else the strongest first occurrence extended over the ones that follow it closely
  const phrase = occ.find(o => o.group === PHRASE);
  const top = Math.max(...occ.map(o => o.weight));
  const first = phrase ?? occ.find(o => o.weight === top) ?? occ[0];
  let from = first.start;
  let to = first.end;
  for (const o of occ) {
    if (o.start < from) continue;
    if (o.start <= to + 2 && o.end > to) to = o.end;
    else if (o.start > to + 2) break;
  }
  const ranges: [number, number][] = [];
  for (const o of occ) {
    if (o.group === PHRASE) continue;
    const last = ranges[ranges.length - 1];
    if (last && o.start - ls <= last[1]) last[1] = Math.max(last[1], o.end - ls);
    else ranges.push([o.start - ls, o.end - ls]);
  }
  // the query terms of every line with a match, by line number
  const lineTerms = new Map<number, Set<string>>();
  if (plan && plan.terms.length > 1) {
    let number = lineOfOffset(t.text, lines[0].ls);
    let at = lines[0].ls;
    for (const l of lines) {
      for (let nl = norm.indexOf('\n', at); nl !== -1 && nl < l.ls; nl = norm.indexOf('\n', nl + 1)) number++;
      at = l.ls;
      lineTerms.set(number, coveredTerms(l.occ, plan));
    }
  }
  return { line: lineOfOffset(t.text, ls), lineText: t.text.slice(ls, le), from: from - ls, to: to - ls, ranges, score: bestScore, covered: coverage(best.occ, plan), lineTerms };
}

/** The query terms a line's occurrences stand for. */
function coverage(occ: Occurrence[], plan: QueryPlan | undefined): number {
  return coveredTerms(occ, plan).size;
}

function coveredTerms(occ: Occurrence[], plan: QueryPlan | undefined): Set<string> {
  const terms = new Set<string>();
  if (!plan) return terms;
  for (const o of occ) {
    if (o.group === PHRASE) return new Set(plan.terms);
    for (const t of plan.covers.get(o.group) ?? [o.group]) if (plan.terms.includes(t)) terms.add(t);
  }
  return terms;
}

/**
 * How many query terms a line holds in all the texts of a note together: line N of the original
 * and line N of each rendering say the same thing, and each may hold other words of the query.
 */
export function coveredAcross(plan: QueryPlan, texts: { at: Located | undefined; line: number }[]): number {
  const all = new Set<string>();
  for (const { at, line } of texts) for (const t of at?.lineTerms?.get(line) ?? []) all.add(t);
  return all.size;
}

/** Abbreviations in a line count a little: "creds" for "credentials", "repl" for "replication". */
function abbreviationBonus(line: string, plan: QueryPlan, found: Map<string, number>): number {
  let bonus = 0;
  const words = line.match(/[a-z][a-z0-9]{3,}/g);
  if (!words) return 0;
  for (const q of plan.terms) {
    if (found.has(q) || q.length < 5 || STOPWORDS.has(q)) continue;
    if (words.some(w => w.length < q.length && q.startsWith(w.slice(0, 4)) && w.slice(0, 4) === q.slice(0, 4))) bonus += 0.3;
  }
  return bonus;
}

/** The line of the original that a rendering's located line renders, selected whole (the match was in the rendering). */
export function alignedLine(r: NoteRecord, rendering: Rendering, at: Located): Located {
  const line = originalLine(r, rendering, at.line);
  const text = lineText(r.text, line);
  const marker = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)*/.exec(text);
  const from = marker ? marker[0].length : 0;
  const to = Math.max(from, text.trimEnd().length);
  return { line, lineText: text, from, to, ranges: [], score: at.score, covered: at.covered };
}
