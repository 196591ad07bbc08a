// The AWS service catalog: data in services.json, looked up here.
import data from './services.json';

export interface ServiceInfo {
  /** Canonical short name, e.g. "DynamoDB", "Route 53". */
  name: string;
  fullName: string;
  kind: 'service' | 'feature' | 'resource';
  /** Every way prose and code name it (marketing names, SDK ids, CDK modules, CloudFormation and Terraform names). */
  forms: string[];
  /** Forms that are also ordinary words or keywords: they count only with AWS context. */
  needsContext?: string[];
  /** Spellings that also name something else when capitalized (Cassandra, Athena, EMR): they need an AWS form or another service nearby. */
  otherMeanings?: string[];
  /** Forms that name the service only in passing (CfnOutput, assume_role): found, marked weak, not shown by hovers. */
  weakForms?: string[];
  /** Ordinary-word forms that name the service wherever they stand in a file whose cloud is AWS (lambda, glue, cdk). */
  plainInAwsFiles?: string[];
  /** The same, in code only: words that are also plain English in prose ("glue code", "a sweet spot"). */
  plainInAwsCode?: string[];
  /** Next words that make an ordinary-word form the service ("Lambda function", "Glue job", "Config rule"). */
  cues?: string[];
  /** The name is an ordinary English word (Support, Config, Batch): company on the line does not make it the service. */
  noCompany?: boolean;
  /** Other clouds name an offering of theirs the same (VPC, IAM, KMS, Batch): in their files it needs an AWS marker. */
  acrossClouds?: boolean;
  docs: string;
  description: string;
}

/** The key a form or a run of identifier parts is compared by: lower-case letters and digits only. */
export function formKey(form: string): string {
  return form.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const SERVICES: readonly ServiceInfo[] = (data as { services: ServiceInfo[] }).services;
const NOT_SERVICES: readonly string[] = (data as { notServices?: string[] }).notServices ?? [];

let byKey: Map<string, ServiceInfo> | undefined;
let byName: Map<string, ServiceInfo> | undefined;

function lookups(): { byKey: Map<string, ServiceInfo>; byName: Map<string, ServiceInfo> } {
  if (!byKey || !byName) {
    byKey = new Map();
    byName = new Map();
    for (const s of SERVICES) {
      byName.set(s.name, s);
      byKey.set(formKey(s.name), s);
    }
    for (const s of SERVICES) for (const f of s.forms) if (!byKey.has(formKey(f))) byKey.set(formKey(f), s);
  }
  return { byKey, byName };
}

export function allServices(): readonly ServiceInfo[] {
  return SERVICES;
}

/** Names that contain a service's word but name something else ("OpenID Connect", "BatchNorm", "health check"). */
export function notServiceNames(): readonly string[] {
  return NOT_SERVICES;
}

/** The catalog entry of a canonical name. */
export function serviceByName(name: string): ServiceInfo | undefined {
  return lookups().byName.get(name);
}

/** Canonical name of a name or form in any casing ("dynamodb", "Amazon DynamoDB" → "DynamoDB"). */
export function canonicalServiceName(nameOrForm: string): string | undefined {
  return lookups().byKey.get(formKey(nameOrForm))?.name;
}
