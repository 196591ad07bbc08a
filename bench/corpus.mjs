// Deterministic inputs of the benchmark: the synthetic note corpus (built from the bundled notes' own
// vocabulary), the evaluation queries and their keystroke prefixes, and the source files the hover
// matcher is timed on. Everything comes from a seeded PRNG: two runs see byte-identical inputs.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const SEED = 20191202; // re:Invent 2019 opened on 2 December

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of one stream, keyed by strings (so each note has its own stream). */
export function rngFor(...keys) {
  let h = SEED ^ 0x9e3779b9;
  for (const k of keys.join('\u0000')) h = Math.imul(h ^ k.codePointAt(0), 0x01000193) >>> 0;
  const r = prng(h);
  const api = {
    next: r,
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)), // inclusive
    pick: arr => arr[Math.floor(r() * arr.length)],
    chance: p => r() < p,
    shuffle: arr => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
      return arr;
    },
  };
  return api;
}

export function readBundledNotes(root) {
  const dir = join(root, 'notes');
  return readdirSync(dir)
    .filter(f => f.endsWith('.md'))
    .sort()
    .map(f => ({ path: `notes/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

// ---- vocabulary --------------------------------------------------------------------------------
//
// Words are drawn from a Zipf distribution (rank r has weight 1/r) over a vocabulary that grows like
// a real one: the words the bundled notes use often (3+ times) keep the top ranks, in their real
// order; the long tail is made of the notes' rare words and of pseudo-words recombined from the
// notes' own syllables (Latin) and characters (CJK), shuffled together. Without that tail, every rare
// word of 18 notes (snapchat, 拉斯维加斯) would appear in a third of 10,000 notes, which no real corpus
// does, and no query could single out the note it was written for.

const CJK_RUN = /[\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*/g;
const LATIN_TAIL = 20000;
const CJK_TAIL = 8000;

/** Zipf sampler over `words` (index 0 = rank 1). */
function zipf(words, exponent = 1) {
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cdf[i] = sum += 1 / Math.pow(i + 1, exponent);
  return r => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

function counted(list) {
  const m = new Map();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Ranked vocabulary: frequent real words first, then rare real words mixed into the pseudo-word tail. */
function ranked(counts, pseudo, tailSize, r) {
  const head = counts.filter(([, c]) => c >= 3).map(([w]) => w);
  const rare = counts.filter(([, c]) => c < 3).map(([w]) => w);
  const seen = new Set(counts.map(([w]) => w));
  const tail = [...rare];
  for (let guard = 0; tail.length < tailSize && guard < tailSize * 20; guard++) {
    const w = pseudo(r);
    if (seen.has(w)) continue;
    seen.add(w);
    tail.push(w);
  }
  return [...head, ...r.shuffle(tail)];
}

/** Every word, CJK run/word, heading, tag, track and service name of the bundled notes, as samplers. */
export function vocabulary(core, realFiles) {
  const latin = [];
  const cjk = [];
  const headings = [];
  const tags = new Set();
  const tracks = new Set();
  const services = new Set();
  const r = rngFor('vocabulary');
  for (const file of realFiles) {
    const rec = core.parseNote(file).record;
    if (!rec) continue;
    const lines = rec.text.split('\n').slice(rec.bodyLine - 1);
    for (const line of lines) {
      if (/https?:\/\//.test(line)) continue; // URLs would flood the words with "aws", "amazon", "com"
      for (const m of line.matchAll(LATIN_WORD)) latin.push(m[0]);
      for (const m of line.matchAll(CJK_RUN)) {
        const chars = Array.from(m[0]);
        // runs cut into "words" of 1 to 4 characters (where a reader would pause)
        let i = 0;
        while (i < chars.length) {
          const n = Math.min(chars.length - i, chars.length <= 4 ? chars.length : r.int(1, 4));
          cjk.push(chars.slice(i, i + n).join(''));
          i += n;
        }
      }
    }
    for (const h of rec.headings) if (h.level >= 2) headings.push(h.text);
    for (const t of rec.tags) tags.add(t);
    if (rec.track) tracks.add(rec.track);
    for (const s of rec.services) services.add(s);
  }
  for (const s of core.allServices()) {
    services.add(s.name);
    if (s.fullName) services.add(s.fullName);
  }
  for (const t of ['Databases', 'Storage', 'Networking', 'Analytics', 'Machine Learning', 'Management & Governance', 'Migration', 'IoT', 'Mobile', 'Media']) {
    tracks.add(t);
  }
  // pseudo-words: Latin syllables (consonants + vowels) of the real words, recombined
  const syllables = [];
  for (const w of latin) for (const m of w.toLowerCase().matchAll(/[^aeiouy\d'’-]*[aeiouy]+/g)) syllables.push(m[0]);
  const latinPseudo = rr => {
    const n = rr.int(2, 4);
    let w = '';
    for (let i = 0; i < n; i++) w += rr.pick(syllables);
    return w + (rr.chance(0.4) ? rr.pick(['', 's', 'r', 'n', 't', 'd', 'ng', 'ty']) : '');
  };
  const cjkChars = cjk.flatMap(w => Array.from(w));
  const cjkPseudo = rr => {
    const n = rr.int(2, 4);
    let w = '';
    for (let i = 0; i < n; i++) w += rr.pick(cjkChars);
    return w;
  };
  const latinRanked = ranked(counted(latin), latinPseudo, LATIN_TAIL, r);
  const cjkRanked = ranked(counted(cjk), cjkPseudo, CJK_TAIL, r);
  return {
    latin: zipf(latinRanked),
    cjk: zipf(cjkRanked),
    service: zipf(r.shuffle([...services]), 0.6),
    heading: rr => rr.pick(headings),
    tag: rr => rr.pick([...tags]),
    tracks: [...tracks],
    sizes: { latinWords: latinRanked.length, realLatinWords: counted(latin).length, cjkWords: cjkRanked.length, realCjkWords: counted(cjk).length, services: services.size, headings: headings.length, tags: tags.size },
  };
}

// ---- synthetic notes ---------------------------------------------------------------------------

const KINDS = ['session', 'session', 'session', 'session', 'session', 'keynote', 'leadership', 'workshop', 'topic', 'event', 'note'];
const CODES = ['AIM', 'ANT', 'API', 'ARC', 'CMP', 'CON', 'DAT', 'DOP', 'ENT', 'GPS', 'MGT', 'MKT', 'NET', 'OPN', 'SEC', 'STG', 'STP', 'SVS', 'WPS', 'KYN'];
const SUFFIXES = ['', '', '-R', '-R1', '-R2', '-L', '-S'];
const CJK_PUNCT = [',', '。', '、', ':'];
const LANGS = [['en'], ['en', 'zh-Hans'], ['zh-Hans', 'en'], ['ja', 'en'], ['en', 'zh-Hans', 'ja']];

function sentence(r, v, latinShare, min, max) {
  const n = r.int(min, max);
  let out = '';
  let prevCjk = false;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    let w;
    let isCjk = false;
    if (x < 0.05) w = v.service(r);
    else if (x < 0.08) w = r.pick(['->', '(', ')', '–', '/', '+', '&']);
    else if (x < 0.11) w = String(r.int(1, 999)) + r.pick(['', '', '%', 'ms', 'x', 'GB']);
    else if (r.next() < latinShare) w = v.latin(r);
    else {
      w = v.cjk(r);
      isCjk = true;
    }
    // CJK words join without spaces (sometimes with CJK punctuation); Latin words with a space
    if (i === 0) out = w;
    else if (isCjk && prevCjk) out += r.chance(0.15) ? r.pick(CJK_PUNCT) + w : w;
    else out += (r.chance(0.08) ? ',' : '') + ' ' + w;
    prevCjk = isCjk;
  }
  return out;
}

function title(r, v, latinShare) {
  const lead = r.chance(0.2) ? r.pick(['[REPEAT] ', '[重复] ', '[NEW LAUNCH!] ', '[全新推出!] ']) : '';
  return lead + sentence(r, v, latinShare, 3, 8);
}

function titleEn(r, v) {
  const words = [];
  const n = r.int(3, 8);
  for (let i = 0; i < n; i++) words.push(r.chance(0.15) ? v.service(r) : v.latin(r));
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1);
}

function tag(r, v) {
  const x = r.next();
  if (x < 0.15) return v.tag(r);
  if (x < 0.75) return v.latin(r).toLowerCase() + (r.chance(0.5) ? ' ' + v.latin(r).toLowerCase() : '');
  return v.cjk(r);
}

const yaml = s => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

/** Synthetic note number `i`: the same text whatever the corpus size. */
export function syntheticNote(v, i, usedIds) {
  const r = rngFor('note', String(i));
  let id;
  do {
    id = `${r.pick(CODES)}${r.int(200, 499)}${r.pick(SUFFIXES)}`;
  } while (usedIds.has(id));
  usedIds.add(id);
  const latinShare = r.pick([0.35, 0.5, 0.65, 0.8, 0.9]);
  const kind = r.pick(KINDS);
  const services = [...new Set(Array.from({ length: r.int(0, 4) }, () => v.service(r)))];
  const tags = [...new Set(Array.from({ length: r.int(2, 7) }, () => tag(r, v)))];
  const t = title(r, v, latinShare);
  const lines = [
    '---',
    `id: ${id}`,
    `title: ${yaml(t)}`,
    `title_en: ${yaml(titleEn(r, v))}`,
    `kind: ${kind}`,
    ...(kind === 'session' || kind === 'workshop' || kind === 'leadership' ? [`track: ${yaml(r.pick(v.tracks))}`] : []),
    `services: [${services.map(yaml).join(', ')}]`,
    `tags: [${tags.map(yaml).join(', ')}]`,
    `lang: [${r.pick(LANGS).join(', ')}]`,
    '---',
    '',
    `# ${id} – ${t}`,
    '',
  ];
  const total = r.int(20, 80);
  const headingEvery = r.int(5, 14);
  let sinceHeading = headingEvery; // a heading soon after the title
  while (lines.length < total) {
    if (sinceHeading >= headingEvery && lines.length + 3 < total) {
      if (lines[lines.length - 1] !== '') lines.push('');
      lines.push('## ' + (r.chance(0.3) ? v.heading(r) : sentence(r, v, latinShare, 1, 4)));
      lines.push('');
      sinceHeading = 0;
      continue;
    }
    const x = r.next();
    if (x < 0.6) lines.push('- ' + sentence(r, v, latinShare, 2, 12));
    else if (x < 0.82) lines.push('  - ' + sentence(r, v, latinShare, 2, 9));
    else if (x < 0.86) lines.push(`  - ${v.latin(r).toLowerCase()} <https://aws.amazon.com/jp/blogs/aws/${v.latin(r).toLowerCase()}-${v.latin(r).toLowerCase()}/>`);
    else if (x < 0.97) {
      if (lines[lines.length - 1] !== '') lines.push('');
      lines.push(sentence(r, v, latinShare, 6, 24) + (latinShare < 0.5 ? '。' : '.'));
      lines.push('');
    } else lines.push('-');
    sinceHeading++;
  }
  return { path: `synthetic/${String(i).padStart(5, '0')}-${id}.md`, text: lines.join('\n') + '\n' };
}

/**
 * A corpus of `size` notes: the bundled notes plus synthetic ones, in a seeded random order (so no
 * library's tie-breaking by insertion order favours the real notes). `size` ≤ real notes: the real notes.
 */
export function makeCorpus(core, realFiles, size) {
  if (size <= realFiles.length) return realFiles.slice();
  const v = vocabulary(core, realFiles);
  const used = new Set(realFiles.map(f => core.parseNote(f).record?.id));
  const files = realFiles.slice();
  for (let i = 0; files.length < size; i++) files.push(syntheticNote(v, i, used));
  return rngFor('corpus-order', String(size)).shuffle(files);
}

// ---- queries -----------------------------------------------------------------------------------

/** test/fixtures/queries-public.json + test/fixtures/eval-queries.json (if present), merged by query text. */
export function loadEvalQueries(root) {
  const sources = [];
  const byQ = new Map();
  for (const [name, defaultKind] of [
    ['queries-public.json', 'public'],
    ['eval-queries.json', 'eval'],
  ]) {
    const file = join(root, 'test', 'fixtures', name);
    if (!existsSync(file)) continue;
    let data;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      sources.push({ file: `test/fixtures/${name}`, error: String(e.message ?? e) });
      continue;
    }
    const list = Array.isArray(data) ? data : data.queries ?? [];
    let n = 0;
    for (const item of list) {
      if (!item || typeof item.q !== 'string' || !item.q.trim() || !Array.isArray(item.ids)) continue;
      const prev = byQ.get(item.q);
      if (prev) {
        for (const id of item.ids) prev.ids.includes(id) || prev.ids.push(id);
        if (typeof item.kind === 'string') prev.kind = item.kind;
        prev.public ||= defaultKind === 'public';
      } else byQ.set(item.q, { q: item.q, ids: [...item.ids], kind: typeof item.kind === 'string' ? item.kind : defaultKind, public: defaultKind === 'public' });
      n++;
    }
    sources.push({ file: `test/fixtures/${name}`, queries: n });
  }
  return { queries: [...byQ.values()], sources };
}

/** Every prefix of every query as typed, code point by code point ("s", "sh", "shu", …), distinct. */
export function keystrokePrefixes(queries) {
  const seen = new Set();
  const out = [];
  for (const { q } of queries) {
    const cps = Array.from(q);
    for (let k = 1; k <= cps.length; k++) {
      const p = cps.slice(0, k).join('');
      if (!p.trim() || seen.has(p)) continue;
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

export const isOneChar = p => Array.from(p.trim()).length === 1;

/** A deterministic, evenly spread subset of at most n items. */
export function spread(items, n) {
  if (items.length <= n) return items.slice();
  const out = [];
  for (let k = 0; k < n; k++) out.push(items[Math.floor((k * items.length) / n)]);
  return out;
}

// ---- hover source files ------------------------------------------------------------------------

const SERVICES_IN_CODE = [
  // [CDK module, CDK class, Terraform resource, CloudFormation type]
  ['sqs', 'Queue', 'aws_sqs_queue', 'AWS::SQS::Queue'],
  ['sns', 'Topic', 'aws_sns_topic', 'AWS::SNS::Topic'],
  ['dynamodb', 'Table', 'aws_dynamodb_table', 'AWS::DynamoDB::Table'],
  ['lambda', 'Function', 'aws_lambda_function', 'AWS::Lambda::Function'],
  ['s3', 'Bucket', 'aws_s3_bucket', 'AWS::S3::Bucket'],
  ['ecs', 'FargateService', 'aws_ecs_service', 'AWS::ECS::Service'],
  ['eks', 'Cluster', 'aws_eks_cluster', 'AWS::EKS::Cluster'],
  ['ec2', 'Vpc', 'aws_vpc', 'AWS::EC2::VPC'],
  ['rds', 'DatabaseInstance', 'aws_db_instance', 'AWS::RDS::DBInstance'],
  ['kinesis', 'Stream', 'aws_kinesis_stream', 'AWS::Kinesis::Stream'],
  ['cognito', 'UserPool', 'aws_cognito_user_pool', 'AWS::Cognito::UserPool'],
  ['apigateway', 'RestApi', 'aws_api_gateway_rest_api', 'AWS::ApiGateway::RestApi'],
  ['stepfunctions', 'StateMachine', 'aws_sfn_state_machine', 'AWS::StepFunctions::StateMachine'],
  ['events', 'Rule', 'aws_cloudwatch_event_rule', 'AWS::Events::Rule'],
  ['iam', 'Role', 'aws_iam_role', 'AWS::IAM::Role'],
  ['kms', 'Key', 'aws_kms_key', 'AWS::KMS::Key'],
  ['secretsmanager', 'Secret', 'aws_secretsmanager_secret', 'AWS::SecretsManager::Secret'],
  ['elasticache', 'CfnCacheCluster', 'aws_elasticache_cluster', 'AWS::ElastiCache::CacheCluster'],
  ['glue', 'CfnJob', 'aws_glue_job', 'AWS::Glue::Job'],
  ['appmesh', 'Mesh', 'aws_appmesh_mesh', 'AWS::AppMesh::Mesh'],
  ['cloudfront', 'Distribution', 'aws_cloudfront_distribution', 'AWS::CloudFront::Distribution'],
  ['wafv2', 'CfnWebACL', 'aws_wafv2_web_acl', 'AWS::WAFv2::WebACL'],
];
const NAMES = ['orders', 'events', 'router', 'rules', 'jobs', 'audit', 'cells', 'ingest', 'billing', 'sessions', 'notes', 'search', 'users', 'metrics'];

function cdkBlock(r) {
  const [mod, cls] = r.pick(SERVICES_IN_CODE);
  const name = r.pick(NAMES);
  const Name = name[0].toUpperCase() + name.slice(1);
  return [
    `  // ${Name}: ${r.pick(['invoked by Lambda', 'fed by SQS', 'read by the Fargate service', 'encrypted with KMS', 'replicated to another region'])}`,
    `  const ${name}${cls} = new ${mod}.${cls}(this, '${Name}${cls}', {`,
    `    removalPolicy: RemovalPolicy.${r.pick(['DESTROY', 'RETAIN'])},`,
    ...(r.chance(0.5) ? [`    timeout: Duration.seconds(${r.int(3, 900)}),`] : []),
    ...(r.chance(0.4) ? [`    environment: { TABLE_NAME: table.tableName, QUEUE_URL: queue.queueUrl, STAGE: props.stage },`] : []),
    `  });`,
    ...(r.chance(0.5) ? [`  ${name}${cls}.grantReadWriteData?.(taskDefinition.taskRole);`] : []),
    ...(r.chance(0.3) ? [`  new CfnOutput(this, '${Name}Arn', { value: ${name}${cls}.node.addr });`] : []),
    '',
  ].map(text => ({ text, lang: 'typescript' }));
}

function terraformBlock(r) {
  const [, , res] = r.pick(SERVICES_IN_CODE);
  const name = r.pick(NAMES);
  return [
    `resource "${res}" "${name}" {`,
    `  name = "${name}-${r.pick(['prod', 'dev', 'staging'])}"`,
    ...(r.chance(0.5) ? [`  tags = { Team = "platform", CostCenter = "${r.int(1000, 9999)}" }`] : []),
    ...(r.chance(0.4) ? [`  # see the runbook: https://wiki.example.com/${name}`] : []),
    ...(r.chance(0.4) ? [`  role = aws_iam_role.${name}.arn`] : []),
    ...(r.chance(0.3) ? [`  kms_key_id = aws_kms_key.${name}.arn`] : []),
    `}`,
    '',
  ].map(text => ({ text, lang: 'terraform' }));
}

function yamlBlock(r) {
  const [, , , type] = r.pick(SERVICES_IN_CODE);
  const name = r.pick(NAMES);
  const Name = name[0].toUpperCase() + name.slice(1);
  return [
    `  ${Name}${r.int(1, 99)}:`,
    `    Type: ${type}`,
    `    Properties:`,
    ...(r.chance(0.5) ? [`      LaunchType: FARGATE`] : [`      Tags: [{ Key: team, Value: platform }]`]),
    ...(r.chance(0.4) ? [`      Role: !GetAtt ${Name}Role.Arn`] : []),
    ...(r.chance(0.3) ? [`          Service: lambda.amazonaws.com`] : []),
    ...(r.chance(0.3) ? [`      # consumed by the ${name} Lambda, see arn:aws:sqs:us-east-1:123456789012:${name}`] : []),
  ].map(text => ({ text, lang: 'yaml' }));
}

function plainCodeBlock(r) {
  // the ordinary code between the AWS parts: no service at all, or ordinary words (config, batch, connect)
  return [
    `export function ${r.pick(['handle', 'process', 'connect', 'batch', 'config'])}${r.int(1, 999)}(event: Record<string, unknown>, context: Context) {`,
    `  const config = loadConfig(process.env.STAGE ?? 'dev');`,
    `  for (const record of (event.Records as unknown[]) ?? []) batch.push(parse(record, config));`,
    `  if (batch.length >= ${r.int(10, 500)}) await flush(batch.splice(0));`,
    `  return { statusCode: 200, body: JSON.stringify({ ok: true, count: batch.length }) };`,
    `}`,
    '',
  ].map(text => ({ text, lang: 'typescript' }));
}

/** A mixed CDK / Terraform / YAML source of `n` lines (each line carries the language of its block). */
export function sourceFile(n) {
  const r = rngFor('source', String(n));
  const lines = [
    { text: `import { Stack, StackProps, Duration, RemovalPolicy, CfnOutput } from 'aws-cdk-lib';`, lang: 'typescript' },
    ...SERVICES_IN_CODE.map(([mod]) => ({ text: `import * as ${mod} from 'aws-cdk-lib/aws-${mod}';`, lang: 'typescript' })),
  ];
  while (lines.length < n) {
    const x = r.next();
    const block = x < 0.35 ? cdkBlock(r) : x < 0.6 ? terraformBlock(r) : x < 0.85 ? yamlBlock(r) : plainCodeBlock(r);
    lines.push(...block);
  }
  return lines.slice(0, n);
}
