#!/usr/bin/env node
// The service detector's cost, and what it finds in real code (issue 10).
//
//   node bench/detection.mjs [--quick]     on its own (needs dist/core.js: node esbuild.mjs --production)
//   npm run bench                          as part of the benchmark (bench/bench.mjs forks this file)
//
// 1. The curve: findServices on a whole document of mixed CDK / Terraform / CloudFormation YAML
//    (bench/corpus.mjs sourceFile, the file the hover bench uses) of 10 KB, 100 KB, 1 MB and 10 MB,
//    and on one 1 MB line of Terraform identifiers (the line that took 26 s before): per call, CPU
//    time and wall time, and the cost per character, which should stay flat.
// 2. The hover as src/features/hover.ts makes it: a ±256-character span of the line under the
//    cursor, with the document's context (documentContext, computed once per document version).
// 3. With bench/corpora/ present (node bench/detection-collect.mjs): scanDocument over every
//    collected file (the cost on real code), and the mentions it finds in the AWS-free projects per
//    1,000 lines, tuning and held-out repositories apart: an upper bound of the false-mention rate,
//    since those projects do name AWS now and then (Kubernetes examples' EBS volumes).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { rngFor, sourceFile } from './corpus.mjs';
import { summarize, gc } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const HOVER_SPAN = 256; // src/features/hover.ts
const SIZES = [10_000, 100_000, 1_000_000, 10_000_000];

/** CPU milliseconds (user + system) and wall milliseconds of one call. */
function timed(f) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = f();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall, r };
}

/**
 * The mixed source file cut to `chars` characters at a line end, as one flat string: its body, past
 * the import lines at its head, so that every size has the same density of mentions.
 */
function mixedDocument(lines, chars) {
  const out = [];
  let n = 0;
  const body = lines.findIndex(l => !l.startsWith('import '));
  for (const l of lines.slice(body)) {
    if (n + l.length + 1 > chars) break;
    out.push(l);
    n += l.length + 1;
  }
  return out.join('\n');
}

/** One line of Terraform identifiers, `chars` long. */
function terraformLine(chars) {
  const words = [
    'aws_lambda_function.this[0].arn', 'aws_s3_bucket.logs.id', 'module.vpc.private_subnets', 'lambda', 'config', 'batch',
    'aws_iam_role.lambda.name', 'logs', 'events', 'var.vpc_id', 'aws_cloudwatch_log_group.this', 'glue', 'health_check',
    'connect', 'aws_sqs_queue.dlq.arn', '"Name of the Lambda function"', 'aws_kms_key.this.arn', 'local.tags',
  ];
  const r = rngFor('detection-line');
  let s = '';
  while (s.length < chars) s += r.pick(words) + r.pick([' ', ', ', ' = ', ' ']);
  return s.slice(0, chars);
}

function run({ quick = false } = {}) {
  const core = require(join(here, '..', 'dist', 'core.js'));
  const { findServices, scanDocument, documentContext } = core;
  const out = { machine: { cores: os.cpus().length, loadavgAtStart: os.loadavg().map(x => +x.toFixed(2)) }, curve: [], line: undefined, hover: undefined, real: undefined };
  const lines = sourceFile(quick ? 120_000 : 400_000).map(l => l.text);
  const sizes = quick ? SIZES.slice(0, 3) : SIZES;
  findServices(mixedDocument(lines, 50_000), 'typescript'); // warm up the catalog and the JIT
  for (const size of sizes) {
    const text = mixedDocument(lines, size);
    const reps = size <= 10_000 ? 200 : size <= 100_000 ? 40 : size <= 1_000_000 ? 8 : 3;
    gc();
    const samples = [];
    let mentions = 0;
    for (let k = 0; k < reps; k++) {
      const t = timed(() => findServices(text, 'typescript'));
      samples.push(t);
      mentions = t.r.length;
    }
    const cpu = summarize(samples.map(s => s.cpu));
    const wall = summarize(samples.map(s => s.wall));
    const nsPerChar = (cpu.median * 1e6) / text.length;
    out.curve.push({ chars: text.length, lines: text.split('\n').length, mentions, reps, cpu, wall, nsPerChar });
  }
  {
    const text = terraformLine(1_000_000);
    findServices(text.slice(0, 20_000), 'terraform');
    gc();
    const samples = [];
    let mentions = 0;
    for (let k = 0; k < (quick ? 3 : 5); k++) {
      const t = timed(() => findServices(text, 'terraform'));
      samples.push(t);
      mentions = t.r.length;
    }
    out.line = { chars: text.length, mentions, cpu: summarize(samples.map(s => s.cpu)), wall: summarize(samples.map(s => s.wall)) };
  }
  // the hover: a span of the line under the cursor, in its document's cached context
  {
    const doc = sourceFile(10_000);
    const text = doc.map(l => l.text).join('\n');
    const contextTime = timed(() => documentContext(text, 'typescript'));
    const context = contextTime.r;
    const r = rngFor('detection-hover');
    const call = () => {
      const { text: line, lang } = doc[Math.floor(r.next() * doc.length)];
      const character = Math.floor(r.next() * (line.length + 1));
      const t0 = process.hrtime.bigint();
      const from = Math.max(0, character - HOVER_SPAN);
      const span = line.slice(from, Math.min(line.length, character + HOVER_SPAN));
      const at = character - from;
      findServices(span, lang, { document: context }).find(m => m.start <= at && at < m.end);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let k = 0; k < 5000; k++) call();
    gc();
    const samples = [];
    for (let k = 0; k < (quick ? 5000 : 20000); k++) samples.push(call());
    out.hover = { lines: doc.length, chars: text.length, perCall: summarize(samples), contextMs: contextTime.wall, aliases: context.aliases.size };
  }
  // real code, when bench/corpora/ holds it
  const manifestFile = join(here, 'corpora', 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const files = manifest
      .map(m => ({ ...m, file: join(here, 'corpora', 'files', m.repo.replace('/', '+'), m.path) }))
      .filter(m => existsSync(m.file))
      .map(m => ({ ...m, text: readFileSync(m.file, 'utf8') }));
    for (const f of files.slice(0, 50)) scanDocument(f.text, f.languageId);
    gc();
    let chars = 0;
    let cpu = 0;
    const free = { tuning: { files: 0, lines: 0, mentions: 0, byService: {} }, heldout: { files: 0, lines: 0, mentions: 0, byService: {} } };
    let awsMentions = 0;
    let awsLines = 0;
    for (const f of files) {
      const t = timed(() => scanDocument(f.text, f.languageId));
      chars += f.text.length;
      cpu += t.cpu;
      if (f.awsFree) {
        const part = free[f.heldout ? 'heldout' : 'tuning'];
        part.files++;
        part.lines += f.lines;
        part.mentions += t.r.length;
        for (const m of t.r) part.byService[m.name] = (part.byService[m.name] ?? 0) + 1;
      } else {
        awsLines += f.lines;
        awsMentions += t.r.length;
      }
    }
    out.real = { files: files.length, chars, cpuMs: cpu, nsPerChar: (cpu * 1e6) / chars, aws: { lines: awsLines, mentions: awsMentions }, free };
  } else out.real = { missing: 'bench/corpora/ is absent: node bench/detection-collect.mjs collects it from mirrored repositories' };
  out.machine.loadavgAtEnd = os.loadavg().map(x => +x.toFixed(2));
  return out;
}

const fmtMs = ms => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : ms < 1000 ? `${ms.toFixed(ms < 10 ? 2 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtChars = n => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} MB` : `${Math.round(n / 1e3)} KB`);

/** The detection targets of issue 10, as rows for bench.mjs's table: { what, target, measured, pass }. */
export function detectionTargets(d) {
  const out = [];
  if (!d) return out;
  const big = d.curve[d.curve.length - 1];
  const small = d.curve[0];
  if (d.line) out.push({ what: 'findServices on one 1 MB line of Terraform identifiers', target: '< 1 s', measured: `${fmtMs(d.line.cpu.median)} CPU (${fmtMs(d.line.wall.median)} wall)`, pass: d.line.cpu.median < 1000 });
  if (big) out.push({ what: `findServices on a ${fmtChars(big.chars)} mixed CDK/Terraform/YAML file`, target: '< 1 s', measured: `${fmtMs(big.cpu.median)} CPU (${fmtMs(big.wall.median)} wall)`, pass: big.cpu.median < 1000 });
  if (big && small && big !== small) {
    const flat = big.nsPerChar / small.nsPerChar;
    out.push({ what: `findServices cost per character, ${fmtChars(small.chars)} → ${fmtChars(big.chars)}`, target: '≤ 1.5×', measured: `${flat.toFixed(2)}× (${small.nsPerChar.toFixed(0)} → ${big.nsPerChar.toFixed(0)} ns/char)`, pass: flat <= 1.5 });
  }
  if (d.hover) out.push({ what: 'hover with document context, per call p50', target: '≤ 0.05 ms', measured: fmtMs(d.hover.perCall.median), pass: d.hover.perCall.median <= 0.05 });
  return out;
}

/** The section bench.mjs prints. */
export function detectionReport(d) {
  const out = [];
  out.push('■ Service detection (findServices / scanDocument, issue 10; CPU time is the process\'s user + system time, wall time is shown beside it on a shared machine)');
  out.push(`  ${'document'.padEnd(34)} ${'mentions'.padStart(8)} ${'CPU p50'.padStart(9)} ${'wall p50'.padStart(9)} ${'ns/char'.padStart(8)}`);
  for (const c of d.curve) out.push(`  ${`mixed CDK/TF/YAML, ${fmtChars(c.chars)} (${c.lines.toLocaleString('en-US')} lines)`.padEnd(34)} ${String(c.mentions).padStart(8)} ${fmtMs(c.cpu.median).padStart(9)} ${fmtMs(c.wall.median).padStart(9)} ${c.nsPerChar.toFixed(0).padStart(8)}`);
  if (d.line) out.push(`  ${'one 1 MB line of Terraform ids'.padEnd(34)} ${String(d.line.mentions).padStart(8)} ${fmtMs(d.line.cpu.median).padStart(9)} ${fmtMs(d.line.wall.median).padStart(9)} ${((d.line.cpu.median * 1e6) / d.line.chars).toFixed(0).padStart(8)}`);
  if (d.hover) out.push(`  hover (±${HOVER_SPAN} chars, cached context of a ${d.hover.lines.toLocaleString('en-US')}-line document): p50 ${fmtMs(d.hover.perCall.median)}, p99 ${fmtMs(d.hover.perCall.p99)}; the context itself ${fmtMs(d.hover.contextMs)} once per document version`);
  const r = d.real;
  if (r?.missing) out.push(`  real code: ${r.missing}`);
  else if (r) {
    out.push(`  real code (bench/corpora/, ${r.files} files, ${fmtChars(r.chars)}): scanDocument ${r.nsPerChar.toFixed(0)} ns/char; ${r.aws.mentions.toLocaleString('en-US')} mentions in ${r.aws.lines.toLocaleString('en-US')} lines of AWS projects`);
    for (const [part, f] of Object.entries(r.free)) {
      const top = Object.entries(f.byService).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, k]) => `${n} ${k}`).join(', ');
      out.push(`  AWS-free projects, ${part}: ${f.mentions} mentions in ${f.lines.toLocaleString('en-US')} lines (${f.files} files) = ${((1000 * f.mentions) / (f.lines || 1)).toFixed(2)} per 1,000 lines, true AWS mentions included${top ? ` (${top})` : ''}`);
    }
  }
  out.push(`  load average ${d.machine.loadavgAtStart.join(' ')} → ${d.machine.loadavgAtEnd.join(' ')} on ${d.machine.cores} cores`);
  out.push('');
  return out.join('\n');
}

if (process.send) {
  process.on('message', msg => {
    try {
      process.send({ ok: true, result: run(msg ?? {}) }, () => process.exit(0));
    } catch (e) {
      process.send({ ok: false, error: String(e?.stack ?? e) }, () => process.exit(1));
    }
  });
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(here, '..', 'dist', 'core.js'))) {
    console.error('bench/detection.mjs: dist/core.js is missing; run `node esbuild.mjs --production` first.');
    process.exit(1);
  }
  const d = run({ quick: process.argv.includes('--quick') });
  console.log(detectionReport(d));
  for (const t of detectionTargets(d)) console.log(`  ${t.pass ? '✓' : '✗'} ${t.what}: ${t.measured} (target ${t.target})`);
}
