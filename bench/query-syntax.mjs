#!/usr/bin/env node
// npm run bench, last section: what the query language costs per keystroke.
//
//   node bench/query-syntax.mjs [--quick]
//
// Every keystroke prefix of the evaluation queries (test/fixtures/queries-public.json,
// eval-queries.json: plain text) and of test/fixtures/eval-syntax.json (phrases, exclusions,
// filters), on the 18 bundled notes and a 1,000-note corpus (bench/corpus.mjs, seeded):
// - parseQuery(prefix) alone;
// - NotesIndex.search(prefix) against searchNotes(index, prefix), the quick pick's call, on the plain
//   prefixes (the parser must not move keystroke p99) and on the syntax prefixes.
// Calls are interleaved (search, searchNotes, search, …) in rounds so that both see the same JIT and
// GC state. Writes bench/query-syntax-results.json. Needs dist/core.js (node esbuild.mjs --production).
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { readBundledNotes, makeCorpus, loadEvalQueries, keystrokePrefixes } from './corpus.mjs';
import { summarize, now, msSince } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const coreFile = join(root, 'dist', 'core.js');
if (!existsSync(coreFile)) {
  console.error('bench: dist/core.js is missing; run `node esbuild.mjs --production` first.');
  process.exit(1);
}
const core = require(coreFile);
const LIMIT = 50;
const ROUNDS = quick ? 3 : 10;

const plain = keystrokePrefixes(loadEvalQueries(root).queries);
const syntaxQueries = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'eval-syntax.json'), 'utf8')).queries;
const syntax = keystrokePrefixes(syntaxQueries);

function time(fn, inputs, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of inputs) {
      const t0 = now();
      fn(q);
      samples.push(msSince(t0));
    }
  }
  return summarize(samples);
}

/** search and searchNotes interleaved per prefix, each prefix once per round. */
function paired(index, inputs, rounds) {
  const a = [];
  const b = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of inputs) {
      let t0 = now();
      index.search(q, { limit: LIMIT });
      a.push(msSince(t0));
      t0 = now();
      core.searchNotes(index, q, { limit: LIMIT });
      b.push(msSince(t0));
    }
  }
  return { search: summarize(a), searchNotes: summarize(b) };
}

const fmt = ms => (ms < 0.01 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);
const files = readBundledNotes(root);
const out = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, date: new Date().toISOString(), rounds: ROUNDS, prefixes: { plain: plain.length, syntax: syntax.length }, sizes: {} };

// warm up the parser and the index code paths
time(q => core.parseQuery(q), [...plain, ...syntax], 2);
out.parse = { plain: time(q => core.parseQuery(q), plain, ROUNDS * 3), syntax: time(q => core.parseQuery(q), syntax, ROUNDS * 3) };

for (const size of [18, 1000]) {
  const index = core.buildNotesIndex(makeCorpus(core, files, size), { source: 'bundled' });
  index.prepareSearch();
  paired(index, [...plain, ...syntax], 1); // warm-up
  out.sizes[size] = { plain: paired(index, plain, ROUNDS), syntax: paired(index, syntax, ROUNDS) };
}

const lines = [];
lines.push(`query syntax: ${plain.length} plain and ${syntax.length} syntax keystroke prefixes, ${ROUNDS} rounds, limit ${LIMIT}`);
lines.push(`  parseQuery alone: plain p50 ${fmt(out.parse.plain.median)}, p99 ${fmt(out.parse.plain.p99)}; syntax p50 ${fmt(out.parse.syntax.median)}, p99 ${fmt(out.parse.syntax.p99)}`);
lines.push('  | notes | prefixes | search p50 | search p99 | searchNotes p50 | searchNotes p99 |');
lines.push('  | --- | --- | --- | --- | --- | --- |');
for (const [size, r] of Object.entries(out.sizes)) {
  for (const kind of ['plain', 'syntax']) {
    const x = r[kind];
    lines.push(`  | ${size} | ${kind} | ${fmt(x.search.median)} | ${fmt(x.search.p99)} | ${fmt(x.searchNotes.median)} | ${fmt(x.searchNotes.p99)} |`);
  }
}
console.log(lines.join('\n'));
writeFileSync(join(here, 'query-syntax-results.json'), JSON.stringify(out, null, 2) + '\n');
