#!/usr/bin/env node
// Collects candidate lines for the real-code detection set (test/fixtures/detection-real.json) from
// public repositories mirrored on this machine, into bench/corpora/ (ignored by git):
//
//   bench/corpora/files/<owner>+<name>/<path>   the sampled files, whole (read by bench/detection.mjs
//                                               for the AWS-free rate and the cost on real code)
//   bench/corpora/manifest.json                 one row per file: repo, path, languageId, kind, heldout, awsFree, lines
//   bench/corpora/candidates.jsonl              one row per candidate line: repo, path, line (1-based),
//                                               languageId, kind, heldout, awsFree, text
//   bench/corpora/contexts.json                 per file, its header lines (imports, providers, resource
//                                               types, template markers): the document context a line is judged in
//
// A candidate line names, or seems to name, a service: one of its words is a catalog form or one of
// the ordinary words services are named by (lambda, config, batch, connect, …). Only labelled lines
// are ever copied into the fixture, never a whole file.
//
//   node bench/detection-collect.mjs [--mirror=/work/.mirror] [--out=bench/corpora] [--files=N]
//
// The mirrors are git directories without a work tree, as `fetch github:<owner>/<name>` leaves them
// (<mirror>/<owner>+<name>/repo); a repository not mirrored is skipped with a note.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, fallback) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MIRROR = arg('mirror', '/work/.mirror');
const OUT = arg('out', join(here, 'corpora'));
const FILES_PER_GROUP = Number(arg('files', '40'));

/**
 * The repositories, what kind of code each holds, and which files to take. `heldout` repositories
 * were never looked at while the matcher's rules were tuned (the last seven were collected after the rules
 * were settled); `awsFree` ones are about something else
 * (their lines are negatives unless a line really names AWS). Each group is sampled separately.
 */
export const SOURCES = [
  // AWS, tuning
  { repo: 'aws-samples/aws-cdk-examples', groups: [
    { kind: 'cdk-ts', include: /^typescript\/.*\.ts$/, exclude: /\.d\.ts$|node_modules|cdk\.out/ },
    { kind: 'cdk-py', include: /^python\/.*\.py$/ },
    { kind: 'prose', include: /^(typescript|python)\/[^/]+\/README\.md$/ },
  ] },
  { repo: 'terraform-aws-modules/terraform-aws-vpc', groups: [
    { kind: 'terraform', include: /\.tf$/ },
    { kind: 'prose', include: /README\.md$/, files: 6 },
  ] },
  { repo: 'terraform-aws-modules/terraform-aws-lambda', groups: [
    { kind: 'terraform', include: /\.tf$/ },
    { kind: 'prose', include: /README\.md$/, files: 6 },
  ] },
  { repo: 'awslabs/aws-cloudformation-templates', groups: [
    { kind: 'cfn', include: /\.(ya?ml|json|template)$/, exclude: /package(-lock)?\.json$|\.github\// },
  ] },
  { repo: 'serverless/examples', groups: [
    { kind: 'sam', include: /serverless\.ya?ml$/ },
    { kind: 'sdk', include: /\.(js|py|ts)$/, exclude: /node_modules|\.test\.|webpack|jest\.config/ },
    { kind: 'prose', include: /README\.md$/ },
  ] },
  { repo: 'awsdocs/aws-doc-sdk-examples', groups: [
    { kind: 'sdk', include: /^python\/example_code\/.*\.py$/, exclude: /test/ },
    { kind: 'sdk', include: /^javascriptv3\/example_code\/.*\.js$/, exclude: /test/ },
    { kind: 'sdk', include: /^gov2\/.*\.go$/, exclude: /_test\.go$/ },
    { kind: 'sdk', include: /^javav2\/example_code\/.*\.java$/, exclude: /\/test\// },
    { kind: 'prose', include: /^(python|javascriptv3|gov2)\/example_code\/[^/]+\/README\.md$/ },
  ] },
  { repo: 'cdk-patterns/serverless', groups: [
    { kind: 'cdk-ts', include: /\/typescript\/lib\/.*\.ts$/ },
    { kind: 'cdk-py', include: /\/python\/.*\.py$/, exclude: /test|setup\.py/ },
    { kind: 'prose', include: /^[^/]+\/README\.md$/ },
  ] },
  // AWS, held out
  { repo: 'terraform-aws-modules/terraform-aws-eks', heldout: true, groups: [
    { kind: 'terraform', include: /\.tf$/ },
    { kind: 'prose', include: /README\.md$/, files: 6 },
  ] },
  { repo: 'aws-samples/serverless-patterns', heldout: true, groups: [
    { kind: 'sam', include: /template\.ya?ml$/ },
    { kind: 'cdk-ts', include: /\/(lib|bin)\/[^/]+\.ts$/, exclude: /\.d\.ts$|node_modules/ },
    { kind: 'cdk-py', include: /(app|_stack)\.py$/ },
    { kind: 'prose', include: /^[^/]+\/README\.md$/ },
  ] },
  { repo: 'awslabs/aws-solutions-constructs', heldout: true, groups: [
    { kind: 'cdk-ts', include: /^source\/patterns\/@aws-solutions-constructs\/[^/]+\/lib\/.*\.ts$/, exclude: /\.d\.ts$/ },
    { kind: 'prose', include: /^source\/patterns\/@aws-solutions-constructs\/[^/]+\/README\.(md|adoc)$/ },
  ] },
  { repo: 'cloudposse/terraform-aws-lambda-function', heldout: true, groups: [{ kind: 'terraform', include: /\.tf$/ }] },
  { repo: 'aws-powertools/powertools-lambda-python', heldout: true, groups: [
    { kind: 'sdk', include: /^aws_lambda_powertools\/.*\.py$/ },
    { kind: 'prose', include: /^docs\/.*\.md$/ },
  ] },
  // AWS, held out: a second round, collected after the rules were settled
  { repo: 'terraform-aws-modules/terraform-aws-rds', heldout: true, groups: [
    { kind: 'terraform', include: /\.tf$/ },
    { kind: 'prose', include: /README\.md$/, files: 6 },
  ] },
  { repo: 'aws-samples/aws-cdk-intro-workshop', heldout: true, groups: [
    { kind: 'prose', include: /^workshop\/content\/.*\.md$/ },
    { kind: 'cdk-ts', include: /\.ts$/, exclude: /\.d\.ts$|node_modules|cdkworkshop\.com/ },
    { kind: 'cdk-py', include: /\.py$/ },
  ] },
  { repo: 'aws-samples/serverless-test-samples', heldout: true, groups: [
    { kind: 'sam', include: /template\.ya?ml$/ },
    { kind: 'sdk', include: /\.(py|ts|js)$/, exclude: /node_modules|\.d\.ts$|jest\.config/ },
    { kind: 'prose', include: /README\.md$/ },
  ] },
  // AWS-free, tuning
  { repo: 'pallets/flask', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(py|rst|md)$/ }] },
  { repo: 'pytorch/examples', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(py|md)$/ }] },
  { repo: 'lodash/lodash', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(js|ts|md)$/ }] },
  { repo: 'expressjs/express', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(js|md)$/ }] },
  { repo: 'jestjs/jest', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /^(packages|docs)\/.*\.(ts|js|md)$/, exclude: /__tests__|__snapshots__/ }] },
  { repo: 'spf13/cobra', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(go|md)$/ }] },
  { repo: 'kubernetes/examples', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(ya?ml|md)$/ }] },
  { repo: 'terraform-google-modules/terraform-google-network', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  { repo: 'Azure/terraform-azurerm-network', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  { repo: 'Azure/terraform-azurerm-compute', awsFree: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  // AWS-free, held out
  { repo: 'fastapi/fastapi', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /^(fastapi\/.*\.py|docs\/en\/.*\.md)$/ }] },
  { repo: 'psf/requests', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(py|rst|md)$/ }] },
  { repo: 'terraform-google-modules/terraform-google-kubernetes-engine', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  { repo: 'Azure/terraform-azurerm-aks', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  { repo: 'hashicorp/terraform-provider-google', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /^website\/docs\/r\/.*\.markdown$/ }] },
  // AWS-free, held out: the second round
  { repo: 'pallets/click', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(py|rst|md)$/ }] },
  { repo: 'axios/axios', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(js|ts|md)$/, exclude: /^dist\// }] },
  { repo: 'terraform-google-modules/terraform-google-sql-db', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
  { repo: 'Azure/terraform-azurerm-vnet', awsFree: true, heldout: true, groups: [{ kind: 'aws-free', files: 400, include: /\.(tf|md)$/ }] },
];

/** The VS Code language id of a path (and of a CloudFormation `.template`, by its first character). */
export function languageOf(path, text = '') {
  const base = path.split('/').pop().toLowerCase();
  if (base === 'dockerfile') return 'dockerfile';
  const ext = base.includes('.') ? base.split('.').pop() : '';
  const map = {
    ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
    py: 'python', tf: 'terraform', hcl: 'terraform', yaml: 'yaml', yml: 'yaml', json: 'json', md: 'markdown', markdown: 'markdown',
    rst: 'restructuredtext', adoc: 'asciidoc', txt: 'plaintext', go: 'go', java: 'java', cs: 'csharp', rb: 'ruby', sh: 'shellscript',
    rs: 'rust', php: 'php', kt: 'kotlin',
  };
  if (ext === 'template') return /^\s*\{/.test(text) ? 'json' : 'yaml';
  return map[ext] ?? 'plaintext';
}

/**
 * A file's header lines: the lines a document context is read from (imports and requires, with the
 * continuation lines of a parenthesized Python or Go import; Terraform provider, resource, data and
 * module headers and provider sources; CloudFormation/SAM markers and resource types; Serverless's
 * provider). At most `max` lines, in file order.
 */
export function headerLines(lines, max = 40) {
  const out = [];
  let open = false;
  const types = new Set();
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const l = lines[i];
    if (l.length > 300) continue;
    if (open) {
      out.push(i);
      if (/[)}]/.test(l)) open = false;
      continue;
    }
    if (/^\s*(import|from)\s/.test(l) || /\brequire\(\s*['"]/.test(l) || /^\s*using\s+Amazon/.test(l)) {
      out.push(i);
      if (/[({]\s*(#.*)?$/.test(l) && !/[)}]/.test(l)) open = true;
      continue;
    }
    const tf = /^\s*(resource|data|provider|module)\s+"([\w-]+)"/.exec(l);
    if (tf) {
      if (!types.has(tf[2]) && types.size < 15) {
        types.add(tf[2]);
        out.push(i);
      }
      continue;
    }
    if (/^\s*source\s*=\s*"[\w./-]+"/.test(l) || /^\s*(AWSTemplateFormatVersion|Transform)\s*:|"AWSTemplateFormatVersion"/.test(l) || /^provider:\s*$|^\s+name:\s*aws\s*$/.test(l)) {
      out.push(i);
      continue;
    }
    const cfn = /^\s*"?Type"?\s*:\s*["']?((AWS|Custom)::[\w:]+)/.exec(l);
    if (cfn && !types.has(cfn[1]) && types.size < 15) {
      types.add(cfn[1]);
      out.push(i);
    }
  }
  // and a few lines that say which cloud the file is about (a Terraform variables file has no header)
  const taken = new Set(out);
  let cloudLines = 0;
  for (let i = 0; i < lines.length && cloudLines < 12 && out.length < max + 12; i++) {
    if (taken.has(i) || lines[i].length > 300) continue;
    if (CLOUD_WORDS.test(lines[i])) {
      out.push(i);
      cloudLines++;
    }
  }
  return out.sort((a, b) => a - b);
}

/** Words that tell a file's cloud: AWS's, Google Cloud's, Azure's. */
const CLOUD_WORDS = /\bAWS\b|\bAmazon\b|\baws_|arn:aws|amazonaws|boto3|aws-cdk|aws_cdk|@aws-sdk|\b[Gg]oogle|\bGCP\b|\bGKE\b|\bGCE\b|googleapis|gserviceaccount|\bproject\\?_id\b|self\\?_link|[Ss]elf link|VPC network|\bazure|\bAzure\b|resource_group_name/;

/** Word parts of a line, lower-cased (as the matcher splits identifiers). */
function words(line) {
  const split = line.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').toLowerCase();
  return [...(split.match(/[a-z]+|[0-9]+/g) ?? []), ...(split.match(/[a-z]+[0-9]+[a-z0-9]*/g) ?? [])];
}

function candidateWords() {
  const data = JSON.parse(readFileSync(join(root, 'src/core/services.json'), 'utf8'));
  const set = new Set();
  for (const s of data.services) for (const f of [s.name, ...s.forms]) for (const w of words(f)) if (w.length >= 2 && !/^\d+$/.test(w)) set.add(w);
  // ordinary words that services are also named by, and short forms: kept even if the catalog changes
  for (const w of 'lambda config batch connect support health shield backup glue events logs vpc iam kms sns sqs s3 ec2 cloud aws amazon'.split(' ')) set.add(w);
  // words so frequent that they would make every line a candidate
  for (const w of ['and', 'for', 'the', 'on', 'to', 'of', 'at', 'a', 'service', 'services', 'data', 'web', 'app', 'id', 'name', 'key', 'new', 'set']) set.delete(w);
  return set;
}

const sha = s => createHash('sha1').update(s).digest('hex');

function gitDir(repo) {
  const dir = join(MIRROR, repo.replace('/', '+'), 'repo');
  return existsSync(dir) ? dir : undefined;
}

function main() {
  const vocabulary = candidateWords();
  rmSync(join(OUT, 'files'), { recursive: true, force: true });
  mkdirSync(join(OUT, 'files'), { recursive: true });
  const manifest = [];
  const contexts = {};
  const candidates = [];
  for (const src of SOURCES) {
    const git = gitDir(src.repo);
    if (!git) {
      console.error(`skip ${src.repo}: not mirrored under ${MIRROR} (fetch github:${src.repo})`);
      continue;
    }
    const commit = execFileSync('git', ['--git-dir', git, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const paths = execFileSync('git', ['--git-dir', git, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean);
    const taken = new Set();
    for (const g of src.groups) {
      const chosen = paths
        .filter(p => g.include.test(p) && !(g.exclude && g.exclude.test(p)) && !taken.has(p))
        .sort((a, b) => (sha(a) < sha(b) ? -1 : 1))
        .slice(0, g.files ?? FILES_PER_GROUP);
      for (const path of chosen) {
        taken.add(path);
        let text;
        try {
          text = execFileSync('git', ['--git-dir', git, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
        } catch {
          continue; // absent from the snapshot (large files are left out)
        }
        if (text.includes('\u0000') || text.length > 400_000) continue;
        const languageId = languageOf(path, text);
        const lines = text.split(/\r?\n/);
        const file = join(OUT, 'files', src.repo.replace('/', '+'), path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
        const row = { repo: src.repo, commit, path, languageId, kind: g.kind, heldout: !!src.heldout, awsFree: !!src.awsFree, lines: lines.length };
        manifest.push(row);
        contexts[`${src.repo}:${path}`] = headerLines(lines).map(i => lines[i]);
        lines.forEach((text, i) => {
          const t = text.trim();
          if (t.length < 3 || text.length > 240) return;
          if (!words(text).some(w => vocabulary.has(w))) return;
          candidates.push({ repo: src.repo, path, line: i + 1, languageId, kind: g.kind, heldout: !!src.heldout, awsFree: !!src.awsFree, text });
        });
      }
    }
    console.error(`${src.repo}: ${manifest.filter(m => m.repo === src.repo).length} files`);
  }
  writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  writeFileSync(join(OUT, 'contexts.json'), JSON.stringify(contexts) + '\n');
  writeFileSync(join(OUT, 'candidates.jsonl'), candidates.map(c => JSON.stringify(c)).join('\n') + '\n');
  console.error(`${manifest.length} files, ${manifest.reduce((n, m) => n + m.lines, 0)} lines, ${candidates.length} candidate lines → ${OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
