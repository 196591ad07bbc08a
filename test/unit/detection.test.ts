// The labelled detection set (test/fixtures/detection.json): findServices against real lines of
// CDK, Terraform, CloudFormation, SDK code, CLI, ARNs and prose, and against ordinary words and
// Python lambdas that must not count. Scores recall and precision over distinct service names per
// case, prints a table per source, and on failure lists every missed and spurious service with its line.
import * as assert from 'node:assert/strict';
import { serviceByName } from '../../src/core/catalog';
import { findServices } from '../../src/core/matcher';
import { readJsonFixture } from './fixtures';

interface DetectionCase {
  lang: string;
  text: string;
  /** Canonical names of every service the text really names (a set: order free, each once). */
  services: string[];
  source: string;
}

interface DetectionSet {
  about: string;
  cases: DetectionCase[];
}

interface Outcome {
  c: DetectionCase;
  found: string[];
  hits: string[];
  missed: string[];
  spurious: string[];
}

const TARGET_RECALL = 0.98;
const TARGET_PRECISION = 0.98;

const set = readJsonFixture<DetectionSet>('detection.json');
const negative = (c: DetectionCase) => c.services.length === 0;

function evaluate(c: DetectionCase): Outcome {
  const found = [...new Set(findServices(c.text, c.lang).map(m => m.name))];
  const expected = new Set(c.services);
  return {
    c,
    found,
    hits: found.filter(n => expected.has(n)),
    missed: c.services.filter(n => !found.includes(n)),
    spurious: found.filter(n => !expected.has(n)),
  };
}

interface Score {
  cases: number;
  negatives: number;
  labelled: number;
  found: number;
  hits: number;
  missed: number;
  spurious: number;
  negativeFalsePositives: number;
}

function score(outcomes: Outcome[]): Score {
  const s: Score = { cases: 0, negatives: 0, labelled: 0, found: 0, hits: 0, missed: 0, spurious: 0, negativeFalsePositives: 0 };
  for (const o of outcomes) {
    s.cases++;
    if (negative(o.c)) {
      s.negatives++;
      s.negativeFalsePositives += o.found.length;
    }
    s.labelled += o.c.services.length;
    s.found += o.found.length;
    s.hits += o.hits.length;
    s.missed += o.missed.length;
    s.spurious += o.spurious.length;
  }
  return s;
}

const recall = (s: Score) => (s.labelled === 0 ? 1 : s.hits / s.labelled);
const precision = (s: Score) => (s.found === 0 ? 1 : s.hits / s.found);
const pct = (x: number, defined: boolean) => (defined ? (x * 100).toFixed(1) : '-').padStart(6);

function table(outcomes: Outcome[]): string {
  const sources = [...new Set(outcomes.map(o => o.c.source))];
  const rows = [...sources.map(src => [src, score(outcomes.filter(o => o.c.source === src))] as const), ['ALL', score(outcomes)] as const];
  const head = `${'source'.padEnd(12)} ${'cases'.padStart(5)} ${'neg'.padStart(4)} ${'label'.padStart(5)} ${'miss'.padStart(4)} ${'spur'.padStart(4)} ${'negFP'.padStart(5)} ${'recall'.padStart(6)} ${'prec'.padStart(6)}`;
  const lines = rows.map(([src, s]) =>
    `${src.padEnd(12)} ${String(s.cases).padStart(5)} ${String(s.negatives).padStart(4)} ${String(s.labelled).padStart(5)} ` +
      `${String(s.missed).padStart(4)} ${String(s.spurious).padStart(4)} ${String(s.negativeFalsePositives).padStart(5)} ${pct(recall(s), s.labelled > 0)} ${pct(precision(s), s.found > 0)}`,
  );
  return [head, ...lines].join('\n');
}

function failures(outcomes: Outcome[]): string {
  const show = (o: Outcome) => `[${o.c.source}/${o.c.lang}] ${JSON.stringify(o.c.text)}  (found: ${o.found.join(', ') || '-'})`;
  const missed = outcomes.filter(o => o.missed.length).map(o => `  missed ${o.missed.join(', ')}  in ${show(o)}`);
  const spurious = outcomes.filter(o => o.spurious.length).map(o => `  spurious ${o.spurious.join(', ')}  in ${show(o)}`);
  return [`${missed.length} case(s) with missed services:`, ...missed, `${spurious.length} case(s) with spurious services:`, ...spurious].join('\n');
}

describe('detection set (test/fixtures/detection.json)', () => {
  it('is well formed', () => {
    const problems: string[] = [];
    if (typeof set.about !== 'string' || !set.about.trim()) problems.push('`about` is missing');
    if (!Array.isArray(set.cases)) assert.fail('`cases` is not an array');
    if (set.cases.length < 250) problems.push(`only ${set.cases.length} cases (need >= 250)`);
    const negatives = set.cases.filter(negative).length;
    if (negatives < 60) problems.push(`only ${negatives} negative cases (need >= 60)`);
    const seen = new Set<string>();
    set.cases.forEach((c, i) => {
      const at = `case ${i} ${JSON.stringify(c.text)}`;
      if (typeof c.text !== 'string' || !c.text.trim()) problems.push(`${at}: empty text`);
      if (typeof c.lang !== 'string' || !c.lang.trim()) problems.push(`${at}: empty lang`);
      if (typeof c.source !== 'string' || !c.source.trim()) problems.push(`${at}: empty source`);
      if (!Array.isArray(c.services)) {
        problems.push(`${at}: services is not an array`);
        return;
      }
      for (const name of c.services) if (!serviceByName(name)) problems.push(`${at}: "${name}" is not a name in services.json`);
      if (new Set(c.services).size !== c.services.length) problems.push(`${at}: a service is listed twice`);
      const key = `${c.lang}\u0000${c.text}`;
      if (seen.has(key)) problems.push(`${at}: duplicate case`);
      seen.add(key);
    });
    assert.deepEqual(problems, []);
  });

  describe('findServices on the set', () => {
    let outcomes: Outcome[] = [];
    let report = '';
    before(() => {
      outcomes = set.cases.map(evaluate);
      report = failures(outcomes);
      console.log(`\n${table(outcomes)}\n`);
    });

    it(`finds the labelled services (recall >= ${TARGET_RECALL})`, () => {
      const r = recall(score(outcomes));
      assert.ok(r >= TARGET_RECALL, `recall ${r.toFixed(3)} < ${TARGET_RECALL}\n${report}`);
    });

    it('finds nothing in the negative cases', () => {
      const fps = outcomes.filter(o => negative(o.c) && o.found.length);
      assert.equal(
        fps.length,
        0,
        `${score(outcomes).negativeFalsePositives} false positive(s) in ${fps.length} negative case(s):\n` +
          fps.map(o => `  spurious ${o.found.join(', ')}  in [${o.c.source}/${o.c.lang}] ${JSON.stringify(o.c.text)}`).join('\n') +
          `\n\nall failures:\n${report}`,
      );
    });

    it(`finds little that is not labelled (precision >= ${TARGET_PRECISION})`, () => {
      const p = precision(score(outcomes));
      assert.ok(p >= TARGET_PRECISION, `precision ${p.toFixed(3)} < ${TARGET_PRECISION}\n${report}`);
    });
  });
});
