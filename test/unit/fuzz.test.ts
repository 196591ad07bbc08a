// Property tests over thousands of random inputs: the matcher, the tokenizer and the query path
// never throw, keep their promises about offsets, and stay within bounds.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findServices, normalize, openBundledNotes, queryTerms, tokenize } from '../../src/core/index';
import { canonicalServiceName } from '../../src/core/catalog';
import { escapeMarkdown } from '../../src/core/markdown';

const runs = { numRuns: 2000 };
/** Text that looks like code and prose, in every script, with service names sprinkled in. */
const codeish = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('lambda', 'Lambda', 'aws', 'AWS::', 'ecs.', 'Fargate', 'dynamodb', 'aws_', 's3', 'boto3.client("', '"', ':', '::', '-', '_', '.', ' ', '\n', '爆炸半径', 'の', 'x', 'config', 'Config', 'new ', '(', ')', 'amazonaws', 'route53', 'I am', 'ECSService'),
        fc.string({ maxLength: 5 }),
      ),
      { maxLength: 40 },
    )
    .map(parts => parts.join('')),
);
const languages = fc.constantFrom(undefined, 'typescript', 'python', 'yaml', 'json', 'terraform', 'markdown', 'plaintext', 'go');

describe('fuzz', () => {
  it('findServices returns ordered, non-overlapping, canonical mentions', () => {
    fc.assert(
      fc.property(codeish, languages, (text, lang) => {
        const found = findServices(text, lang);
        let last = 0;
        for (const m of found) {
          assert.ok(m.start >= last && m.end > m.start && m.end <= text.length);
          assert.equal(canonicalServiceName(text.slice(m.start, m.end)), m.name, JSON.stringify(text.slice(m.start, m.end)));
          last = m.end;
        }
        assert.deepEqual(findServices(text, lang, { lenient: true }).length >= found.length, true);
      }),
      runs,
    );
  });

  it('a found mention is found again on its own', () => {
    fc.assert(
      fc.property(codeish, text => {
        for (const m of findServices(text, 'markdown', { lenient: true })) {
          const alone = findServices(text.slice(m.start, m.end), 'markdown', { lenient: true });
          assert.equal(alone[0]?.name, m.name, JSON.stringify(text.slice(m.start, m.end)));
        }
      }),
      runs,
    );
  });

  it('normalize keeps length and tokenize keeps offsets inside the text', () => {
    fc.assert(
      fc.property(codeish, text => {
        assert.equal(normalize(text).length, text.length);
        const norm = normalize(text);
        for (const t of tokenize(text)) {
          assert.ok(t.start >= 0 && t.end <= text.length && t.start < t.end);
          assert.ok(norm.slice(t.start, t.end).startsWith(t.term));
        }
      }),
      runs,
    );
  });

  const index = openBundledNotes();
  it('search never throws and returns in-range lines', () => {
    fc.assert(
      fc.property(codeish, q => {
        for (const hit of index.search(q, { limit: 5 })) {
          const lines = index.note(hit.key)!.text.split('\n');
          assert.ok(hit.line >= 1 && hit.line <= lines.length);
          const line = lines[hit.line - 1];
          assert.ok(hit.column >= 0 && hit.column + hit.length <= line.length);
          for (const [a, b] of hit.highlights) assert.ok(a >= 0 && b <= hit.snippet.length && a < b);
        }
        assert.ok(queryTerms(q).every(t => t.length > 0));
      }),
      { numRuns: 1000 },
    );
  });

  it('escaped Markdown has no unescaped punctuation and no line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), text => {
        const md = escapeMarkdown(text);
        assert.ok(!/[\r\n]/.test(md));
        assert.ok(!/(^|[^\\])(\\\\)*[[\]()<>*_`!]/.test(md.replace(/\\[!-/:-@[-`{-~]/g, '')));
      }),
      runs,
    );
  });
});
