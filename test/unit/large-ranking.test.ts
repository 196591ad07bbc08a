// Ranking in a large index (search/rank.ts, rankLarge): the notes holding the query as written come
// first among those with every word, and the phrase is matched on the text as written
// (normalize.ts, includesNormalized / normalizedMatcher) exactly as on its normalized copy.
import * as assert from 'assert';
import { buildNotesIndex, type NoteFile } from '../../src/core/index';
import { includesNormalized, normalize, normalizedMatcher } from '../../src/core/normalize';

/** The reference: the normalized text, a space of the needle (and the hyphens and underscores beside it) standing for any run of blanks, hyphens and underscores. */
function reference(text: string, needle: string): boolean {
  const pattern = needle
    .replace(/[-_ ]* [-_ ]*/g, ' ')
    .split(' ')
    .map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[ \\t\\n\\r\\u3000\\u00a0_-]+');
  return new RegExp(pattern).test(normalize(text));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('matching a phrase on the text as written', () => {
  const ALPHABET = ['a', 'B', 'é', 'Ｆ', 'ｇ', ' ', '  ', '\n', '-', '_', '語', '亞', '亚', '検', '检', 'ｶ', 'カ', 'の', 'ー', '、', '1', 'Set', 'set', 'Variable'];
  it('gives what the normalized copy gives, on 3,000 random texts and needles', () => {
    const random = rng(7);
    const pick = () => ALPHABET[Math.floor(random() * ALPHABET.length)];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 5 + Math.floor(random() * 40) }, pick).join('');
      const norm = normalize(text);
      // a needle cut from the normalized text (spaces single, trimmed), or a random one
      const at = Math.floor(random() * norm.length);
      const cut = norm.slice(at, at + 1 + Math.floor(random() * 6)).replace(/\s+/g, ' ').trim();
      const needle = random() < 0.7 && cut ? cut : normalize(Array.from({ length: 1 + Math.floor(random() * 4) }, pick).join('')).replace(/\s+/g, ' ').trim();
      if (!needle) continue;
      const want = reference(text, needle);
      if (want) found++;
      assert.equal(includesNormalized(text, needle), want, `includesNormalized(${JSON.stringify(text)}, ${JSON.stringify(needle)})`);
      assert.equal(normalizedMatcher(needle)(text), want, `normalizedMatcher(${JSON.stringify(needle)})(${JSON.stringify(text)})`);
    }
    assert.ok(found > 1000, `only ${found} needles were found: the test would not tell`);
  });

  it('folds case, width, accents and Han variants, and a space matches a line break or a hyphen', () => {
    const holds = (text: string, needle: string) => normalizedMatcher(needle)(text);
    assert.ok(holds('Use the SET-VARIABLE cmdlet', 'set variable'));
    assert.ok(holds('the previous\n  list', 'the previous list'));
    assert.ok(holds('ＦＡＲＧＡＴＥ Spot', 'fargate spot'));
    assert.ok(holds('Café crème', 'cafe creme'));
    assert.ok(holds('亞馬遜的所有的上下文', normalize('亚马逊的所有的上下文')));
    assert.ok(holds('ｶﾀｶﾅのリソース', normalize('カタカナのリソース')));
    assert.ok(!holds('the list previous', 'the previous list'));
    assert.ok(!holds('的所有上下文', normalize('的所有的上下文')));
  });
});

describe('a large index ranks the query as written first', () => {
  // 600 notes that hold the query words, most of them in their titles and many times, but not as
  // written; one note holds each query as written, once, in a longer text
  const files: NoteFile[] = [];
  for (let i = 0; i < 600; i++) {
    files.push({
      key: `file:///v/n${i}.md`,
      path: `/v/n${i}.md`,
      text: `# Name ${i}: new directory, using variable\n\nNew: directory, using; name. New directory? Using name. Variable, set. Variable, set.\n\n## 上下文 ${i}\n\n上下文，的所，有的，所有，的上。上下文，的所，有的。\n`,
    });
  }
  const filler = 'Other words fill this note, so that its text is long and its words are few among them. '.repeat(6);
  files.push({ key: 'file:///v/phrase.md', path: '/v/phrase.md', text: `# Archive\n\n${filler}\nCreate the directory using a new\nname, and list it.\n` });
  files.push({ key: 'file:///v/cjk.md', path: '/v/cjk.md', text: `# 说明\n\n${filler}\n的所有的上下文都会被保留。\n` });
  files.push({ key: 'file:///v/set-variable.md', path: '/v/set-variable.md', text: `# Set-Variable\n\n${filler}\nSets the value of a variable.\n` });
  const index = buildNotesIndex(files);
  const first = (q: string) => index.search(q, { limit: 5 })[0]?.key;

  it('a phrase from the body (wrapped over two lines), before notes that hold its words apart', () => {
    assert.ok(index.size > 500);
    assert.equal(first('directory using a new name'), 'file:///v/phrase.md');
  });

  it('a Chinese phrase in order, before notes that hold its bigrams out of order', () => {
    assert.equal(first('的所有的上下文'), 'file:///v/cjk.md');
  });

  it('a title that holds every word of the query', () => {
    assert.equal(first('set variable'), 'file:///v/set-variable.md');
  });
});
