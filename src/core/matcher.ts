// Finds AWS service mentions in any text: prose, and identifiers of every shape code gives them
// (`ecs.FargateService`, `aws_dynamodb_table`, `AWS::SQS::Queue`, `LaunchType: FARGATE`,
// `boto3.client("dynamodb")`, `aws-cdk-lib/aws-sqs`, `Graviton2`).
//
// The text is cut into word parts: ASCII letter/digit runs, split again at camelCase and PascalCase
// boundaries and between letters and digits. A mention is a run of consecutive parts whose
// concatenation is the key of a catalog form ("Dynamo"+"DB" = "dynamodb"), so a form is only ever
// found on part boundaries: `specs` and `seconds` never contain ECS. Longest match wins.
//
// Forms that are also ordinary words or keywords (lambda, config, batch, connect, shield, …) count
// only with AWS context: capitalized in prose or in a comment, an aws/amazon prefix, an ARN, an IAM
// action, a service principal, an SDK client name or class, a CDK module. `lambda x: x` is Python.
import { allServices, formKey, ServiceInfo } from './catalog';

export interface ServiceMention {
  /** Canonical service name. */
  name: string;
  /** Offsets into the text: text.slice(start, end) is the mention. */
  start: number;
  end: number;
}

export interface FindOptions {
  /** Ignore the AWS-context rule (for text known to be about AWS, such as the notes themselves). */
  lenient?: boolean;
}

interface Entry {
  service: ServiceInfo;
  /** Offsets in the key where the forms themselves break into parts ("DynamoDB": 6, "Route 53": 5). */
  breaks: Set<number>;
  /** The forms' own spellings, for the capitalized-in-prose rule ("Lambda", "Config"). */
  spellings: Set<string>;
  /** The form is an ordinary word: needs AWS context. */
  ambiguous: boolean;
  /** "aws"/"amazon" + an ordinary word (AWS Config): the prefix must really be a prefix. */
  prefixedAmbiguous: boolean;
}

interface Catalog {
  entries: Map<string, Entry>;
  prefixes: Set<string>;
}

let catalog: Catalog | undefined;

const AWS_PREFIXES = ['aws', 'amazon'];

function buildCatalog(): Catalog {
  const entries = new Map<string, Entry>();
  const prefixes = new Set<string>();
  const ambiguousKeys = new Map<string, Set<string>>();
  for (const s of allServices()) ambiguousKeys.set(s.name, new Set((s.needsContext ?? []).map(formKey)));
  for (const s of allServices()) {
    const ambiguous = ambiguousKeys.get(s.name) as Set<string>;
    for (const form of [s.name, ...s.forms]) {
      const key = formKey(form);
      if (!key) continue;
      let entry = entries.get(key);
      if (entry && entry.service !== s) continue; // a form belongs to the first service that claims it
      if (!entry) {
        const rest = AWS_PREFIXES.find(p => key.startsWith(p) && ambiguous.has(key.slice(p.length)));
        entry = { service: s, breaks: new Set(), spellings: new Set(), ambiguous: ambiguous.has(key), prefixedAmbiguous: !!rest };
        entries.set(key, entry);
        for (let i = 1; i <= key.length; i++) prefixes.add(key.slice(0, i));
      }
      entry.spellings.add(form);
      let at = 0;
      for (const part of splitParts(form)) {
        if (at > 0) entry.breaks.add(at);
        at += part.key.length;
      }
    }
  }
  return { entries, prefixes };
}

interface Part {
  key: string;
  start: number;
  end: number;
  /** Index of the identifier (maximal run of letters, digits and `_`) the part belongs to. */
  ident: number;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Word parts of `text` (see the file comment). */
export function splitParts(text: string): Part[] {
  const parts: Part[] = [];
  const n = text.length;
  let ident = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isAlnum(c)) {
      if (c !== 95) ident++; // `_` keeps the identifier going
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAlnum(text.charCodeAt(j))) j++;
    // split text[i, j) at case and digit boundaries
    let s = i;
    for (let k = i + 1; k < j; k++) {
      const a = text.charCodeAt(k - 1);
      const b = text.charCodeAt(k);
      const boundary =
        (isLower(a) && isUpper(b)) ||
        (isDigit(a) !== isDigit(b)) ||
        (isUpper(a) && isUpper(b) && k + 1 < j && isLower(text.charCodeAt(k + 1)));
      if (boundary) {
        parts.push({ key: text.slice(s, k).toLowerCase(), start: s, end: k, ident });
        s = k;
      }
    }
    parts.push({ key: text.slice(s, j).toLowerCase(), start: s, end: j, ident });
    i = j;
  }
  return parts;
}

const PROSE_LANGUAGES = new Set(['', 'markdown', 'plaintext', 'restructuredtext', 'asciidoc', 'latex', 'tex', 'org', 'text']);
const HASH_COMMENT_LANGUAGES = new Set([
  'python', 'yaml', 'shellscript', 'ruby', 'terraform', 'hcl', 'dockerfile', 'toml', 'perl', 'r', 'makefile',
  'powershell', 'properties', 'ini', 'coffeescript', 'elixir', 'julia', 'nim', 'crystal', 'graphql', 'cmake',
]);
const DASH_COMMENT_LANGUAGES = new Set(['sql', 'lua', 'haskell', 'elm', 'ada', 'vhdl']);
const CDK_ALIAS_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python']);
/** A line that is clearly AWS SDK, CDK, CloudFormation or ARN code. */
const AWS_CODE_LINE = /aws[-_]cdk|@aws-sdk|aws[-_]sdk|awscdk|boto3|botocore|AWS::|amazonaws|arn:aws/i;

function lineBounds(text: string, start: number, end: number): [number, number] {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le === -1) le = text.length;
  return [ls, le];
}

function inComment(before: string, languageId: string): boolean {
  const t = before.trimStart();
  if (/(^|[^:])\/\//.test(before) || t.startsWith('/*') || t.startsWith('* ') || t === '*' || before.includes('/*')) {
    return !HASH_COMMENT_LANGUAGES.has(languageId) || /(^|[^:])\/\//.test(before);
  }
  if (HASH_COMMENT_LANGUAGES.has(languageId) && /(^|\s)#/.test(before)) return true;
  if (DASH_COMMENT_LANGUAGES.has(languageId) && before.includes('--')) return true;
  if (before.includes('<!--')) return true;
  return false;
}

/** Does the ordinary-word mention parts[i..j] stand in an AWS context? */
function hasAwsContext(text: string, parts: Part[], i: number, j: number, languageId: string, entry: Entry): boolean {
  const first = parts[i];
  const last = parts[j];
  const start = first.start;
  const end = last.end;
  const [ls, le] = lineBounds(text, start, end);
  const line = () => text.slice(ls, le);
  const next = parts[j + 1];
  const sameIdentAfter = next !== undefined && next.ident === last.ident && next.start - end <= 1;

  // "aws"/"amazon" right before: AWS Config, AWS::Batch::JobQueue, arn:aws:lambda, aws_config_rule
  const prev = parts[i - 1];
  if (prev && AWS_PREFIXES.includes(prev.key) && start - prev.end <= 3) {
    const gap = text.slice(prev.end, start);
    if (!gap.includes('\n')) {
      if (/\s/.test(gap) || gap === '::' || gap === ':') return true;
      if (sameIdentAfter) return true; // aws_config_config_rule, awsLambdaFunction
      if (AWS_CODE_LINE.test(line())) return true; // from aws_cdk import aws_lambda
    }
  }
  // an aws/amazon part earlier in the same token: @aws-sdk/client-lambda, software.amazon.awscdk.services.lambda
  let tokenStart = start;
  while (tokenStart > ls && !/[\s'"`(),;=<>]/.test(text[tokenStart - 1])) tokenStart--;
  if (tokenStart < start) {
    const token = text.slice(tokenStart, start).toLowerCase();
    if (/(^|[^a-z])(aws|amazon)([^a-z]|$)|awscdk|awssdk/.test(token) && /[-/.:]$/.test(token)) return true;
  }
  const after = text.slice(end, Math.min(le, end + 80));
  const before = text.slice(Math.max(ls, start - 80), start);
  // service principal: lambda.amazonaws.com
  if (/^\.amazonaws\./i.test(after)) return true;
  // IAM action: "lambda:InvokeFunction", "glue:*"
  if (/^:[A-Za-z*]/.test(after) && (start === ls || /["'\s[,]$/.test(before))) return true;
  // SDK client by name: boto3.client("lambda"), session.resource('glue', ...)
  if (/\b(client|resource)\(\s*(service_name\s*=\s*)?["']$/.test(before) && /^["']/.test(after)) return true;
  // SDK class: LambdaClient, BatchClient, ConfigServiceClient
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter && next.key === 'client' && (start === 0 || !isAlnum(text.charCodeAt(start - 1)))) {
    return true;
  }
  // CDK module alias: new lambda.Function(...), _lambda.Function(...) in Python, glue.CfnJob
  if (CDK_ALIAS_LANGUAGES.has(languageId) && /^_?\.[A-Z]/.test(after)) {
    const call = /^_?\.([A-Z]\w*)(\(\s*self\b)?/.exec(after);
    const cls = call?.[1] ?? '';
    const bare = !/[\w.]$/.test(before.replace(/_$/, ''));
    const construct = languageId === 'python' ? !!call?.[2] : /\bnew\s+_?$/.test(before);
    if (bare && (construct || cls.startsWith('Cfn'))) return true;
  }
  // capitalized in prose, or in a comment, as the service spells itself, and not where any word is
  // capitalized (the start of a sentence, a heading, a list item or a comment): "Use Lambda", "the
  // Config rules", "// invoked by the Lambda below"
  const word = text.slice(start, end);
  const standalone = (start === 0 || !isAlnum(text.charCodeAt(start - 1))) && (end >= text.length || !isAlnum(text.charCodeAt(end)));
  if (isUpper(text.charCodeAt(start)) && /[a-z]/.test(word) && entry.spellings.has(word) && standalone && !sameIdentAfter && text[start - 1] !== '_' && text[end] !== '_') {
    const lineBefore = text.slice(ls, start);
    const sentenceStart = /(^|[.!?:;]\s+|^\s*(#+|>|[-*+]|\d+[.)]|\/\/+|#|\/\*+|\*+|--|<!--)\s*)$/.test(lineBefore);
    if (!sentenceStart) {
      if (PROSE_LANGUAGES.has(languageId)) return true;
      if (inComment(lineBefore, languageId)) return true;
    }
  }
  return false;
}

function inContext(text: string, parts: Part[], i: number, j: number, entry: Entry, lang: string): boolean {
  if (entry.ambiguous && !hasAwsContext(text, parts, i, j, lang, entry)) return false;
  if (entry.prefixedAmbiguous) {
    // "aws" + an ordinary word written as one identifier (awsConfig, aws_config): judge the word
    if (AWS_PREFIXES.includes(parts[i].key) && i < j) return hasAwsContext(text, parts, i + 1, j, lang, entry);
    return AWS_CODE_LINE.test(text.slice(...lineBounds(text, parts[i].start, parts[j].end)));
  }
  return true;
}

/**
 * Service mentions in `text`, in order. `languageId` is the VS Code language of the text (prose
 * rules apply to markdown/plaintext and when it is omitted).
 */
export function findServices(text: string, languageId = '', options: FindOptions = {}): ServiceMention[] {
  if (!catalog) catalog = buildCatalog();
  const { entries, prefixes } = catalog;
  const parts = splitParts(text);
  const found: ServiceMention[] = [];
  const lang = languageId.toLowerCase();
  for (let i = 0; i < parts.length; i++) {
    let key = '';
    const joins: number[] = [];
    const candidates: { j: number; entry: Entry; joins: number }[] = [];
    for (let j = i; j < parts.length && j < i + 8; j++) {
      if (j > i) {
        const gap = parts[j].start - parts[j - 1].end;
        if (gap > 3 || (gap > 0 && text.slice(parts[j - 1].end, parts[j].start).includes('\n'))) break;
        joins.push(key.length);
      }
      key += parts[j].key;
      if (!prefixes.has(key)) break;
      const e = entries.get(key);
      if (e) candidates.push({ j, entry: e, joins: joins.length });
    }
    // longest first; a join is allowed only where the form itself breaks ("I am" is not IAM)
    let chosen: { j: number; entry: Entry } | undefined;
    for (let c = candidates.length - 1; c >= 0 && !chosen; c--) {
      const { j, entry } = candidates[c];
      if (!joins.slice(0, candidates[c].joins).every(at => entry.breaks.has(at))) continue;
      if (!options.lenient && !inContext(text, parts, i, j, entry, lang)) continue;
      chosen = { j, entry };
    }
    if (!chosen) continue;
    found.push({ name: chosen.entry.service.name, start: parts[i].start, end: parts[chosen.j].end });
    i = chosen.j;
  }
  return found;
}
