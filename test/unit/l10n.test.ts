// Localization stays complete: the manifest strings (package.nls*.json) and the runtime strings
// (vscode.l10n.t in src/, bundled in l10n/bundle.l10n*.json) exist in English, Simplified Chinese
// and Japanese, with the same placeholders, code spans and product names, and nothing stale.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import type { l10nJsonFormat } from '@vscode/l10n-dev';
import { ROOT } from './fixtures';

/** The UI languages shipped besides English (VS Code locale ids, as in the file names). */
const LANGUAGES = ['zh-cn', 'ja'];

/** Strings whose translation may equal the English: product names and short codes. */
const SAME_IN_EVERY_LANGUAGE = new Set(['AI/ML']);

/** Names that a translation keeps exactly as they are whenever the English has them. */
const KEPT_AS_IS = ['re:Invent', 'AWS', 'VS Code', 'Markdown', 'glob', 'SVS401', '中文', '日本語'];

type Strings = Record<string, string>;

function readJson(...path: string[]): unknown {
  const file = join(ROOT, ...path);
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path.join('/')} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A flat { key: string } file, failing on anything else. */
function readStrings(...path: string[]): Strings {
  const json = readJson(...path) as Record<string, unknown>;
  for (const [key, value] of Object.entries(json)) {
    assert.equal(typeof value, 'string', `${path.join('/')}: the value of "${key}" is not a string`);
  }
  return json as Strings;
}

/** The English text of a bundle entry: a string, or { message, comment } when the source has a comment. */
function messageOf(value: l10nJsonFormat[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** Every `%key%` placeholder in the manifest, with where it is. */
function manifestKeys(value: unknown, at = '', found = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    if (m && !found.has(m[1])) found.set(m[1], at);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => manifestKeys(v, `${at}[${i}]`, found));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) manifestKeys(v, at ? `${at}.${k}` : k, found);
  }
  return found;
}

/** The strings of src/ the way `@vscode/l10n-dev export src` finds them (same files, same analyzer). */
async function extractSourceStrings(): Promise<l10nJsonFormat> {
  // Loaded at run time from the repository, not bundled: the analyzer reads its tree-sitter
  // grammars (.wasm) next to its own dist/main.js.
  const l10nDev = createRequire(join(ROOT, 'package.json'))('@vscode/l10n-dev') as typeof import('@vscode/l10n-dev');
  const src = join(ROOT, 'src');
  const files = readdirSync(src, { recursive: true })
    .map(String)
    .filter(f => /\.(ts|tsx|js|jsx)$/.test(f))
    .sort()
    .map(f => ({ extension: extname(f), contents: readFileSync(join(src, f), 'utf8') }));
  assert.ok(files.length > 0, 'no source files found in src/');
  return l10nDev.getL10nJson(files);
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{(?:\d+|[A-Za-z_]\w*)\}/g) ?? [])].sort();
}

function codeSpans(text: string): string[] {
  return (text.match(/`[^`]*`/g) ?? []).sort();
}

/** The keys of `actual` missing from `expected` and those it has too many, as one readable message. */
function keyDifference(what: string, expected: Iterable<string>, actual: Iterable<string>): string | undefined {
  const want = new Set(expected);
  const have = new Set(actual);
  const missing = [...want].filter(k => !have.has(k));
  const extra = [...have].filter(k => !want.has(k));
  if (!missing.length && !extra.length) return undefined;
  return [
    `${what}:`,
    ...(missing.length ? [`  missing: ${missing.map(k => JSON.stringify(k)).join(', ')}`] : []),
    ...(extra.length ? [`  extra (stale): ${extra.map(k => JSON.stringify(k)).join(', ')}`] : []),
  ].join('\n');
}

/** Problems of one translation against its English text; empty when it is fine. */
function translationProblems(language: string, english: string, translated: string): string[] {
  const problems: string[] = [];
  if (!translated.trim()) return ['is empty'];
  if (translated === english && /\p{L}/u.test(english) && !SAME_IN_EVERY_LANGUAGE.has(english)) problems.push('is the English text, untranslated');
  const [pe, pt] = [placeholders(english), placeholders(translated)];
  if (pe.join() !== pt.join()) problems.push(`has placeholders ${JSON.stringify(pt)}, the English ${JSON.stringify(pe)}`);
  const [ce, ct] = [codeSpans(english), codeSpans(translated)];
  if (ce.join('\n') !== ct.join('\n')) problems.push(`has code spans ${JSON.stringify(ct)}, the English ${JSON.stringify(ce)}`);
  for (const name of KEPT_AS_IS) {
    if (english.includes(name) && !translated.includes(name)) problems.push(`lost "${name}"`);
  }
  if (english.endsWith('.') && !translated.endsWith('。')) problems.push('ends a sentence without 。');
  if (english.endsWith('…') && !translated.endsWith('…')) problems.push('lost the closing …');
  if (english.endsWith(':') && !/[:：]$/.test(translated)) problems.push('lost the closing colon');
  if (translated !== translated.trim()) problems.push('has leading or trailing spaces');
  // Chinese takes full-width punctuation next to Chinese text (，：；（）“”…), not ASCII.
  if (language === 'zh-cn' && /\p{Script=Han}[,.;:!?()"]|[,.;:!?()"]\p{Script=Han}/u.test(translated.replace(/`[^`]*`/g, ''))) {
    problems.push('has ASCII punctuation next to Chinese text');
  }
  return problems;
}

function assertTranslations(file: string, english: Strings, translated: Strings, language: string): void {
  const problems: string[] = [];
  for (const [key, en] of Object.entries(english)) {
    if (!(key in translated)) continue; // reported by the key checks
    for (const p of translationProblems(language, en, translated[key])) problems.push(`  ${JSON.stringify(key)} → ${JSON.stringify(translated[key])} ${p}`);
  }
  assert.ok(!problems.length, `${file}:\n${problems.join('\n')}`);
}

describe('localization', () => {
  describe('manifest (package.json, package.nls*.json)', () => {
    // read in before(), so that a missing or broken file fails these tests, not the whole run
    let used: Map<string, string>;
    let english: Strings;
    before(() => {
      used = manifestKeys(readJson('package.json'));
      english = readStrings('package.nls.json');
    });

    it('package.json uses %key% placeholders', () => {
      assert.ok(used.size > 0);
      for (const key of ['displayName', 'description']) assert.ok(used.has(key), `package.json: "${key}" is not localized`);
    });

    it('package.nls.json has every key package.json uses, and no unused one', () => {
      const missing = [...used].filter(([k]) => !(k in english)).map(([k, at]) => `  "%${k}%" (at ${at})`);
      assert.ok(!missing.length, `package.nls.json lacks keys used in package.json:\n${missing.join('\n')}`);
      const unused = Object.keys(english).filter(k => !used.has(k));
      assert.deepEqual(unused, [], 'package.nls.json has keys package.json no longer uses');
    });

    for (const language of LANGUAGES) {
      const file = `package.nls.${language}.json`;

      it(`${file} has exactly the keys of package.nls.json`, () => {
        const difference = keyDifference(file, Object.keys(english), Object.keys(readStrings(file)));
        assert.ok(!difference, difference);
      });

      it(`${file} translates every string, keeping placeholders, code spans and product names`, () => {
        assertTranslations(file, english, readStrings(file), language);
      });
    }
  });

  describe('runtime strings (vscode.l10n.t, l10n/bundle.l10n*.json)', () => {
    let source: l10nJsonFormat;
    let bundle: l10nJsonFormat;
    let english: Strings;
    before(async function () {
      this.timeout(60_000);
      bundle = readJson('l10n', 'bundle.l10n.json') as l10nJsonFormat;
      english = Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, messageOf(v)]));
      source = await extractSourceStrings();
    });

    it('package.json points "l10n" at the bundles', () => {
      const manifest = readJson('package.json') as { l10n?: string };
      assert.equal(manifest.l10n?.replace(/^\.\//, '').replace(/\/$/, ''), 'l10n', 'package.json needs "l10n": "./l10n", or VS Code never loads the bundles');
    });

    it('src/ has strings to localize', () => {
      assert.ok(Object.keys(source).length > 0, 'no vscode.l10n.t(...) strings found in src/: is the extractor broken?');
    });

    it('l10n/bundle.l10n.json is what `npx @vscode/l10n-dev export -o l10n src` writes', () => {
      const difference = keyDifference('l10n/bundle.l10n.json against src/ (run `npx @vscode/l10n-dev export -o l10n src`)', Object.keys(source), Object.keys(bundle));
      assert.ok(!difference, difference);
      assert.deepEqual(bundle, source, 'l10n/bundle.l10n.json differs from the export: run `npx @vscode/l10n-dev export -o l10n src`');
    });

    for (const language of LANGUAGES) {
      const file = `l10n/bundle.l10n.${language}.json`;

      it(`${file} has exactly the strings of src/`, () => {
        const difference = keyDifference(file, Object.keys(source), Object.keys(readStrings('l10n', `bundle.l10n.${language}.json`)));
        assert.ok(!difference, difference);
      });

      it(`${file} translates every string, keeping placeholders and product names`, () => {
        assertTranslations(file, english, readStrings('l10n', `bundle.l10n.${language}.json`), language);
      });
    }
  });
});
