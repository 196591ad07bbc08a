// Stage 4 of the search (plan → retrieve → rank → locate → snippet): the line of a note where the
// matched terms stand best, and the range to select in it.
import { WORD, unitKind } from '../normalize';
import { MAX_TERM_LENGTH, STOPWORDS, isCjkTerm } from '../tokenizer';
import { fromStored } from '../indexTerms';
import { type NoteRecord, lineOfOffset, lineText, offsetOfLine } from '../notes';
import { type QueryPlan, classifyTerm } from './plan';

/** The matched terms (strongest first) the line finder looks for. */
const LOCATE_TERMS = 16;
/** The group of the whole query found as written. */
const PHRASE = '\u0000phrase';

/** A text to look in: the note file as read, the same normalized (normalize.ts), where its body starts. */
export interface LocateText {
  text: string;
  norm: string;
  bodyLine: number;
}

export interface Located {
  /** 1-based line in the text. */
  line: number;
  /** That line (no line break). */
  lineText: string;
  /** The selection [from, to) in that line, and every matched range. */
  from: number;
  to: number;
  ranges: [number, number][];
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

/** Where a hit opens when no line of the note holds a matched term: its `#` title, else its first body line. */
export function titleLine(r: NoteRecord): Located {
  const h1 = r.headings.find(h => h.level === 1);
  const line = h1?.line ?? r.bodyLine;
  return { line, lineText: lineText(r.text, line), from: 0, to: 0, ranges: [] };
}

/**
 * Where in the text's body the matched terms stand best, or undefined when no line holds one. Each
 * query term counts once per line, weighted by how it matched (exact > another name > prefix >
 * typo), by how rare it is in the text, and less for function words; a line holding the whole
 * phrase wins.
 */
export function locate(t: LocateText, storedTerms: string[], plan?: QueryPlan): Located | undefined {
  const { norm } = t;
  // the strongest matches first; a prefix of a common word can expand to dozens of terms
  const matched = storedTerms
    .map(fromStored)
    .map(term => ({ term, ...(plan ? classifyTerm(term, plan) : { group: term, weight: 1 }) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, LOCATE_TERMS);
  const bodyStart = offsetOfLine(t.text, t.bodyLine);
  const occurrences: Occurrence[] = [];
  for (const { term, group, weight } of matched) {
    const cjk = isCjkTerm(term);
    let from = bodyStart;
    let seen = 0;
    while (seen < 200) {
      const at = norm.indexOf(term, from);
      if (at === -1) break;
      from = at + 1;
      const end = at + term.length;
      if (!cjk) {
        if (at > 0 && isWordUnit(norm.charCodeAt(at - 1))) continue;
        if (term.length < MAX_TERM_LENGTH && end < norm.length && isWordUnit(norm.charCodeAt(end))) continue;
      }
      occurrences.push({ start: at, end, group, weight: STOPWORDS.has(group) ? weight * 0.2 : weight });
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
  const scored = lines.map(l => {
    const byGroup = new Map<string, number>();
    for (const o of l.occ) byGroup.set(o.group, Math.max(byGroup.get(o.group) ?? 0, o.weight));
    let score = 0;
    // (the whole query, or another name of a service it names, counts in full wherever it stands)
    for (const [g, w] of byGroup) score += g === PHRASE || g.startsWith('service:') ? w : w / (1 + Math.log(linesWith.get(g) ?? 1));
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
  return { line: lineOfOffset(t.text, ls), lineText: t.text.slice(ls, le), from: from - ls, to: to - ls, ranges };
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
