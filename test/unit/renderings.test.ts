// The renderings of the bundled notes (notes/i18n/<lang>/<file>.md): one per note and language,
// aligned line by line with the original's body, complete, and in their language.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import * as OpenCC from 'opencc-js';
import { NOTES_DIR, bundledNoteFiles } from './fixtures';

const LANGS = ['en', 'zh-cn', 'ja'] as const;
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** What a line's Markdown block is: its indent, then heading / bullet / number / quote markers. */
const BLOCK = /^(\s*)((?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)*)/;
const URL = /https?:\/\/[^\s)>\]]+/g;
/** Session codes as the notes write them: ARC411-R, SVS310-R1, KYN202, DOP210-L. */
const CODE = /\b[A-Z]{3}\d{3}(?:-[A-Z]\d?)?\b/g;

interface Split { data: Record<string, unknown>; body: string[] }

/** Front matter and body lines, the way the index reads them (the body starts after the closing `---`). */
function split(text: string): Split {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(text);
  assert.ok(m, 'front matter is missing');
  const data = matter(text, { language: 'yaml' }).data as Record<string, unknown>;
  return { data, body: text.slice(m[0].length).replace(/\n$/, '').split('\n') };
}

function block(line: string): string {
  const m = BLOCK.exec(line)!;
  return m[1] + m[2].replace(/\s+/g, ' ').trim();
}

function sorted(re: RegExp, line: string): string[] {
  return [...line.matchAll(re)].map(m => m[0]).sort();
}

/** The line with its proper names (front matter `keep`) removed. */
function withoutKept(line: string, keep: string[]): string {
  return keep.reduce((l, k) => l.split(k).join(''), line);
}

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

describe('renderings of the bundled notes', () => {
  for (const file of bundledNoteFiles()) {
    const name = file.path.slice('notes/'.length);
    const original = split(file.text);
    for (const lang of LANGS) {
      const path = join(NOTES_DIR, 'i18n', lang, name);
      describe(`${lang}/${name}`, () => {
        it('exists, with the note id, its language and a title in that language', () => {
          assert.ok(existsSync(path), `${path} is missing`);
          const r = split(readFileSync(path, 'utf8'));
          assert.equal(r.data.id, original.data.id);
          assert.equal(r.data.lang, lang);
          assert.equal(typeof r.data.title, 'string');
          assert.ok((r.data.title as string).trim().length > 0, 'title is empty');
        });

        it('is aligned with the original: same line count, blocks, URLs and session codes on every line', function () {
          if (!existsSync(path)) this.skip();
          const r = split(readFileSync(path, 'utf8'));
          assert.equal(r.body.length, original.body.length, `body has ${r.body.length} lines, the original ${original.body.length}`);
          r.body.forEach((line, i) => {
            const o = original.body[i];
            const where = `body line ${i + 1}: ${JSON.stringify(line)} renders ${JSON.stringify(o)}`;
            assert.equal(block(line), block(o), `block structure differs at ${where}`);
            assert.deepEqual(sorted(URL, line), sorted(URL, o), `URLs differ at ${where}`);
            assert.deepEqual(sorted(CODE, line), sorted(CODE, o), `session codes differ at ${where}`);
          });
        });

        it('is complete: a line wherever the original has text', function () {
          if (!existsSync(path)) this.skip();
          const r = split(readFileSync(path, 'utf8'));
          r.body.forEach((line, i) => {
            const o = original.body[i];
            if (o.trim() === '') assert.equal(line.trim(), '', `body line ${i + 1} should be empty like the original`);
            else assert.ok(line.replace(BLOCK, '').trim().length > 0, `body line ${i + 1} is empty; the original says ${JSON.stringify(o)}`);
          });
        });

        it(`is in ${lang}`, function () {
          if (!existsSync(path)) this.skip();
          const r = split(readFileSync(path, 'utf8'));
          const keep = Array.isArray(r.data.keep) ? (r.data.keep as string[]) : [];
          const lines = [r.data.title as string, ...r.body];
          if (lang === 'en') {
            lines.forEach((line, i) => {
              const left = withoutKept(line, keep).match(HAN_OR_KANA);
              assert.equal(left, null, `line ${i} has Chinese or Japanese outside the proper names in \`keep\`: ${JSON.stringify(line)}`);
            });
          } else if (lang === 'zh-cn') {
            lines.forEach((line, i) => {
              const l = withoutKept(line, keep);
              assert.ok(!KANA.test(l), `line ${i} has kana: ${JSON.stringify(line)}`);
              assert.equal(toSimplified(l), l, `line ${i} is not simplified Chinese: ${JSON.stringify(line)}`);
            });
            // Prose is rendered, not left in English: most lines with words carry Chinese.
            const worded = r.body.filter(l => /\p{L}{2}/u.test(l));
            const chinese = worded.filter(l => HAN.test(l));
            assert.ok(chinese.length >= 0.8 * worded.length, `only ${chinese.length} of ${worded.length} lines are in Chinese`);
          } else {
            lines.forEach((line, i) => {
              const l = withoutKept(line, keep);
              const han = (l.match(/\p{Script=Han}/gu) ?? []).length;
              // a short term or heading may be all kanji (機械学習); a phrase or a sentence has kana
              assert.ok(han < 7 || KANA.test(l), `line ${i} reads as Chinese, not Japanese (no kana): ${JSON.stringify(line)}`);
            });
            const worded = r.body.filter(l => /\p{L}{2}/u.test(l));
            const japanese = worded.filter(l => KANA.test(l) || HAN.test(l));
            assert.ok(japanese.length >= 0.8 * worded.length, `only ${japanese.length} of ${worded.length} lines are in Japanese`);
          }
        });
      });
    }
  }
});
