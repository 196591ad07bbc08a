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
  docs: string;
  description: string;
}

/** The key a form or a run of identifier parts is compared by: lower-case letters and digits only. */
export function formKey(form: string): string {
  return form.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const SERVICES: readonly ServiceInfo[] = (data as { services: ServiceInfo[] }).services;

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

/** The catalog entry of a canonical name. */
export function serviceByName(name: string): ServiceInfo | undefined {
  return lookups().byName.get(name);
}

/** Canonical name of a name or form in any casing ("dynamodb", "Amazon DynamoDB" → "DynamoDB"). */
export function canonicalServiceName(nameOrForm: string): string | undefined {
  return lookups().byKey.get(formKey(nameOrForm))?.name;
}
