// Cross-lingual search quality over the bundled notes (test/fixtures/eval-crosslingual.json): queries
// in one language for passages written in another, questions, loosely written codes, typos, other
// names and mixed scripts, each labelled with the notes and the lines that answer it.
//
// For every query: the rank of the first relevant id in search(q, { limit: 10 }) (0 = not found),
// and whether the top hit opens at an answering line (within one line, never the `#` title line).
// The targets are asserted on the whole set; the tuned and the held-out queries are printed apart
// (the held-out ones are never used to tune the search). The public examples
// (queries-crosslingual-public.json) are run and printed too.
import * as assert from 'node:assert/strict';
import { openBundledNotes, originalLine, renderingOf, type NotesIndex, type SearchHit } from '../../src/core/index';
import { readJsonFixture } from './fixtures';

const KINDS = ['xling-en2cjk', 'xling-cjk2en', 'question', 'partial', 'typo', 'synonym', 'mixed'] as const;

interface EvalQuery {
  q: string;
  ids: string[];
  kind: (typeof KINDS)[number];
  /** id → the 1-based lines of notes/<id>.md that answer it. */
  lines?: Record<string, number[]>;
  heldout?: boolean;
}

/** Targets (do not lower them to make the test pass: tune the engine, on the tuned queries only). */
const TARGET = { hit1: 0.9, hit3: 0.97, mrr: 0.93, directionHit1: 0.9, line: 0.85 };
const MIN_QUERIES = 150;
const LIMIT = 10;

interface Outcome {
  query: EvalQuery;
  rank: number;
  hits: SearchHit[];
  /** Whether the top hit opens at an answering line; undefined when the query labels no line for it. */
  lineOk?: boolean;
}

function evaluate(index: NotesIndex, query: EvalQuery): Outcome {
  const hits = index.search(query.q, { limit: LIMIT });
  const at = hits.findIndex(h => query.ids.includes(h.id));
  const outcome: Outcome = { query, rank: at + 1, hits };
  const top = hits[0];
  const wanted = top && query.ids.includes(top.id) ? query.lines?.[top.id] : undefined;
  if (wanted) {
    const title = index.note(top.key)?.headings.find(h => h.level === 1)?.line;
    outcome.lineOk = top.line !== title && wanted.some(line => Math.abs(line - top.line) <= 1);
  }
  return outcome;
}

interface Stats {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  lines: number;
  line: number;
}

function stats(outcomes: Outcome[]): Stats {
  const n = outcomes.length;
  const frac = (k: number, of = n) => (of ? k / of : 1);
  const checked = outcomes.filter(o => o.lineOk !== undefined);
  return {
    n,
    hit1: frac(outcomes.filter(o => o.rank === 1).length),
    hit3: frac(outcomes.filter(o => o.rank >= 1 && o.rank <= 3).length),
    mrr: frac(outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0)),
    lines: checked.length,
    line: frac(checked.filter(o => o.lineOk).length, checked.length),
  };
}

function table(title: string, outcomes: Outcome[]): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const row = (name: string, s: Stats) => `${name.padEnd(14)} ${String(s.n).padStart(4)} ${pct(s.hit1)} ${pct(s.hit3)} ${pct(s.mrr)} ${pct(s.line)} (${s.lines})`;
  const rows = KINDS.filter(k => outcomes.some(o => o.query.kind === k)).map(k => row(k, stats(outcomes.filter(o => o.query.kind === k))));
  const header = `${'kind'.padEnd(14)} ${'n'.padStart(4)} ${'hit@1'.padStart(6)} ${'hit@3'.padStart(6)} ${'MRR'.padStart(6)} ${'line'.padStart(6)}`;
  return [
    `${title}:`,
    header,
    ...rows,
    '-'.repeat(header.length),
    row('tuned', stats(outcomes.filter(o => !o.query.heldout))),
    row('held out', stats(outcomes.filter(o => o.query.heldout))),
    row('overall', stats(outcomes)),
  ].join('\n');
}

function describe1(o: Outcome): string {
  const { q, ids, kind, heldout } = o.query;
  const top = o.hits.slice(0, 3).map((h, i) => `${i + 1}. ${h.id} L${h.line} (${h.matched?.lang} L${h.matched?.line}) "${h.snippet.slice(0, 60)}"`);
  return `  [${kind}${heldout ? ', held out' : ''}] "${q}": want ${ids.join(' | ')}${o.query.lines ? ` @ ${JSON.stringify(o.query.lines)}` : ''}; ${o.rank ? `rank ${o.rank}` : 'not found'}; ${top.join('  ') || '(no hits)'}`;
}

function failing(title: string, list: Outcome[]): string {
  return `${title}: ${list.length}\n${list.map(describe1).join('\n')}`;
}

describe('cross-lingual search quality on the evaluation set', () => {
  const index = openBundledNotes();
  const set = readJsonFixture<{ queries: EvalQuery[] }>('eval-crosslingual.json');
  const examples = readJsonFixture<{ queries: (EvalQuery & { kind: string })[] }>('queries-crosslingual-public.json');
  let outcomes: Outcome[] = [];

  before(() => {
    outcomes = set.queries.map(q => evaluate(index, q));
    const publicOutcomes = examples.queries.map(q => evaluate(index, q));
    const missed = outcomes.filter(o => o.rank !== 1 || o.lineOk === false);
    console.log(
      [
        '',
        table('cross-lingual search quality (eval-crosslingual.json, %)', outcomes),
        '',
        table('the public examples (queries-crosslingual-public.json, %)', publicOutcomes),
        '',
        failing('not first, or not at the answering line', missed),
        '',
      ].join('\n'),
    );
  });

  describe('the set itself', () => {
    it(`has at least ${MIN_QUERIES} queries of every kind, no duplicate, about a third held out`, () => {
      assert.ok(set.queries.length >= MIN_QUERIES, `${set.queries.length} queries`);
      for (const kind of KINDS) assert.ok(set.queries.filter(q => q.kind === kind).length >= 10, kind);
      const seen = new Set<string>();
      assert.deepEqual(set.queries.map(q => q.q).filter(q => (seen.has(q) ? true : (seen.add(q), false))), []);
      const held = set.queries.filter(q => q.heldout).length / set.queries.length;
      assert.ok(held >= 0.28 && held <= 0.4, `held out: ${held.toFixed(2)}`);
    });

    it('names notes that exist, and labels lines of their bodies that hold text', () => {
      const bad: string[] = [];
      for (const q of set.queries) {
        if (!KINDS.includes(q.kind) || !q.ids.length) bad.push(`"${q.q}": kind or ids`);
        for (const id of q.ids) if (!index.note(id)) bad.push(`"${q.q}": no note ${id}`);
        for (const [id, lines] of Object.entries(q.lines ?? {})) {
          const note = index.note(id);
          if (!note || !q.ids.includes(id)) {
            bad.push(`"${q.q}": lines of ${id}, which it does not name`);
            continue;
          }
          const text = note.text.split('\n');
          for (const line of lines) if (line < note.bodyLine || !text[line - 1]?.trim()) bad.push(`"${q.q}": ${id} line ${line} is no body line with text`);
        }
      }
      assert.deepEqual(bad, []);
    });

    it('labels the answering line for most queries, and has both cross-lingual directions', () => {
      assert.ok(set.queries.filter(q => q.lines).length >= 0.7 * set.queries.length);
      assert.ok(set.queries.filter(q => q.kind === 'xling-en2cjk').length >= 25);
      assert.ok(set.queries.filter(q => q.kind === 'xling-cjk2en').length >= 25);
    });
  });

  describe('the engine', () => {
    it(`puts a relevant note first for at least ${TARGET.hit1 * 100}% of the queries (hit@1)`, () => {
      const s = stats(outcomes);
      assert.ok(s.hit1 >= TARGET.hit1, failing(`hit@1 ${s.hit1.toFixed(3)}`, outcomes.filter(o => o.rank !== 1)));
    });

    it(`puts a relevant note in the top 3 for at least ${TARGET.hit3 * 100}% (hit@3)`, () => {
      const s = stats(outcomes);
      assert.ok(s.hit3 >= TARGET.hit3, failing(`hit@3 ${s.hit3.toFixed(3)}`, outcomes.filter(o => !o.rank || o.rank > 3)));
    });

    it(`reaches an MRR of at least ${TARGET.mrr}`, () => {
      const s = stats(outcomes);
      assert.ok(s.mrr >= TARGET.mrr, failing(`MRR ${s.mrr.toFixed(3)}`, outcomes.filter(o => o.rank !== 1)));
    });

    for (const kind of ['xling-en2cjk', 'xling-cjk2en'] as const) {
      it(`puts a relevant note first for at least ${TARGET.directionHit1 * 100}% of the ${kind} queries`, () => {
        const of = outcomes.filter(o => o.query.kind === kind);
        const s = stats(of);
        assert.ok(s.hit1 >= TARGET.directionHit1, failing(`${kind} hit@1 ${s.hit1.toFixed(3)}`, of.filter(o => o.rank !== 1)));
      });
    }

    it(`opens at the answering line (within one line, never the title) for at least ${TARGET.line * 100}% of the labelled queries`, () => {
      const s = stats(outcomes);
      assert.ok(s.line >= TARGET.line, failing(`line ${s.line.toFixed(3)} of ${s.lines}`, outcomes.filter(o => o.lineOk === false)));
    });

    it('says for every hit which text matched, and where it stands in that text and in the original', () => {
      const bad: string[] = [];
      for (const o of outcomes) {
        for (const h of o.hits) {
          const note = index.note(h.key);
          const m = h.matched;
          if (!note || !m) {
            bad.push(`"${o.query.q}": ${h.id} has no matched text`);
            continue;
          }
          if (m.lang === 'original') {
            if (m.line !== h.line || m.column !== h.column || m.snippet !== h.snippet) bad.push(`"${o.query.q}": ${h.id} original differs from the hit`);
            continue;
          }
          const rendering = renderingOf(note, m.lang);
          if (!rendering) {
            bad.push(`"${o.query.q}": ${h.id} has no ${m.lang} rendering`);
            continue;
          }
          if (originalLine(note, rendering, m.line) !== h.line) bad.push(`"${o.query.q}": ${h.id} ${m.lang} L${m.line} is not the original's L${h.line}`);
          const line = rendering.text.split('\n')[m.line - 1] ?? '';
          if (m.length && !line.slice(m.column, m.column + m.length).trim()) bad.push(`"${o.query.q}": ${h.id} ${m.lang} L${m.line} selects nothing`);
        }
      }
      assert.deepEqual(bad, []);
    });
  });
});
