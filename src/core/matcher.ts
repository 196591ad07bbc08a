// Finds AWS service mentions in any text: prose, and identifiers of every shape code gives them
// (`ecs.FargateService`, `aws_dynamodb_table`, `AWS::SQS::Queue`, `LaunchType: FARGATE`,
// `boto3.client("dynamodb")`, `aws-cdk-lib/aws-sqs`, `Graviton2`).
//
// The text is cut into word parts: ASCII letter/digit runs, split again at camelCase and PascalCase
// boundaries and between letters and digits. A mention is a run of consecutive parts whose
// concatenation is the key of a catalog form ("Dynamo"+"DB" = "dynamodb"), so a form is only ever
// found on part boundaries: `specs` and `seconds` never contain ECS. Longest match wins. Parts join
// only across what the forms themselves put there: nothing at a case or digit boundary, a space, `-`
// or `_` where the form has a word break ("Route 53", "Event Bridge"), its own punctuation elsewhere
// ("Lambda@Edge", "AWS::Serverless"); so `s). 3` is not S3, `lambda edge:` is not Lambda@Edge, and a
// match that starts inside a word ("MongoDB instance") does not run on into the next one.
//
// Forms that are also ordinary words or keywords (lambda, config, batch, connect, shield, …) count
// only with AWS context. Some forms carry it themselves: an aws/amazon prefix (`AWS Config`,
// `aws_lambda_function`, `AWS::Batch::JobQueue`, `arn:aws:glue:…`, `arn:${AWS::Partition}:logs:…`),
// an SDK path or client (`@aws-sdk/client-lambda`, `boto3.client("glue")`, `LambdaClient`), a service
// principal, an IAM action, a CDK construct (`new lambda.Function(`) or a module alias an import
// binds (`_lambda.Runtime` after `aws_lambda as _lambda`), a CLI command (`sam deploy`), a cue word
// after it ("Lambda function", "Glue job"), or the service's own spelling mid-sentence in prose,
// comments and strings ("we use Lambda"). In a file whose cloud is AWS (see context.ts), the forms
// the catalog lists as plainInAwsFiles count wherever they stand (`getOneLambda`, "the lambdas").
// Others count only in company, when the same line names another AWS service. Names that mean
// something else when capitalized (Cassandra, Athena, EMR) never count by capitalization alone, and
// `lambda x: x` is Python, always. In a file about another cloud, the names other clouds share
// (VPC, IAM, KMS, Batch, …) need an AWS marker of their own. Names that merely contain a service's
// word ("OpenID Connect", `BatchNorm`, "health check") are matched as a whole and dropped; weak forms
// (`CfnOutput`, `assume_role`) are found but marked weak, and left out unless asked for.
//
// Time is linear in the text: each line is read a bounded number of times (its flags and its
// strings/comments are computed once, when a mention first needs them), and every look around a
// mention is a window of at most 80 characters.
import { allServices, formKey, notServiceNames, ServiceInfo } from './catalog';
import { cloudEvidence, cloudOf, documentContext, EMPTY_CONTEXT, mergeContexts, type Cloud, type DocumentContext } from './context';

export interface ServiceMention {
  /** Canonical service name. */
  name: string;
  /** Offsets into the text: text.slice(start, end) is the mention. */
  start: number;
  end: number;
  /** A form that names the service only in passing (`CfnOutput`): returned only with `{ weak: true }`. */
  weak?: true;
}

export interface FindOptions {
  /** Ignore the AWS-context rule (for text known to be about AWS, such as the notes themselves). */
  lenient?: boolean;
  /**
   * The whole document the text comes from, or its documentContext(): its cloud and the module
   * aliases its imports bind apply to the text (the text's own apply in any case).
   */
  document?: string | DocumentContext;
  /** Also return weak mentions (marked `weak: true`). */
  weak?: boolean;
}

export type { DocumentContext } from './context';
export { documentContext } from './context';

interface Entry {
  /** undefined: a name that contains a service's word but is not a service (catalog notServices). */
  service: ServiceInfo | undefined;
  /** Where the forms break into parts, and what they put there ('' for a case or digit boundary). */
  seps: Map<number, Set<string>>;
  /** Breaks between two letters (a camelCase brand such as EventBridge may be written apart). */
  letterBreaks: Set<number>;
  /** The forms' own spellings, for the capitalized-in-prose rule ("Lambda", "Config"). */
  spellings: Set<string>;
  /** Spellings that name something else too (Cassandra, Athena, EMR): never context on their own. */
  otherMeanings: Set<string>;
  /** The form is an ordinary word: needs AWS context. */
  ambiguous: boolean;
  /** Only as separate lower-case words is it an ordinary phrase ("api gateway"; `apigateway` is an SDK id). */
  spacedAmbiguous: boolean;
  /** "aws"/"amazon" + an ordinary word (AWS Config): the prefix must really be a prefix. */
  prefixedAmbiguous: boolean;
  weak: boolean;
  plainInAws: boolean;
  plainInAwsCode: boolean;
  cues: Set<string>;
  across: boolean;
  noCompany: boolean;
}

interface Catalog {
  entries: Map<string, Entry>;
  /** The keys as a trie over [a-z0-9]: child of node n by symbol c is children[n * 36 + c] (0: none). */
  children: Int32Array;
  /** The entry whose key ends at a node. */
  nodeEntry: (Entry | undefined)[];
}

/** The trie symbol of a character code: a-z (either case) 0-25, 0-9 26-35, else -1. */
const SYMBOL = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let c = 97; c <= 122; c++) t[c] = c - 97;
  for (let c = 65; c <= 90; c++) t[c] = c - 65;
  for (let c = 48; c <= 57; c++) t[c] = c - 22;
  return t;
})();
function symbol(c: number): number {
  return c < 128 ? SYMBOL[c] : -1;
}

function buildTrie(entries: Map<string, Entry>): { children: Int32Array; nodeEntry: (Entry | undefined)[] } {
  let size = 1;
  for (const k of entries.keys()) size += k.length;
  let children = new Int32Array(size * 36);
  const nodeEntry: (Entry | undefined)[] = [undefined];
  let nodes = 1;
  for (const [key, entry] of entries) {
    let n = 0;
    for (let i = 0; i < key.length; i++) {
      const c = symbol(key.charCodeAt(i));
      let next = children[n * 36 + c];
      if (!next) {
        next = nodes++;
        children[n * 36 + c] = next;
        nodeEntry.push(undefined);
      }
      n = next;
    }
    nodeEntry[n] = entry;
  }
  children = children.slice(0, nodes * 36);
  return { children, nodeEntry };
}

let catalog: Catalog | undefined;

const AWS_PREFIXES = ['aws', 'amazon'];

/** A gap between two parts, as the join rules compare it: word separators become one space. */
function normalizeGap(gap: string): string {
  if (gap === '') return '';
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 95 && c !== 45) return gap;
  }
  return ' ';
}

function buildCatalog(): Catalog {
  const entries = new Map<string, Entry>();
  const addForm = (form: string, service: ServiceInfo | undefined, flags: { ambiguous: Set<string>; spaced: Set<string>; weak: Set<string>; plain: Set<string>; plainCode: Set<string> }) => {
    const key = formKey(form);
    if (!key) return;
    let entry = entries.get(key);
    if (entry && entry.service !== service) return; // a form belongs to the first service that claims it
    if (!entry) {
      const rest = AWS_PREFIXES.find(p => key.startsWith(p) && flags.ambiguous.has(key.slice(p.length)));
      entry = {
        service,
        seps: new Map(),
        letterBreaks: new Set(),
        spellings: new Set(),
        otherMeanings: new Set(service?.otherMeanings ?? []),
        ambiguous: flags.ambiguous.has(key),
        spacedAmbiguous: !flags.ambiguous.has(key) && flags.spaced.has(key),
        prefixedAmbiguous: !!rest,
        weak: flags.weak.has(key),
        plainInAws: flags.plain.has(key),
        plainInAwsCode: flags.plain.has(key) || flags.plainCode.has(key),
        cues: new Set(service?.cues ?? []),
        across: !!service?.acrossClouds,
        noCompany: !!service?.noCompany,
      };
      entries.set(key, entry);
    }
    entry.spellings.add(form);
    const parts = splitParts(form);
    let at = 0;
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) {
        const gap = normalizeGap(form.slice(parts[k - 1].end, parts[k].start));
        let seps = entry.seps.get(at);
        if (!seps) entry.seps.set(at, (seps = new Set()));
        seps.add(gap);
        if (isAlpha(form.charCodeAt(parts[k - 1].end - 1)) && isAlpha(form.charCodeAt(parts[k].start))) entry.letterBreaks.add(at);
      }
      at += parts[k].key.length;
    }
  };
  for (const s of allServices()) {
    const ambiguous = new Set<string>();
    const spaced = new Set<string>();
    for (const f of s.needsContext ?? []) (/\s/.test(f.trim()) ? spaced : ambiguous).add(formKey(f));
    const flags = {
      ambiguous,
      spaced,
      weak: new Set((s.weakForms ?? []).map(formKey)),
      plain: new Set((s.plainInAwsFiles ?? []).map(formKey)),
      plainCode: new Set((s.plainInAwsCode ?? []).map(formKey)),
    };
    for (const form of [s.name, ...s.forms]) addForm(form, s, flags);
  }
  const none = { ambiguous: new Set<string>(), spaced: new Set<string>(), weak: new Set<string>(), plain: new Set<string>(), plainCode: new Set<string>() };
  for (const name of notServiceNames()) addForm(name, undefined, none);
  return { entries, ...buildTrie(entries) };
}

interface Part {
  key: string;
  start: number;
  end: number;
  /** Index of the identifier (maximal run of letters, digits and `_`) the part belongs to. */
  ident: number;
}

/** Character classes for codes below 128: 1 lower-case letter, 2 upper-case letter, 3 digit, 0 other. */
const CHAR_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 97; c <= 122; c++) t[c] = 1;
  for (let c = 65; c <= 90; c++) t[c] = 2;
  for (let c = 48; c <= 57; c++) t[c] = 3;
  return t;
})();
/** Identifier characters below 128: letters, digits, `_`, `$`. */
const IDENT_CHAR = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (CHAR_CLASS[c] || c === 95 || c === 36) t[c] = 1;
  return t;
})();

function isAlnum(c: number): boolean {
  return c < 128 && CHAR_CLASS[c] !== 0;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isIdentChar(c: number): boolean {
  return c < 128 && IDENT_CHAR[c] === 1;
}



/** The word parts of a text, in typed arrays (a text of megabytes has hundreds of thousands of them). */
export class Parts {
  n = 0;
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
  ident: Int32Array<ArrayBuffer>;

  constructor(readonly text: string) {
    let cap = Math.max(16, text.length >> 2);
    let start = new Int32Array(cap);
    let end = new Int32Array(cap);
    let idents = new Int32Array(cap);
    const n = text.length;
    let count = 0;
    let ident = 0;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const k0 = c < 128 ? CHAR_CLASS[c] : 0;
      if (k0 === 0) {
        if (c !== 95) ident++; // `_` keeps the identifier going
        i++;
        continue;
      }
      // a letter/digit run, split at case and digit boundaries
      let s = i;
      let prev = k0;
      let j = i + 1;
      for (; j < n; j++) {
        const b = text.charCodeAt(j);
        const k = b < 128 ? CHAR_CLASS[b] : 0;
        if (k === 0) break;
        let boundary = (prev === 1 && k === 2) || ((prev === 3) !== (k === 3));
        // a version after an acronym: CDKv2, ELBv2 → CDK + v + 2
        if (!boundary && prev === 2 && b === 118 && j + 1 < n && CHAR_CLASS[text.charCodeAt(j + 1)] === 3) boundary = true;
        if (!boundary && prev === 2 && k === 2 && j + 1 < n) {
          // HTTPServer → HTTP + Server; but an acronym's plural stays whole (AMIs, VPCs)
          const d = text.charCodeAt(j + 1);
          boundary = d < 128 && CHAR_CLASS[d] === 1 && !(d === 115 && !isAlnum(text.charCodeAt(j + 2))) && !(d === 118 && CHAR_CLASS[text.charCodeAt(j + 2)] === 3);
        }
        if (boundary) {
          if (count === cap) [start, end, idents, cap] = grow(start, end, idents, cap);
          start[count] = s;
          end[count] = j;
          idents[count++] = ident;
          s = j;
        }
        prev = k;
      }
      if (count === cap) [start, end, idents, cap] = grow(start, end, idents, cap);
      start[count] = s;
      end[count] = j;
      idents[count++] = ident;
      i = j;
    }
    this.n = count;
    this.start = start;
    this.end = end;
    this.ident = idents;
  }

  /** Part k as an object (for the rules, which look at a few parts around a mention). */
  get(k: number): Part | undefined {
    if (k < 0 || k >= this.n) return undefined;
    return { key: this.text.slice(this.start[k], this.end[k]).toLowerCase(), start: this.start[k], end: this.end[k], ident: this.ident[k] };
  }
}

function grow(a: Int32Array, b: Int32Array, c: Int32Array, cap: number): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>, number] {
  const n = cap * 2;
  const a2 = new Int32Array(n);
  const b2 = new Int32Array(n);
  const c2 = new Int32Array(n);
  a2.set(a);
  b2.set(b);
  c2.set(c);
  return [a2, b2, c2, n];
}

/** Word parts of `text` (see the file comment). */
export function splitParts(text: string): Part[] {
  const p = new Parts(text);
  const out: Part[] = [];
  for (let k = 0; k < p.n; k++) out.push(p.get(k) as Part);
  return out;
}

// ---- languages ------------------------------------------------------------------------------------

const PROSE_LANGUAGES = new Set(['', 'markdown', 'plaintext', 'restructuredtext', 'asciidoc', 'latex', 'tex', 'org', 'text']);
const HASH_COMMENT_LANGUAGES = new Set([
  'python', 'yaml', 'shellscript', 'ruby', 'terraform', 'hcl', 'dockerfile', 'toml', 'perl', 'r', 'makefile',
  'powershell', 'properties', 'ini', 'coffeescript', 'elixir', 'julia', 'nim', 'crystal', 'graphql', 'cmake',
]);
const SLASH_AND_HASH_LANGUAGES = new Set(['terraform', 'hcl', 'php']);
const DASH_COMMENT_LANGUAGES = new Set(['sql', 'lua', 'haskell', 'elm', 'ada', 'vhdl']);
const TRIPLE_QUOTE_LANGUAGES = new Set(['python']);
const TERRAFORM_LANGUAGES = new Set(['terraform', 'hcl']);
const CDK_ALIAS_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
/** A line that is clearly AWS SDK, CDK, CloudFormation, Terraform AWS provider or ARN code. */
const AWS_CODE_LINE = /aws[-_]cdk|@aws-sdk|aws[-_]sdk|awscdk|boto3|botocore|AWS::|amazonaws|arn:aws|(resource|data)\s+"aws_/i;
/** Command-line tools named like a service, and the subcommands that make them commands. */
const CLI_COMMANDS: Record<string, RegExp> = {
  sam: /^\s+(build|deploy|local|init|validate|package|sync|logs|delete|pipeline|list|publish|remote|traces)\b/,
  cdk: /^\s+(deploy|synth|synthesize|diff|bootstrap|destroy|init|ls|list|watch|doctor|import|migrate|context|acknowledge|notices|gc)\b/,
};
const COMMAND_START = /(^|&&|\|\||[;|`(]|\bnpx|\bpnpm(\s+dlx)?|\byarn|\$|\brun:|-\s)\s*$/;
/** CDK modules whose classes are named after the service they connect (targets.LambdaFunction, tasks.LambdaInvoke). */
const CDK_INTEGRATION_MODULES = new Set([
  'targets', 'tasks', 'sources', 'eventsources', 'event_sources', 'lambda_event_sources', 'subs', 'subscriptions', 'origins',
  'integrations', 'authorizers', 'actions', 'cpactions', 'codepipeline_actions', 'cw_actions', 'destinations', 'ecs_patterns',
  'patterns', 'notifications', 's3n', 'route53_targets', 'elbv2_targets', 'sfn_tasks', 'events_targets', 'apigwv2_integrations',
]);
/** The ARN service position after a partition that is not written out: `arn:${AWS::Partition}:`, `"arn:", {"Ref": "AWS::Partition"}, ":`. */
const ARN_PARTITION = /(?:\barn:(?:aws[\w-]*|\$?\{[^{}\n]{0,60}\}|[\w.]*partition[\w.]*)|partition["'\s})\]]*(?:,|\+)\s*["'])\s*:$/i;
/** Another cloud's domain right after a name: iam.gserviceaccount.com, storage.googleapis.com. */
const OTHER_CLOUD_DOMAIN = /^\.[\w.-]*?(?:googleapis\.com|gserviceaccount\.com|google\.com|gcr\.io|pkg\.dev|azure\.com|azure\.net|windows\.net)/;

/** How text in a line region reads: code, a string literal, a comment, or prose. */
const CODE = 0;
const STRING = 1;
const COMMENT = 2;
const PROSE = 3;
type RegionKind = typeof CODE | typeof STRING | typeof COMMENT | typeof PROSE;

/** Lexer states carried from one line to the next. */
const S_CODE = 0;
const S_BLOCK_COMMENT = 1;
const S_TRIPLE_DOUBLE = 2;
const S_TRIPLE_SINGLE = 3;
const S_TEMPLATE = 4;
const S_YAML_BLOCK = 5;
const S_FENCE = 6;

interface Region {
  start: number;
  end: number;
  kind: RegionKind;
}

interface LineInfo {
  index: number;
  start: number;
  end: number;
  awsCode?: boolean;
  otherCloud?: boolean;
  regions?: Region[];
}

/**
 * Characters read around mentions and in lines (windows, line flags, lexing): a deterministic
 * measure of the work beyond the single pass over the text, which the tests check grows linearly.
 */
export const matcherWork = { chars: 0 };

/** text.slice(a, b), counted. */
function win(text: string, a: number, b: number): string {
  if (b > a) matcherWork.chars += b - a;
  return text.slice(a, b);
}

/** Lines longer than this are read in windows around a mention (minified files have megabyte lines). */
const LONG_LINE = 4096;

/** A line of prose that is code (a line in a code block, or an rst/markdown example). */
const CODE_LIKE = /^\s*(?:class|def|import|from|const|let|var|function|return|public|private|func|package|export|async|await|@\w+|\$|>>>)\b|[;{}]\s*$|^\s*[\w.[\]'"]+\s*=[^=]|\w\(.*\)\s*[:;,]?\s*$/;

/** Most longer words capitalized ("Bind Flags with Config", "JSON Support"): a heading or a title, where capitals say nothing. */
function titleCase(text: string): boolean {
  const words = text.match(/[A-Za-z][A-Za-z0-9]{2,}/g) ?? [];
  const upper = words.filter(w => isUpper(w.charCodeAt(0))).length;
  return (upper >= 3 && upper >= 0.75 * words.length) || (words.length >= 2 && words.length <= 4 && upper === words.length);
}

/** A string literal of words, not of code (`import type {Config} from 'jest'` in a template is code). */
function proseString(s: string): boolean {
  return /\S\s+\S/.test(s) && !/\bimport\s|=>|;\s*$|\{\s*$|@type\b|\bconst\s|\bfunction\s*\(|\{[A-Z]\w*\}/.test(s);
}

/** The clause around a word: up to the nearest `:` `.` `;` `(` `|` … on each side, within 120 characters and [from, to). */
function clauseAround(text: string, start: number, end: number, from: number, to: number): string {
  const left = win(text, Math.max(from, start - 120), start);
  const right = win(text, end, Math.min(to, end + 120));
  // a `.` ends a clause when a space follows it (not in "2.5" or "cdk.json")
  const stop = (t: string, k: number) => /[:;!?()[\]|"'`]/.test(t[k]) || (t[k] === '.' && (k + 1 >= t.length ? t === right : /\s/.test(t[k + 1])));
  let l = left.length;
  while (l > 0 && !stop(left, l - 1)) l--;
  let r = 0;
  while (r < right.length && !stop(right, r)) r++;
  return left.slice(l) + text.slice(start, end) + right.slice(0, r);
}

/**
 * The document's lines, walked forward: each line's flags and regions are computed once, when a
 * mention on it first needs them, and the regions of the lines before it (for the strings and
 * comments that span lines) in one forward pass.
 */
class Lines {
  private readonly current: LineInfo;
  private lexedUpTo = 0; // text offset where the next unlexed line starts
  private lexIndex = 0;
  private state = S_CODE;
  private yamlIndent = -1;
  private readonly family: 'c' | 'hash' | 'dash' | 'prose' | 'json' | 'yaml' | 'other';
  /** What opens a construct that spans lines, in this language; and where each next occurs (cached, so each is searched once per pass). */
  private readonly openers: string[];
  private readonly nextAt: number[];

  constructor(
    readonly text: string,
    readonly lang: string,
  ) {
    let end = text.indexOf('\n');
    if (end === -1) end = text.length;
    this.current = { index: 0, start: 0, end };
    if (PROSE_LANGUAGES.has(lang)) this.family = 'prose';
    else if (lang === 'yaml') this.family = 'yaml';
    else if (lang === 'json' || lang === 'jsonc') this.family = 'json';
    else if (HASH_COMMENT_LANGUAGES.has(lang)) this.family = 'hash';
    else if (DASH_COMMENT_LANGUAGES.has(lang)) this.family = 'dash';
    else if (lang) this.family = 'c';
    else this.family = 'other';
    const f = this.family;
    const triple = TRIPLE_QUOTE_LANGUAGES.has(lang) ? ['"""', "'''"] : [];
    if (f === 'prose') this.openers = ['```', '~~~'];
    else if (f === 'c' || f === 'other') this.openers = ['/*', '`', ...triple];
    else if (f === 'hash') this.openers = [...triple, ...(SLASH_AND_HASH_LANGUAGES.has(lang) ? ['/*'] : [])];
    else this.openers = [];
    this.nextAt = this.openers.map(() => -1);
  }

  /** The line holding `pos` (positions come in order, or within the current line); its flags are reset on each new line. */
  at(pos: number): LineInfo {
    const cur = this.current;
    const n = this.text.length;
    if (pos > cur.end && cur.end < n) {
      while (pos > cur.end && cur.end < n) {
        cur.start = cur.end + 1;
        cur.index++;
        const e = this.text.indexOf('\n', cur.start);
        cur.end = e === -1 ? n : e;
      }
      cur.awsCode = cur.otherCloud = undefined;
      cur.regions = undefined;
    }
    return cur;
  }

  awsCode(line: LineInfo): boolean {
    if (line.awsCode === undefined) line.awsCode = AWS_CODE_LINE.test(win(this.text, line.start, Math.min(line.end, line.start + LONG_LINE)));
    return line.awsCode;
  }

  otherCloud(line: LineInfo, pos: number): boolean {
    if (line.end - line.start > LONG_LINE) {
      const e = cloudEvidence(win(this.text, Math.max(line.start, pos - 400), Math.min(line.end, pos + 400)), this.lang);
      return e.other > 0 && e.aws === 0;
    }
    if (line.otherCloud === undefined) {
      const e = cloudEvidence(win(this.text, line.start, line.end), this.lang);
      line.otherCloud = e.other > 0 && e.aws === 0;
    }
    return line.otherCloud;
  }

  /** What the text at `pos` is: code, a string, a comment or prose. */
  kindAt(line: LineInfo, pos: number): RegionKind {
    const r = this.regionAt(line, pos);
    if (r) return r.kind;
    const regions = line.regions as Region[];
    return regions.length ? regions[regions.length - 1].kind : CODE;
  }

  /** The region holding `pos` (a binary search: a minified line has thousands). */
  regionAt(line: LineInfo, pos: number): Region | undefined {
    if (!line.regions) this.lexTo(line);
    const regions = line.regions as Region[];
    let lo = 0;
    let hi = regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = regions[mid];
      if (pos < r.start) hi = mid - 1;
      else if (pos >= r.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  private lexTo(line: LineInfo): void {
    // carry the state over the lines before this one: only a line that opens or continues a
    // construct spanning lines needs reading (each opener is searched for once per pass)
    const text = this.text;
    while (this.lexIndex < line.index && this.lexedUpTo <= text.length) {
      const ls = this.lexedUpTo;
      let le = text.indexOf('\n', ls);
      if (le === -1) le = text.length;
      if (this.state !== S_CODE || this.family === 'yaml' || this.opensWithin(ls, le)) this.lexLine(ls, le, false);
      this.lexedUpTo = le + 1;
      this.lexIndex++;
    }
    if (this.lexIndex === line.index) {
      line.regions = this.lexLine(line.start, line.end, true);
      this.lexedUpTo = line.end + 1;
      this.lexIndex++;
    } else line.regions = [];
  }

  private opensWithin(ls: number, le: number): boolean {
    for (let k = 0; k < this.openers.length; k++) {
      if (this.nextAt[k] !== Infinity && this.nextAt[k] < ls) {
        const at = this.text.indexOf(this.openers[k], ls);
        this.nextAt[k] = at === -1 ? Infinity : at;
      }
      if (this.nextAt[k] < le) return true;
    }
    return false;
  }

  private lexLine(ls: number, le: number, wanted: boolean): Region[] {
    const text = this.text;
    matcherWork.chars += le - ls;
    const regions: Region[] = [];
    const push = (start: number, end: number, kind: RegionKind) => {
      if (end <= start || !wanted) return;
      const last = regions[regions.length - 1];
      if (last && last.kind === kind && last.end === start) last.end = end;
      else regions.push({ start, end, kind });
    };
    const fam = this.family;
    if (fam === 'prose') {
      const line = win(text, ls, Math.min(le, ls + 400));
      if (/^\s*(```|~~~)/.test(line)) {
        this.state = this.state === S_FENCE ? S_CODE : S_FENCE;
        push(ls, le, CODE);
      } else if (this.state === S_FENCE || CODE_LIKE.test(line)) push(ls, le, CODE);
      else push(ls, le, PROSE);
      return regions;
    }
    let i = ls;
    if (fam === 'yaml') {
      const indent = /^\s*/.exec(win(text, ls, Math.min(le, ls + 200)))?.[0].length ?? 0;
      if (this.state === S_YAML_BLOCK) {
        if (indent > this.yamlIndent || /^\s*$/.test(win(text, ls, Math.min(le, ls + 200)))) {
          push(ls, le, STRING);
          return regions;
        }
        this.state = S_CODE;
      }
      const head = win(text, ls, Math.min(le, ls + 300));
      const block = /^(\s*)(?:-\s+)?[\w"'.-]+\s*:\s*[|>][+-]?\d*\s*(#.*)?$/.exec(head);
      if (block) {
        this.state = S_YAML_BLOCK;
        this.yamlIndent = indent;
      }
      // `key: unquoted words` and `- unquoted words`: the value is text
      const m = /^(\s*(?:-\s+)?(?:[\w"'.-]+\s*:\s+)?)([^\s"'{[!&*|>#-][^#]*?)\s*(#.*)?$/.exec(head);
      if (m && /\s/.test(m[2]) && !/^[\w.-]+:\s/.test(m[2]) && head.length < 300) {
        push(ls, ls + m[1].length, CODE);
        push(ls + m[1].length, ls + m[1].length + m[2].length, STRING);
        if (m[3]) push(le - m[3].length, le, COMMENT);
        push(ls + m[1].length + m[2].length, le, CODE);
        return regions;
      }
    }
    const hash = fam === 'hash' || fam === 'yaml' || fam === 'other';
    const slash = fam === 'c' || fam === 'other' || SLASH_AND_HASH_LANGUAGES.has(this.lang);
    const triple = TRIPLE_QUOTE_LANGUAGES.has(this.lang);
    let start = i;
    let kind: RegionKind = CODE;
    // continue what the previous line left open
    if (this.state === S_BLOCK_COMMENT || this.state === S_TRIPLE_DOUBLE || this.state === S_TRIPLE_SINGLE || this.state === S_TEMPLATE) {
      const close = this.state === S_BLOCK_COMMENT ? '*/' : this.state === S_TRIPLE_DOUBLE ? '"""' : this.state === S_TRIPLE_SINGLE ? "'''" : '`';
      const k = text.indexOf(close, i);
      const kindOpen: RegionKind = this.state === S_BLOCK_COMMENT ? COMMENT : STRING;
      if (k === -1 || k >= le) {
        push(ls, le, kindOpen);
        return regions;
      }
      push(ls, k + close.length, kindOpen);
      this.state = S_CODE;
      i = start = k + close.length;
    }
    while (i < le) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39 || (c === 96 && fam !== 'hash' && fam !== 'yaml')) {
        // a string: "…", '…', `…` (a template may span lines), Python's """…"""
        push(start, i, kind);
        const quote = text[i];
        if (triple && text.startsWith(quote.repeat(3), i)) {
          const k = text.indexOf(quote.repeat(3), i + 3);
          if (k === -1 || k >= le) {
            this.state = quote === '"' ? S_TRIPLE_DOUBLE : S_TRIPLE_SINGLE;
            push(i, le, STRING);
            return regions;
          }
          push(i, k + 3, STRING);
          i = start = k + 3;
          continue;
        }
        let k = i + 1;
        while (k < le && text[k] !== quote) k += text.charCodeAt(k) === 92 ? 2 : 1;
        if (k >= le && quote === '`') this.state = S_TEMPLATE;
        push(i, Math.min(le, k + 1), STRING);
        i = start = Math.min(le, k + 1);
        continue;
      }
      const comment =
        (slash && c === 47 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i - 1) !== 58) ||
        (hash && c === 35 && (fam === 'hash' && this.lang === 'python' ? true : i === ls || /\s/.test(text[i - 1]))) ||
        (fam === 'dash' && c === 45 && text.charCodeAt(i + 1) === 45);
      if (comment) {
        push(start, i, kind);
        push(i, le, COMMENT);
        return regions;
      }
      if (slash && c === 47 && text.charCodeAt(i + 1) === 42) {
        push(start, i, kind);
        const k = text.indexOf('*/', i + 2);
        if (k === -1 || k >= le) {
          this.state = S_BLOCK_COMMENT;
          push(i, le, COMMENT);
          return regions;
        }
        push(i, k + 2, COMMENT);
        i = start = k + 2;
        continue;
      }
      if (c === 60 && text.startsWith('<!--', i)) {
        push(start, i, kind);
        push(i, le, COMMENT);
        return regions;
      }
      i++;
    }
    push(start, le, kind);
    // a block comment's continuation line: ` * text`
    if (wanted && slash && regions.length && /^\s*\*(\s|$)/.test(win(text, ls, Math.min(le, ls + 8)))) return [{ start: ls, end: le, kind: COMMENT }];
    return regions;
  }
}

/**
 * Counts now; counts only in the company of another service on the line; only when listed right
 * next to one; or does not count.
 */
type Verdict = 'yes' | 'company' | 'near' | 'no';

interface Scan {
  text: string;
  parts: Parts;
  lang: string;
  lines: Lines;
  cloud: Cloud;
  context: DocumentContext;
}

/** The next word after parts[j], if it follows as a word of the same phrase (space, `-`, `_` or camelCase). */
function nextWord(scan: Scan, j: number): string | undefined {
  const next = scan.parts.get(j + 1);
  if (!next) return undefined;
  const gap = win(scan.text, scan.parts.end[j], next.start);
  return gap.length <= 2 && /^[ \t_-]*$/.test(gap) ? next.key : undefined;
}

/** What the ordinary-word mention parts[i..j] counts as, from the text around it. */
function verdict(scan: Scan, i: number, j: number, entry: Entry, plural: boolean): Verdict {
  const { text, parts, lang, lines } = scan;
  const start = parts.start[i];
  const last = parts.get(j) as Part;
  const end = last.end;
  const line = lines.at(start);
  const ls = line.start;
  const word = win(text, start, plural ? end - 1 : end);
  const before = win(text, Math.max(ls, start - 80), start);
  const after = win(text, end, Math.min(line.end, end + 80));
  const next = parts.get(j + 1);
  const sameIdentAfter = next !== undefined && next.ident === last.ident && next.start - end <= 1;
  const prev = parts.get(i - 1);
  const service = entry.service as ServiceInfo;

  // Python's lambda keyword: `lambda x: x`, `lambda: None`, `key=lambda r: r[1]`
  if (service.name === 'Lambda' && word === 'lambda' && (/^\s*:(\s|$)/.test(after) || /^\s+[\w*][\w\s,*=]*:(?!:)/.test(after))) return 'no';

  // "aws"/"amazon" right before: AWS Config, AWS::Batch::JobQueue, arn:aws:lambda, aws_config_rule
  if (prev && AWS_PREFIXES.includes(prev.key) && start - prev.end <= 3 && prev.start >= ls) {
    const gap = win(text, prev.end, start);
    if (/\s/.test(gap)) {
      // "AWS support", "Amazon backup": a writer who capitalizes the name would have here
      const prefixCapitalized = isUpper(text.charCodeAt(prev.start));
      return prefixCapitalized && isLower(text.charCodeAt(start)) && !entry.cues.has(next?.key ?? '') ? 'company' : 'yes';
    }
    if (gap === '::' || gap === ':' || gap === '-' || gap === '/') return 'yes'; // AWS::Batch::…, arn:aws:glue, 'aws-lambda', /aws/lambda/
    if (gap === '.' && isUpper(text.charCodeAt(start))) return 'yes'; // the SDK v2 clients: new AWS.Lambda(), aws.ConfigService()
    if (sameIdentAfter) return 'yes'; // aws_config_config_rule, awsLambdaFunction
    if (gap === '_' || gap === '') {
      // aws_events: a module when imported or used as one (`aws_events.Rule`), not a variable (`aws_config = …`)
      const ident = win(text, prev.start, end);
      if (scan.context.modules.has(ident) || /^\.[A-Za-z_]/.test(after)) return 'yes';
      // on an AWS code line (`data "aws_ami"`, `from aws_cdk import aws_lambda`), unless a variable is assigned
      if (lines.awsCode(line) && !/^\s*=[^=]/.test(after)) return 'yes';
    }
  }
  // the resource type in AWS::Route53::HealthCheck, the action in ecr:BatchGetImage: not services
  if (/\w::$/.test(before) || /\w:$/.test(before)) {
    if (ARN_PARTITION.test(before)) return 'yes'; // arn:${AWS::Partition}:logs:…
    return 'no';
  }
  if (ARN_PARTITION.test(before)) return 'yes';
  // SDK packages: @aws-sdk/client-lambda, aws-sdk-go-v2/service/lambda, software.amazon.awssdk.services.lambda
  let tokenStart = start;
  while (tokenStart > ls && start - tokenStart < 80 && !/[\s'"`(),;=<>]/.test(text[tokenStart - 1])) tokenStart--;
  const token = win(text, tokenStart, start).toLowerCase();
  if (/aws-sdk/.test(token) && /client-$/.test(token)) return 'yes';
  if (/aws/.test(token) && /\/service\/$/.test(token)) return 'yes';
  if (/amazon|awssdk/.test(token) && /services\.$/.test(token)) return 'yes';
  if (/aws-actions\/[\w-]*-$/.test(token)) return 'yes'; // GitHub Actions: aws-actions/setup-sam
  // the service's part of an AWS documentation or product URL: docs.aws.amazon.com/organizations/…, aws.amazon.com/polly/
  if (/(?:docs\.aws\.amazon\.com|aws\.amazon\.com)\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?$/.test(before) && /^[/#.-]/.test(after)) return 'yes';
  // service principal: lambda.amazonaws.com
  if (/^\.amazonaws\./i.test(after)) return 'yes';
  // IAM action: "lambda:InvokeFunction", "glue:*", and a prefix of one: 'batch:'
  if (/^:[A-Z*]/.test(after) && (start === ls || /["'\s[,]$/.test(before))) return 'yes';
  if (/^:["']/.test(after) && /["']$/.test(before)) return 'yes';
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
    if (CDK_ALIAS_LANGUAGES.has(lang) && (/\bnew\s+_?$/.test(before) || member?.[2]?.startsWith('.'))) return 'yes';
    if (lang === 'python' && member?.[2] === '(') return 'yes';
    if (scan.cloud === 'aws' && entry.plainInAwsCode) return 'yes';
    return 'company';
  }
  // a CDK construct named after the service, in a module that names constructs so:
  // new targets.LambdaFunction(fn), tasks.LambdaInvoke(self, …), apigw.LambdaRestApi(…)
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter) {
    const q = /(?:^|[^\w.])([a-z_]\w*)\.$/.exec(before);
    if (q && (CDK_INTEGRATION_MODULES.has(q[1]) || scan.context.aliases.has(q[1]) || knownKey(q[1]))) {
      const rest = win(text, end, Math.min(line.end, end + 80)).match(/^\w*/)?.[0] ?? '';
      const call = win(text, end + rest.length, Math.min(line.end, end + rest.length + 1)) === '(';
      if (call && ((CDK_ALIAS_LANGUAGES.has(lang) && /\bnew\s+[\w.]+$/.test(before)) || lang === 'python')) return 'yes';
      if (scan.context.aliases.has(q[1]) || CDK_INTEGRATION_MODULES.has(q[1])) return 'yes';
    }
  }
  // boto3 client in a variable: polly.synthesize_speech(Text=…, VoiceId=…)
  if (lang === 'python' && bare && /^\.[a-z_]+\(\s*[A-Z]\w*\s*=/.test(after)) return 'yes';
  // AWS enum values: storage_class = "GLACIER", MarketType: spot, capacity_type = "SPOT"
  if (/(storage_?class|capacity_?type|market_?type)["']?\s*[:=]\s*["']?$/i.test(before) && /^["']?\s*(,|$|#)/.test(after)) return 'yes';
  // command-line tools: sam deploy, npx cdk synth
  const cli = CLI_COMMANDS[word];
  if (cli && cli.test(after) && COMMAND_START.test(before)) return 'yes';

  const kind = lines.kindAt(line, start);
  const region = kind === STRING ? lines.regionAt(line, start) : undefined;
  // a string of words reads as prose; a string without spaces is an identifier ('lambda-fns')
  const textual = kind === PROSE || kind === COMMENT || (kind === STRING && !!region && proseString(win(text, region.start, Math.min(region.end, region.start + 200))));
  // a word inside a code token of a comment or prose (`example_code.comprehend.Describe`, `lambda-fns`) reads as code
  // (and so does `inline code`)
  const inToken = /[A-Za-z0-9][._:/-]$/.test(before) || /^[._:/-][A-Za-z0-9]/.test(after) || (/`$/.test(before) && /^`/.test(after));
  // in a file about AWS, the forms that are its services there: `getOneLambda`, "the lambdas"
  if (scan.cloud === 'aws' && (entry.plainInAws || (entry.plainInAwsCode && (!textual || inToken)))) return 'yes';
  // and its phrases written as one identifier: `api_gateway_id`, `step-functions`
  if (scan.cloud === 'aws' && entry.spacedAmbiguous && j > i && !/\s/.test(win(text, start, end))) return 'yes';

  const cue = entry.cues.has(nextWord(scan, j) ?? '');
  const titledSpelling = isUpper(text.charCodeAt(start)) && (/[a-z]/.test(word) || word.length >= 3) && entry.spellings.has(word);
  const standalone = !isAlnum(text.charCodeAt(start - 1)) && !isAlnum(text.charCodeAt(end)) && text[start - 1] !== '_' && text[end] !== '_' && !sameIdentAfter;
  if (standalone && textual && !inToken) {
    const v = textualVerdict();
    // an ordinary word (Support, Config, Batch) in a heading or next to another service is still the word
    return entry.noCompany && (v === 'company' || v === 'near') ? 'no' : v;
  }
  function textualVerdict(): Verdict {
    if (cue && (titledSpelling || scan.cloud === 'aws')) return 'yes'; // "Lambda function", "Glue job"
    // the service's own spelling, mid-sentence: "we moved to Lambda", "the SES sandbox",
    // "// TODO: move this to Lambda" (but "// a new Config" is a class)
    if (titledSpelling && !entry.otherMeanings.has(word)) {
      // in a heading capitals say nothing of a plain word (Config, Batch); a brand (EventBridge) is still one
      if (/^[A-Z][a-z]+$/.test(word) && titleCase(clauseAround(text, start, end, region?.start ?? ls, region?.end ?? line.end))) return 'company';
      const lineBefore = win(text, Math.max(ls, start - 120), start);
      const atLineStart = start - ls <= 120;
      const sentenceStart =
        (atLineStart && /^(\s*|\s*(#+|>|[-*+]|\d+[.)]|\/\/+|\/?\*+|#|--)\s*)$/.test(lineBefore)) ||
        /[.!?:;]\s+$/.test(lineBefore) ||
        (kind === STRING && !!region && region.start + 1 === start);
      if (sentenceStart || (kind === COMMENT && /\bnew\s+$/.test(lineBefore))) return 'company';
      if (kind !== PROSE && scan.cloud === 'other') return 'company';
      // an ordinary word as a name only after an ordinary word: "contact Support", not "JSON Support", "2.5 Support"
      if (entry.noCompany && !/(?:^|[^\w`'"])[a-z]+\s+$/.test(lineBefore)) return 'company';
      return 'yes';
    }
    if (titledSpelling) return 'company';
    if (cue) return 'company';
    // lowercase, as the notes write it: "(lambda, kinesis", listed with another service
    return isLower(text.charCodeAt(start)) ? 'near' : 'no';
  }
  // code: a PascalCase name that starts with the service (LambdaRestApi, GlueContext), a camelCase
  // key that is exactly the form (containerInsights), a resource label named after the service
  // ("lambda_exec", "aurora"): in company only
  if (isUpper(text.charCodeAt(start)) && sameIdentAfter && !isAlnum(text.charCodeAt(start - 1))) return 'company';
  if (!sameIdentAfter && (i === 0 || parts.ident[i] !== parts.ident[i - 1]) && j > i && /[A-Z]/.test(word)) return 'company';
  // Terraform names infrastructure, and so does code in a file about AWS: `lambda_function_arn`, `glue_job`, `BatchJobQueue`
  if (cue && (TERRAFORM_LANGUAGES.has(lang) || scan.cloud === 'aws')) return 'yes';
  if (cue) return 'company';
  const quoted = /["']$/.test(win(text, tokenStart, start) || before) && /^[\w-]*["']/.test(after);
  if (quoted && word.toLowerCase() === service.name.toLowerCase()) return 'company';
  return 'no';
}

/** text[s, e) is "aws" or "amazon", in any case. */
function isAwsPrefix(text: string, s: number, e: number): boolean {
  const n = e - s;
  if (n !== 3 && n !== 6) return false;
  const w = win(text, s, e).toLowerCase();
  return w === 'aws' || w === 'amazon';
}

/**
 * A brand written lower-case and apart is still the brand in an identifier: `media_package`, and a
 * kebab-case name of three words or more (`the-media-live-stream`), not an English "site-wise".
 */
function brandJoin(text: string, nextStart: number): boolean {
  const sep = text.charCodeAt(nextStart - 1);
  if (sep === 95) return true;
  if (sep !== 45) return false;
  let s = nextStart - 1;
  while (s > 0 && nextStart - s < 80 && /[\w.\/-]/.test(text[s - 1])) s--;
  let e = nextStart;
  while (e < text.length && e - nextStart < 80 && /[\w.\/-]/.test(text[e])) e++;
  return (text.slice(s, e).match(/[-_./]/g)?.length ?? 0) >= 2;
}

/** The token around [start, end) is base64 of 40 characters or more (an SSH key, a certificate, a blob). */
function isBase64Token(text: string, start: number, end: number): boolean {
  const isB64 = (c: number) => isAlnum(c) || c === 43 || c === 47 || c === 61;
  let s = start;
  while (s > 0 && start - s < 80 && isB64(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && e - end < 80 && isB64(text.charCodeAt(e))) e++;
  if (e - s < 40) return false;
  const token = text.slice(s, e);
  return /[+/]/.test(token) && /[0-9]/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token) && !/\/\/|^\/|\/$/.test(token) && !/[a-z]{12}/i.test(token.replace(/[^A-Za-z]/g, ' '));
}

/** The letter/digit run around `pos` is a hex number of 8 digits or more. */
function isHexRun(text: string, pos: number): boolean {
  let s = pos;
  while (s > 0 && isAlnum(text.charCodeAt(s - 1)) && pos - s < 64) s--;
  let e = pos;
  while (e < text.length && isAlnum(text.charCodeAt(e)) && e - s < 64) e++;
  return e - s >= 8 && /^[0-9a-fA-F]+$/.test(win(text, s, e)) && /[0-9]/.test(win(text, s, e));
}

function knownKey(identifier: string): boolean {
  const e = (catalog as Catalog).entries.get(identifier.replace(/_/g, '').toLowerCase());
  return !!e?.service && !e.ambiguous;
}

function judge(scan: Scan, i: number, j: number, entry: Entry, plural: boolean): Verdict {
  const { text, parts } = scan;
  const start = parts.start[i];
  const end = parts.end[j];
  const line = scan.lines.at(start);
  // a hash or an id (0be33d6e8ddb), a key or a blob in base64: names nothing
  if (i > 0 && parts.end[i - 1] === start && isHexRun(text, start)) return 'no';
  if (isBase64Token(text, start, end)) return 'no';
  // iam.gserviceaccount.com, storage.googleapis.com: another cloud's
  if (OTHER_CLOUD_DOMAIN.test(win(text, end, Math.min(line.end, end + 80)))) return 'no';
  // in the host name of a URL that is not AWS's (img.shields.io, www.cargo-lambda.info): a domain, not a service
  const host = /:\/\/([\w.-]*)$/.exec(win(text, Math.max(line.start, start - 80), start));
  if (host && !/\b(aws|amazon|amazonaws)\b/.test(host[1] + win(text, end, Math.min(line.end, end + 80)).match(/^[\w.-]*/)?.[0])) return 'no';
  const word = win(text, start, plural ? end - 1 : end);
  let v: Verdict;
  // "api gateway", "API gateway", `app_runner`: an ordinary phrase; "API Gateway", `apigateway`, `ApiGateway`,
  // `serverless-step-functions`: the name
  const matched = win(text, start, end);
  const phrase = entry.spacedAmbiguous && /[\s_]/.test(matched) && !/^[A-Z][\w]*(?:[\s_-]+[A-Z][\w]*)*$/.test(matched);
  if (entry.ambiguous || phrase || entry.otherMeanings.has(word)) v = verdict(scan, i, j, entry, plural);
  else if (entry.prefixedAmbiguous) {
    // "aws" + an ordinary word written as one identifier (awsConfig, aws_config): judge the word
    if (i < j && isAwsPrefix(text, parts.start[i], parts.end[i])) v = verdict(scan, i + 1, j, entry, plural);
    else v = scan.lines.awsCode(line) ? 'yes' : 'no';
  } else v = 'yes';
  if (v === 'no') return v;
  // a name other clouds share, or an ordinary word, in a file (or on a line) about another cloud: only with an AWS marker
  const ordinary = entry.ambiguous || entry.spacedAmbiguous || entry.otherMeanings.size > 0;
  if (!entry.across && !(ordinary && scan.cloud === 'other')) return v;
  const otherCloud = scan.cloud === 'other' || (scan.cloud !== 'aws' && scan.lines.otherCloud(line, start));
  if (!otherCloud) return v;
  const marked =
    isAwsPrefix(text, parts.start[i], parts.end[i]) ||
    (i > 0 && isAwsPrefix(text, parts.start[i - 1], parts.end[i - 1]) && start - parts.end[i - 1] <= 3 && parts.start[i - 1] >= line.start) ||
    scan.lines.awsCode(line);
  return marked ? v : 'no';
}

interface Found extends ServiceMention {
  needs?: 'company' | 'near';
  line: number;
}

/**
 * Service mentions in `text`, in order. `languageId` is the VS Code language of the text (prose
 * rules apply to markdown/plaintext and when it is omitted). Weak mentions are left out unless
 * `options.weak`; `options.document` gives the document the text belongs to (see FindOptions).
 */
export function findServices(text: string, languageId = '', options: FindOptions = {}): ServiceMention[] {
  if (!catalog) catalog = buildCatalog();
  const { children, nodeEntry } = catalog;
  const lang = languageId.toLowerCase();
  const parts = new Parts(text);
  let context = documentContext(text, lang);
  if (options.document !== undefined) {
    const doc = typeof options.document === 'string' ? (options.document === text ? EMPTY_CONTEXT : documentContext(options.document, lang)) : options.document;
    context = mergeContexts(doc, context);
  }
  const scan: Scan = { text, parts, lang, lines: new Lines(text, lang), cloud: cloudOf(context), context };
  const found: Found[] = [];
  const aliases = context.aliases;
  // the lengths the aliases have (a cheap test before a slice and a lookup)
  let aliasLengths: Uint8Array | undefined;
  if (aliases.size) {
    aliasLengths = new Uint8Array(64);
    for (const a of aliases.keys()) if (a.length < 64) aliasLengths[a.length] = 1;
  }
  const { start: ps, end: pe } = parts;
  // per start part: the candidates (longest last) and the joins they cross, in reused arrays
  const candJ = new Int32Array(8);
  const candJoins = new Int32Array(8);
  const candPlural = new Uint8Array(8);
  const candEntry: Entry[] = [];
  const joinAt = new Int32Array(8);
  const joinGap: string[] = [];
  for (let i = 0; i < parts.n; i++) {
    // an identifier an import binds to a service, used as a module: `_lambda.Runtime`, `sfn.StateMachine`
    if (aliasLengths && (ps[i] === 0 || !isAlnum(text.charCodeAt(ps[i] - 1)))) {
      // the identifier around the part: back over `_`/`$`, on over letters, digits, `_`, `$`
      let s = ps[i];
      while (s > 0 && (text.charCodeAt(s - 1) === 95 || text.charCodeAt(s - 1) === 36) && ps[i] - s < 4) s--;
      let e = pe[i];
      const limit = Math.min(text.length, s + 64);
      while (e < limit && isIdentChar(text.charCodeAt(e))) e++;
      if (text.charCodeAt(e) === 46 /* . */ && e - s < 64 && aliasLengths[e - s] && s >= (i > 0 ? pe[i - 1] : 0) && (s === 0 || text.charCodeAt(s - 1) !== 46)) {
        const name = aliases.get(text.slice(s, e));
        if (name) {
          found.push({ name, start: s, end: e, line: scan.lines.at(s).index });
          while (i + 1 < parts.n && ps[i + 1] < e) i++;
          continue;
        }
      }
    }
    // walk the trie over parts i, i+1, … while their letters continue a key
    let node = 0;
    let depth = 0;
    let nCand = 0;
    let nJoins = 0;
    // most parts start no key: one look at the trie's first level
    const first = symbol(text.charCodeAt(ps[i]));
    if (!children[first]) continue;
    const midWord = ps[i] > 0 && isAlnum(text.charCodeAt(ps[i] - 1));
    for (let j = i; j < parts.n && j < i + 8; j++) {
      if (j > i) {
        const gapLength = ps[j] - pe[j - 1];
        if (gapLength > 3) break;
        const gap = gapLength ? text.slice(pe[j - 1], ps[j]) : '';
        if (gap.includes('\n')) break;
        if (midWord && gap !== '') break; // a match that starts inside a word stays in it
        joinAt[nJoins] = depth;
        joinGap[nJoins] = normalizeGap(gap);
        nJoins++;
      }
      let before = 0; // the node before the character the walk stopped at (for plurals)
      let k = ps[j];
      for (; k < pe[j]; k++) {
        before = node;
        const next = children[node * 36 + symbol(text.charCodeAt(k))];
        depth++;
        if (!next) {
          node = -1;
          break;
        }
        node = next;
      }
      if (node < 0) {
        // "Lambdas", "AMIs": the singular is a key, and the walk stopped at the part's final `s`
        if (k === pe[j] - 1 && (text.charCodeAt(k) | 32) === 115 && k > ps[j] && depth - 1 >= 3 && nodeEntry[before]?.service) {
          candJ[nCand] = j;
          candJoins[nCand] = nJoins;
          candPlural[nCand] = 1;
          candEntry[nCand++] = nodeEntry[before] as Entry;
        }
        break;
      }
      const e = nodeEntry[node];
      if (e) {
        candJ[nCand] = j;
        candJoins[nCand] = nJoins;
        candPlural[nCand] = 0;
        candEntry[nCand++] = e;
      }
    }
    // longest first; a join only where the form itself breaks, with what the form puts there
    for (let c = nCand - 1; c >= 0; c--) {
      const j = candJ[c];
      const entry = candEntry[c];
      let ok = true;
      for (let k = 0; k < candJoins[c] && ok; k++) {
        const seps = entry.seps.get(joinAt[k]);
        const gap = joinGap[k];
        // a camelCase brand written apart keeps its capitals ("Event Bridge", not "site-wise");
        // snake_case keeps a brand too (media_package)
        ok =
          !!seps &&
          (gap === '' ||
            seps.has(gap) ||
            (gap === '::' && seps.has(' ')) || // AWS::SSM::Parameter is "SSM Parameter" (but "AWS Serverless" is not AWS::Serverless)
            (gap === ' ' && seps.has('') && entry.letterBreaks.has(joinAt[k]) && (isUpper(text.charCodeAt(ps[i + k + 1])) || brandJoin(text, ps[i + k + 1]))));
      }
      if (!ok) continue;
      if (!entry.service) {
        if (options.lenient) continue; // the notes are about AWS: "lambda calculus" is Lambda there too
        i = j; // a name that is not a service: consumed, nothing found
        break;
      }
      const plural = candPlural[c] === 1;
      const v = options.lenient ? 'yes' : judge(scan, i, j, entry, plural);
      if (v === 'no') continue;
      // a plural ("Lambdas", "AMIs") is found as its singular: the mention ends before the `s`
      const m: Found = { name: entry.service.name, start: ps[i], end: plural ? pe[j] - 1 : pe[j], line: scan.lines.at(ps[i]).index };
      if (v !== 'yes') m.needs = v;
      if (entry.weak) m.weak = true;
      found.push(m);
      i = j;
      break;
    }
  }
  return resolve(text, found, options.weak === true);
}

/** Mentions that need company keep it when their line names a service on its own (weak ones do not count). */
function resolve(text: string, found: Found[], weak: boolean): ServiceMention[] {
  const strong = (m: Found) => !m.needs && !m.weak;
  const out: ServiceMention[] = [];
  const linesWithService = new Set<number>();
  for (const m of found) if (strong(m)) linesWithService.add(m.line);
  // the nearest strong mention before and after each mention, for the listed-together rule
  const prevStrong: (Found | undefined)[] = [];
  let last: Found | undefined;
  for (const m of found) {
    prevStrong.push(last);
    if (strong(m)) last = m;
  }
  const nextStrong: (Found | undefined)[] = new Array(found.length);
  last = undefined;
  for (let k = found.length - 1; k >= 0; k--) {
    nextStrong[k] = last;
    if (strong(found[k])) last = found[k];
  }
  found.forEach((m, k) => {
    if (m.weak && !weak) return;
    if (m.needs === 'company' && !linesWithService.has(m.line)) return;
    if (m.needs === 'near' && !((prevStrong[k] && near(text, prevStrong[k] as Found, m)) || (nextStrong[k] && near(text, m, nextStrong[k] as Found)))) return;
    out.push(m.weak ? { name: m.name, start: m.start, end: m.end, weak: true } : { name: m.name, start: m.start, end: m.end });
  });
  return out;
}

/** Listed together: "(lambda, kinesis", "lambda -> dynamodb", "s3/lambda" (not "support aws toolkit"). */
function near(text: string, x: ServiceMention, y: ServiceMention): boolean {
  if (y.start - x.end > 64) return false;
  const between = text.slice(x.end, y.start);
  // a closing bracket alone ends a list: "(EFA) support" is not listed with EFA
  return !between.includes('\n') && !/[A-Za-z0-9]/.test(between) && /[,(/>&+|[]/.test(between);
}

/**
 * Every mention in a whole document, with its context read from the document itself: the scan the
 * "In This File" view and the CLI make. Linear in the document's length; weak mentions are left out
 * unless asked for.
 */
export function scanDocument(text: string, languageId = '', options: { weak?: boolean } = {}): ServiceMention[] {
  return findServices(text, languageId, { weak: options.weak });
}
