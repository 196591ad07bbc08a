// What a whole document tells the matcher about the text it holds, read in one linear pass:
//
// - its cloud: the AWS evidence in it (CDK and SDK imports, `aws_` resource types, `AWS::` types,
//   ARNs, amazonaws.com, "AWS") against another cloud's (`google_`/`azurerm_` resources, their
//   providers and SDKs, googleapis.com, gserviceaccount.com, "Azure", "GCP"). A Google Cloud
//   Terraform file's "VPC" and "IAM" are Google's; a CDK stack's "lambda" is AWS Lambda.
// - the module aliases its imports bind: `from aws_cdk import (aws_lambda as _lambda, aws_logs as
//   logs)`, `import * as sfn from 'aws-cdk-lib/aws-stepfunctions'`, `import { aws_events as events }
//   from 'aws-cdk-lib'`, Go's `"github.com/aws/aws-sdk-go-v2/service/rds/types"`, and SDK clients
//   stored in a variable named after their service (`logs_client = boto3.client("logs")`).
//
// findServices reads the context of the text it is given, and of the document when the caller passes
// it (the hover passes a per-version cache of it: see documentContext()).
import { canonicalServiceName, formKey } from './catalog';

export interface DocumentContext {
  /** Pieces of AWS evidence found (capped). */
  readonly aws: number;
  /** Pieces of another cloud's evidence found (capped). */
  readonly other: number;
  /** Identifiers bound to an AWS service module or client: `_lambda` → Lambda, `sfn` → Step Functions. */
  readonly aliases: ReadonlyMap<string, string>;
  /** AWS modules imported under their own name (`aws_events` in `from aws_cdk import aws_events`). */
  readonly modules: ReadonlySet<string>;
}

export type Cloud = 'aws' | 'other' | 'mixed' | 'unknown';

/** The context is read from a document's first 256 KB (a 10 MB file is scanned for mentions, not for this). */
export const CONTEXT_CHARS = 256 * 1024;

/** Evidence is counted up to this many pieces per side: enough to weigh one against the other. */
const CAP = 64;

const AWS_EVIDENCE = new RegExp(
  [
    String.raw`\baws[-_]cdk`, String.raw`\bawscdk\b`, '@aws-sdk/', String.raw`\baws-sdk\b`, String.raw`\bboto3\b`, String.raw`\bbotocore\b`,
    String.raw`software\.amazon\.aws`, 'github\\.com/aws/', String.raw`\bAWS::`, 'AWSTemplateFormatVersion', String.raw`\barn:aws`,
    String.raw`arn:\$\{AWS::Partition\}`, String.raw`amazonaws\.com`, String.raw`\baws_[a-z0-9]+_[a-z0-9_]*`, String.raw`\baws_(?:lambda|cdk|iam|s3|sqs|sns|ec2|vpc|instance|eip|lb|db|partition|region|caller_identity)\b`,
    'hashicorp/aws\\b', String.raw`provider\s+"aws"`, 'terraform-aws-', String.raw`\bAmazon\.[A-Z]`, String.raw`^\s*name:\s*aws\s*$`,
    String.raw`\bAWS\b`, String.raw`\bAmazon\s+[A-Z]`,
  ].join('|'),
  'gm',
);
const OTHER_EVIDENCE = new RegExp(
  [
    String.raw`\bgoogle_[a-z]`, 'hashicorp/google', 'terraform-google-', String.raw`googleapis\.com`, String.raw`gserviceaccount\.com`,
    String.raw`\bgcr\.io\b`, String.raw`\bpkg\.dev\b`, '@google-cloud/', String.raw`\bgoogle\.cloud\b`, String.raw`cloud\.google\.com`,
    String.raw`\bazurerm_`, String.raw`\bazurerm\b`, '@azure/', String.raw`Microsoft\.Azure`, String.raw`\.azure\.com`, String.raw`windows\.net\b`,
    String.raw`\bazure[-.]`, String.raw`\balicloud_`, String.raw`\bdigitalocean_`, String.raw`self_link\b`,
    String.raw`\bGoogle Cloud\b`, String.raw`\bGCP\b`, String.raw`\bGKE\b`, String.raw`\bGCE\b`, String.raw`\bAzure\b`, String.raw`\bgcloud\b`,
    // Google's own words for its networks: "VPC network peering", "Shared VPC", a resource's "self link"
    String.raw`\bVPC networks?\b`, String.raw`\bShared VPC\b`, String.raw`\b[Ss]elf[ -]links?\b`, String.raw`\bself\\_link`, String.raw`\bproject\\_id\b`,
    String.raw`\bGoogle (?:Cloud|APIs?|API's|Compute|Kubernetes|LLC)\b`, String.raw`\bgoogle-(?:cloud|beta)\b`, 'terraform-provider-google',
  ].join('|'),
  'gm',
);
/** Terraform variables of another cloud's modules: a GCP project id (AWS has accounts). */
const OTHER_TERRAFORM_EVIDENCE = /\bproject_id\b|\bresource_group_name\b|\bsubscription_id\b/g;
const TERRAFORM = new Set(['terraform', 'hcl']);

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < CAP && re.exec(text)) n++;
  return n;
}

/** How many pieces of AWS and of other-cloud evidence a piece of text holds (capped). */
export function cloudEvidence(text: string, languageId = ''): { aws: number; other: number } {
  const aws = count(AWS_EVIDENCE, text);
  let other = count(OTHER_EVIDENCE, text);
  if (TERRAFORM.has(languageId) && other < CAP) other = Math.min(CAP, other + count(OTHER_TERRAFORM_EVIDENCE, text));
  return { aws, other };
}

/** The cloud a document is about: one side's evidence, or one side outweighing the other four to one. */
export function cloudOf(c: { aws: number; other: number }): Cloud {
  if (!c.aws && !c.other) return 'unknown';
  if (c.aws >= 4 * c.other) return 'aws';
  if (c.other >= 4 * c.aws) return 'other';
  return 'mixed';
}

/** The service an AWS module or package segment names: `aws_lambda_event_sources` → Lambda, `awsecspatterns` → ECS. */
export function moduleService(segment: string): string | undefined {
  const parts = segment.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (parts[0] === 'aws' && parts.length > 1) parts.shift();
  if (!parts.length) return undefined;
  if (parts.length === 1 && parts[0] === 'cdk') return 'CDK';
  // the longest run of leading segments that is a catalog form ("lambda event sources" → "lambda")
  for (let k = parts.length; k >= 1; k--) {
    const key = parts.slice(0, k).join('');
    const name = canonicalServiceName(`aws${key}`) ?? canonicalServiceName(key);
    if (name) return name;
  }
  // one run-together segment (Go's CDK modules: awsecspatterns): its longest leading catalog form of 3+ characters
  if (parts.length !== 1 || !/^aws[a-z0-9]{3,}$/.test(segment.toLowerCase())) return undefined;
  const key = parts[0].slice(3);
  for (let n = key.length; n >= 3; n--) {
    const name = canonicalServiceName(key.slice(0, n));
    if (name) return name;
  }
  return undefined;
}

/** Service of a module path: 'aws-cdk-lib/aws-lambda', '@aws-cdk/aws-sqs', 'aws_cdk.aws_logs', '.../service/rds/types'. */
function pathService(path: string): string | undefined {
  let m = /^(?:aws-cdk-lib|@aws-cdk)\/(?:aws-)?([\w-]+)$/.exec(path);
  if (m) return m[1] === 'core' ? 'CDK' : moduleService(`aws-${m[1]}`);
  if (/^(?:aws-cdk-lib|aws_cdk|@aws-cdk\/core|aws-cdk)$/.test(path)) return 'CDK';
  m = /^aws_cdk\.(aws_\w+|core|assertions)$/.exec(path);
  if (m) return m[1] === 'core' || m[1] === 'assertions' ? 'CDK' : moduleService(m[1]);
  m = /^@aws-sdk\/client-([\w-]+)$/.exec(path) ?? /^aws-sdk\/clients\/(\w+)$/.exec(path);
  if (m) return moduleService(m[1]);
  m = /^github\.com\/aws\/aws-sdk-go(?:-v2)?\/service\/(\w+)(?:\/\w+)?$/.exec(path);
  if (m) return moduleService(m[1]);
  m = /^github\.com\/aws\/aws-cdk-go\/awscdk(?:\/v2)?(?:\/(aws\w+))?$/.exec(path);
  if (m) return m[1] ? moduleService(m[1]) : 'CDK';
  if (/^github\.com\/aws\/aws-lambda-go\/(lambda|events|lambdacontext)$/.test(path)) return 'Lambda';
  return undefined;
}

const IMPORT_START = /^\s*(?:from|import|const|let|var)\b|^\s*"github\.com\/aws\//;
const PY_FROM = /^\s*from\s+([\w.]+)\s+import\s+(.*)$/;
const PY_IMPORT = /^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?\s*$/;
const JS_NAMESPACE = /^\s*import\s+(?:\*\s+as\s+)?(\w+)\s+(?:from\s+|=\s*require\(\s*)['"]([^'"]+)['"]/;
const JS_REQUIRE = /^\s*(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/;
const JS_NAMED = /^\s*import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/;
const GO_IMPORT = /^\s*(?:import\s+)?(?:(\w+)\s+)?"([^"]+)"/;
const PY_CLIENT = /^[ \t]*(?:self\.)?([A-Za-z_]\w*)\s*=\s*[\w.]*\b(?:client|resource)\(\s*(?:service_name\s*=\s*)?["']([a-z0-9-]+)["']/gm;
const JS_CLIENT = /\b(?:const|let|var)\s+(\w+)\s*=\s*new\s+([A-Z]\w*?)Client\s*\(/g;

/** An identifier's own words name the service: `logs_client` for CloudWatch Logs, `ddb` for DynamoDB. */
function namesItself(identifier: string, service: string): boolean {
  const words = identifier.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some(w => canonicalServiceName(w) === service);
}

/** The context of a whole document: its cloud evidence, and the aliases its imports bind (read from its first CONTEXT_CHARS). */
export function documentContext(document: string, languageId = ''): DocumentContext {
  const lang = languageId.toLowerCase();
  // a document's head says what it is about: its imports, providers and first resources
  const text = document.length > CONTEXT_CHARS ? document.slice(0, CONTEXT_CHARS) : document;
  const { aws, other } = cloudEvidence(text, lang);
  const aliases = new Map<string, string>();
  const modules = new Set<string>();
  const bind = (name: string | undefined, service: string | undefined) => {
    if (name && service && /^[A-Za-z_$][\w$]*$/.test(name)) aliases.set(name, service);
  };
  const pyItems = (from: string, items: string) => {
    const base = from === 'aws_cdk' || from === 'aws_cdk.core';
    for (const item of items.replace(/#.*$/, '').split(',')) {
      const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(item.replace(/[()]/g, ''));
      if (!m) continue;
      const [, name, alias] = m;
      if (base && /^aws_\w+$/.test(name)) {
        const service = moduleService(name);
        if (!service) continue;
        modules.add(name);
        bind(alias ?? name, service);
      } else if (base && (name === 'core' || name === 'assertions')) bind(alias ?? name, 'CDK');
    }
  };
  // import statements: a line-by-line pass over the lines that start one (or continue one)
  let block: { kind: 'py' | 'js' | 'go'; from?: string; items: string } | undefined;
  let at = 0;
  const n = text.length;
  while (at < n) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = n;
    if (block || (end - at < 400 && IMPORT_START.test(text.slice(at, Math.min(end, at + 400))))) {
      const line = text.slice(at, end);
      if (block) {
        if (block.kind === 'go') {
          if (/^\s*\)/.test(line)) block = undefined;
          else {
            const m = GO_IMPORT.exec(line);
            if (m) bind(m[1] ?? m[2].split('/').pop(), pathService(m[2]));
          }
        } else if (block.kind === 'py') {
          block.items += ` ${line}`;
          if (line.includes(')')) {
            pyItems(block.from as string, block.items);
            block = undefined;
          }
        } else {
          block.items += ` ${line}`;
          const m = /\}\s*from\s*['"]([^'"]+)['"]/.exec(line);
          if (m || block.items.length > 4000) {
            if (m) jsNamed(block.items, m[1]);
            block = undefined;
          }
        }
      } else {
        let m: RegExpExecArray | null;
        if ((m = PY_FROM.exec(line))) {
          if (/^\(\s*(#.*)?$/.test(m[2].trim()) || (m[2].includes('(') && !m[2].includes(')'))) block = { kind: 'py', from: m[1], items: m[2] };
          else pyItems(m[1], m[2]);
        } else if ((m = PY_IMPORT.exec(line))) {
          bind(m[2], pathService(m[1]));
        } else if ((m = JS_NAMED.exec(line))) {
          jsNamed(m[1], m[2]);
        } else if (/^\s*import\s*(?:type\s*)?\{[^}]*$/.test(line)) {
          block = { kind: 'js', items: line };
        } else if ((m = JS_NAMESPACE.exec(line) ?? JS_REQUIRE.exec(line))) {
          bind(m[1], pathService(m[2]));
        } else if (/^\s*import\s*\(\s*$/.test(line)) {
          block = { kind: 'go', items: '' };
        } else if ((m = GO_IMPORT.exec(line)) && /^\s*(import\s|")/.test(line)) {
          bind(m[1] ?? m[2].split('/').pop(), pathService(m[2]));
        }
      }
    }
    at = end + 1;
  }
  function jsNamed(items: string, path: string) {
    if (!/^(?:aws-cdk-lib|@aws-cdk\/core)$/.test(path)) return;
    for (const item of items.split(',')) {
      const m = /^\s*(?:import\s*\{)?\s*(\w+)(?:\s+as\s+(\w+))?\s*\}?\s*$/.exec(item.replace(/\}\s*from.*$/, ''));
      if (!m || !/^aws_\w+$/.test(m[1])) continue;
      const service = moduleService(m[1]);
      if (!service) continue;
      modules.add(m[1]);
      bind(m[2] ?? m[1], service);
    }
  }
  // SDK clients kept in a variable named after their service
  for (const re of [PY_CLIENT, JS_CLIENT]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let found = 0;
    while ((m = re.exec(text)) && found < 256) {
      const service = re === PY_CLIENT ? moduleService(m[2]) : canonicalServiceName(formKey(m[2]));
      if (service && namesItself(m[1], service) && !aliases.has(m[1])) {
        aliases.set(m[1], service);
        found++;
      }
    }
  }
  return { aws, other, aliases, modules };
}

/** Both contexts at once: the evidence adds up, the aliases of either apply. */
export function mergeContexts(a: DocumentContext, b: DocumentContext): DocumentContext {
  if (!b.aws && !b.other && !b.aliases.size && !b.modules.size) return a;
  if (!a.aws && !a.other && !a.aliases.size && !a.modules.size) return b;
  return {
    aws: Math.min(CAP, a.aws + b.aws),
    other: Math.min(CAP, a.other + b.other),
    aliases: new Map([...a.aliases, ...b.aliases]),
    modules: new Set([...a.modules, ...b.modules]),
  };
}

export const EMPTY_CONTEXT: DocumentContext = { aws: 0, other: 0, aliases: new Map(), modules: new Set() };
