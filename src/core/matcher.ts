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
// only with AWS context. Some forms carry it themselves: an aws/amazon prefix (`AWS Config`,
// `aws_lambda_function`, `AWS::Batch::JobQueue`, `arn:aws:glue:…`), an SDK path or client
// (`@aws-sdk/client-lambda`, `boto3.client("glue")`, `LambdaClient`), a service principal, an IAM
// action, a CDK construct (`new lambda.Function(`), a CLI command (`sam deploy`), or the service's
// own spelling mid-sentence in prose ("we use Lambda"). Others count only in company, when the same
// line names another AWS service: the notes' lowercase "serverless (lambda, kinesis)", a PascalCase
// `LambdaRestApi` next to `apigateway`, a sentence that starts with "Savings Plans" and names
// Fargate. Names that mean something else when capitalized (Cassandra, Athena, EMR) never count by
// capitalization alone. `lambda x: x` is Python, always.
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
  /** Spellings that name something else too (Cassandra, Athena, EMR): never context on their own. */
  otherMeanings: Set<string>;
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
        entry = {
          service: s,
          breaks: new Set(),
          spellings: new Set(),
          otherMeanings: new Set(s.otherMeanings ?? []),
          ambiguous: ambiguous.has(key),
          prefixedAmbiguous: !!rest,
        };
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
const CDK_ALIAS_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
/** A line that is clearly AWS SDK, CDK, CloudFormation, Terraform AWS provider or ARN code. */
const AWS_CODE_LINE = /aws[-_]cdk|@aws-sdk|aws[-_]sdk|awscdk|boto3|botocore|AWS::|amazonaws|arn:aws|(resource|data)\s+"aws_/i;
/** Command-line tools named like a service, and the subcommands that make them commands. */
const CLI_COMMANDS: Record<string, RegExp> = {
  sam: /^\s+(build|deploy|local|init|validate|package|sync|logs|delete|pipeline|list|publish|remote|traces)\b/,
  cdk: /^\s+(deploy|synth|synthesize|diff|bootstrap|destroy|init|ls|list|watch|doctor|import|migrate|context|acknowledge|notices|gc)\b/,
};
const COMMAND_START = /(^|&&|\|\||[;|`(]|\bnpx|\bpnpm(\s+dlx)?|\byarn|\$|\brun:|-\s)\s*$/;

/**
 * Counts now; counts only in the company of another service on the line; only when listed right
 * next to one; or does not count.
 */
type Verdict = 'yes' | 'company' | 'near' | 'no';

function lineBounds(text: string, start: number, end: number): [number, number] {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le === -1) le = text.length;
  return [ls, le];
}

function inComment(before: string, languageId: string): boolean {
  if (/(^|[^:])\/\//.test(before) || /^\s*(\/\*|\*(\s|$))/.test(before) || before.includes('/*')) return true;
  if (HASH_COMMENT_LANGUAGES.has(languageId) && /(^|\s)#/.test(before)) return true;
  if (DASH_COMMENT_LANGUAGES.has(languageId) && before.includes('--')) return true;
  return before.includes('<!--');
}

/** What the ordinary-word mention parts[i..j] counts as, from the text around it. */
function verdict(text: string, parts: Part[], i: number, j: number, languageId: string, entry: Entry): Verdict {
  const start = parts[i].start;
  const last = parts[j];
  const end = last.end;
  const [ls, le] = lineBounds(text, start, end);
  const word = text.slice(start, end);
  const before = text.slice(Math.max(ls, start - 80), start);
  const after = text.slice(end, Math.min(le, end + 80));
  const next = parts[j + 1];
  const sameIdentAfter = next !== undefined && next.ident === last.ident && next.start - end <= 1;
  const prev = parts[i - 1];

  // Python's lambda keyword: `lambda x: x`, `lambda: None`, `key=lambda r: r[1]`
  if (entry.service.name === 'Lambda' && word === 'lambda' && (/^\s*:(\s|$)/.test(after) || /^\s+[\w*][\w\s,*=]*:(?!:)/.test(after))) return 'no';

  // "aws"/"amazon" right before: AWS Config, AWS::Batch::JobQueue, arn:aws:lambda, aws_config_rule
  if (prev && AWS_PREFIXES.includes(prev.key) && start - prev.end <= 3) {
    const gap = text.slice(prev.end, start);
    if (!gap.includes('\n')) {
      // AWS Config, AWS::Batch::…, arn:aws:glue, 'aws-lambda' packages, /aws/lambda/ paths
      if (/\s/.test(gap) || gap === '::' || gap === ':' || gap === '-' || gap === '/') return 'yes';
      if (sameIdentAfter) return 'yes'; // aws_config_config_rule, awsLambdaFunction
      if (AWS_CODE_LINE.test(text.slice(ls, le))) return 'yes'; // from aws_cdk import aws_lambda
    }
  }
  // the resource type in AWS::Route53::HealthCheck, the action in ecr:BatchGetImage: not services
  if (/\w::$/.test(before) || /\w:$/.test(before)) return 'no';
  // SDK packages: @aws-sdk/client-lambda, aws-sdk-go-v2/service/lambda, software.amazon.awssdk.services.lambda
  let tokenStart = start;
  while (tokenStart > ls && !/[\s'"`(),;=<>]/.test(text[tokenStart - 1])) tokenStart--;
  const token = text.slice(tokenStart, start).toLowerCase();
  if (/aws-sdk/.test(token) && /client-$/.test(token)) return 'yes';
  if (/aws/.test(token) && /\/service\/$/.test(token)) return 'yes';
  if (/amazon|awssdk/.test(token) && /services\.$/.test(token)) return 'yes';
  if (/aws-actions\/[\w-]*-$/.test(token)) return 'yes'; // GitHub Actions: aws-actions/setup-sam
  // service principal: lambda.amazonaws.com
  if (/^\.amazonaws\./i.test(after)) return 'yes';
  // IAM action: "lambda:InvokeFunction", "glue:*"
  if (/^:[A-Za-z*]/.test(after) && (start === ls || /["'\s[,]$/.test(before))) return 'yes';
  // SDK client by name: boto3.client("lambda"), session.resource('glue', ...)
  if (/\b(client|resource)\(\s*(service_name\s*=\s*)?["']$/.test(before) && /^["']/.test(after)) return 'yes';
  // SDK class: LambdaClient, BatchClient
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter && next.key === 'client' && !isAlnum(text.charCodeAt(start - 1))) return 'yes';
  // CDK module alias: new lambda.Function(…), lambda.Runtime.NODEJS_20_X, glue.CfnJob, _lambda.Function(self, …)
  const bare = !/[\w.]$/.test(before.replace(/_$/, ''));
  if (bare && /^_?\.[A-Z]/.test(after)) {
    const member = /^_?\.([A-Z]\w*)(\.[A-Za-z_]|\()?/.exec(after);
    const cls = member?.[1] ?? '';
    if (cls.startsWith('Cfn')) return 'yes';
    if (CDK_ALIAS_LANGUAGES.has(languageId) && (/\bnew\s+_?$/.test(before) || member?.[2]?.startsWith('.'))) return 'yes';
    if (languageId === 'python' && member?.[2] === '(') return 'yes';
    return 'company';
  }
  // a CDK construct named after the service: new targets.LambdaFunction(fn), tasks.LambdaInvoke(self, …)
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter && /(^|[^\w.])[a-z_]\w*\.$/.test(before)) {
    const rest = text.slice(end).match(/^\w*/)?.[0] ?? '';
    const call = text.slice(end + rest.length).startsWith('(');
    if (call && ((CDK_ALIAS_LANGUAGES.has(languageId) && /\bnew\s+[\w.]+$/.test(before)) || languageId === 'python')) return 'yes';
  }
  // boto3 client in a variable: polly.synthesize_speech(Text=…, VoiceId=…)
  if (languageId === 'python' && bare && /^\.[a-z_]+\(\s*[A-Z]\w*\s*=/.test(after)) return 'yes';
  // AWS enum values: storage_class = "GLACIER", MarketType: spot, capacity_type = "SPOT"
  if (/(storage_?class|capacity_?type|market_?type)["']?\s*[:=]\s*["']?$/i.test(before) && /^["']?\s*(,|$|#)/.test(after)) return 'yes';
  // command-line tools: sam deploy, npx cdk synth
  const cli = CLI_COMMANDS[word];
  if (cli && cli.test(after) && COMMAND_START.test(text.slice(ls, start))) return 'yes';

  const standalone = !isAlnum(text.charCodeAt(start - 1)) && !isAlnum(text.charCodeAt(end)) && text[start - 1] !== '_' && text[end] !== '_' && !sameIdentAfter;
  const prose = PROSE_LANGUAGES.has(languageId);
  const lineBefore = text.slice(ls, start);
  const comment = !prose && inComment(lineBefore, languageId);
  if (standalone && (prose || comment)) {
    // the service's own spelling, mid-sentence: "we moved to Lambda", "the SES sandbox",
    // "// TODO: move this to Lambda" (but "// a new Config" is a class)
    const titled = isUpper(text.charCodeAt(start)) && (/[a-z]/.test(word) || word.length >= 3) && entry.spellings.has(word);
    if (titled && !entry.otherMeanings.has(word)) {
      const sentenceStart = /(^\s*|[.!?:;]\s+|^\s*(#+|>|[-*+]|\d+[.)]|\/\/+|\/?\*+|#|--)\s*)$/.test(lineBefore);
      if (sentenceStart || (comment && /\bnew\s+$/.test(lineBefore))) return 'company';
      return 'yes';
    }
    if (titled) return 'company';
    // lowercase, as the notes write it: "(lambda, kinesis", listed with another service
    return isLower(text.charCodeAt(start)) ? 'near' : 'no';
  }
  // code: a PascalCase name that starts with the service (LambdaRestApi, GlueContext), a camelCase
  // key that is exactly the form (containerInsights), a resource label named after the service
  // ("lambda_exec", "aurora"): in company only
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter && !isAlnum(text.charCodeAt(start - 1))) return 'company';
  if (!sameIdentAfter && parts[i].ident !== parts[i - 1]?.ident && j > i && /[A-Z]/.test(word)) return 'company';
  const quoted = /["']$/.test(text.slice(tokenStart, start) || before) && /^[\w-]*["']/.test(after);
  if (quoted && word.toLowerCase() === entry.service.name.toLowerCase()) return 'company';
  return 'no';
}

function judge(text: string, parts: Part[], i: number, j: number, entry: Entry, lang: string): Verdict {
  const word = text.slice(parts[i].start, parts[j].end);
  if (entry.ambiguous || entry.otherMeanings.has(word)) return verdict(text, parts, i, j, lang, entry);
  if (entry.prefixedAmbiguous) {
    // "aws" + an ordinary word written as one identifier (awsConfig, aws_config): judge the word
    if (AWS_PREFIXES.includes(parts[i].key) && i < j) return verdict(text, parts, i + 1, j, lang, entry);
    return AWS_CODE_LINE.test(text.slice(...lineBounds(text, parts[i].start, parts[j].end))) ? 'yes' : 'no';
  }
  return 'yes';
}

/**
 * Service mentions in `text`, in order. `languageId` is the VS Code language of the text (prose
 * rules apply to markdown/plaintext and when it is omitted).
 */
export function findServices(text: string, languageId = '', options: FindOptions = {}): ServiceMention[] {
  if (!catalog) catalog = buildCatalog();
  const { entries, prefixes } = catalog;
  const parts = splitParts(text);
  const found: (ServiceMention & { needs?: 'company' | 'near' })[] = [];
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
    for (let c = candidates.length - 1; c >= 0; c--) {
      const { j, entry } = candidates[c];
      if (!joins.slice(0, candidates[c].joins).every(at => entry.breaks.has(at))) continue;
      const v = options.lenient ? 'yes' : judge(text, parts, i, j, entry, lang);
      if (v === 'no') continue;
      found.push({ name: entry.service.name, start: parts[i].start, end: parts[j].end, ...(v === 'yes' ? {} : { needs: v }) });
      i = j;
      break;
    }
  }
  // mentions that need company keep it when their line names a service on its own
  if (!found.some(m => m.needs)) return found;
  const accepted = found.filter(m => !m.needs);
  return found
    .filter(m => !m.needs || accepted.some(a => (m.needs === 'near' ? near(text, a, m) : sameLine(text, a, m))))
    .map(({ name, start, end }) => ({ name, start, end }));
}

function sameLine(text: string, a: ServiceMention, b: ServiceMention): boolean {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  const nl = text.indexOf('\n', x.start);
  return nl === -1 || nl >= y.start;
}

/** Listed together: "(lambda, kinesis", "lambda -> dynamodb", "s3/lambda" (not "support aws toolkit"). */
function near(text: string, a: ServiceMention, b: ServiceMention): boolean {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  const between = text.slice(x.end, y.start);
  return !between.includes('\n') && !/[A-Za-z0-9]/.test(between) && /[,()/>&+|[\]]/.test(between);
}
