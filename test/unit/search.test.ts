import * as assert from 'node:assert/strict';
import { buildNotesIndex, openBundledNotes } from '../../src/core/index';
import { bundledNoteFilesWithRenderings, readJsonFixture } from './fixtures';

interface QuerySet {
  queries: { q: string; ids: string[] }[];
}

describe('search over the bundled notes', () => {
  const index = openBundledNotes();

  it('loads the 18 notes from the prebuilt index with no problems', () => {
    assert.equal(index.notes().length, 18);
    assert.deepEqual(index.problems(), []);
  });

  it('gives the same answers as an index built from the Markdown', () => {
    const fresh = buildNotesIndex(bundledNoteFilesWithRenderings(), { source: 'bundled' });
    for (const q of ['blast radius', '爆炸半径', 'shufle sharding', 'Fargate', '企業内ドキュメント']) {
      assert.deepEqual(fresh.search(q).map(h => [h.id, h.line]), index.search(q).map(h => [h.id, h.line]), q);
    }
  });

  for (const { q, ids } of readJsonFixture<QuerySet>('queries-public.json').queries) {
    it(`finds ${ids.join(' | ')} in the top 3 for "${q}"`, () => {
      const top = index.search(q, { limit: 3 }).map(h => h.id);
      assert.ok(top.some(id => ids.includes(id)), `top 3 for "${q}": ${top.join(', ')}`);
    });
  }

  it('puts ARC411-R first for 爆炸半径, at its title line', () => {
    const [hit] = index.search('爆炸半径');
    assert.equal(hit.id, 'ARC411-R');
    const note = index.note('ARC411-R');
    assert.ok(note);
    const line = note.text.split('\n')[hit.line - 1];
    assert.ok(line.includes('爆炸半径'), line);
    assert.equal(line.slice(hit.column, hit.column + hit.length), '爆炸半径');
  });

  it('returns the line, column and snippet of the match', () => {
    const [hit] = index.search('shuffle sharding');
    assert.equal(hit.id, 'ARC349-R1');
    const line = index.note('ARC349-R1')!.text.split('\n')[hit.line - 1];
    assert.equal(line.slice(hit.column, hit.column + hit.length).toLowerCase(), 'shuffle sharding');
    assert.ok(hit.snippet.includes('shuffle sharding'));
    assert.ok(hit.highlights.length > 0);
  });

  it('finds the author’s typos by the right spelling', () => {
    assert.equal(index.search('goldman sachs')[0]?.id, 'KYN202');
    assert.equal(index.search('graviton')[0]?.id, 'KYN202');
    assert.equal(index.search('inferentia')[0]?.id, 'KYN202');
  });

  it('finds simplified Chinese text from a traditional query and back', () => {
    assert.equal(index.search('爆炸半徑')[0]?.id, 'ARC411-R');
    assert.equal(index.search('亚马逊 ECS 能力提供者')[0]?.id, 'CON325-R');
  });

  it('answers blank and odd queries with no hits and no error', () => {
    for (const q of ['', '   ', '\ud800', '.*+?^${}()|[]\\', '😀', 'x'.repeat(10_000)]) {
      assert.doesNotThrow(() => index.search(q), q);
    }
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   '), []);
  });

  it('respects the limit', () => {
    assert.equal(index.search('aws', { limit: 2 }).length, 2);
  });
});

describe('search on a large index (common words, typed prefixes)', () => {
  // 600 notes: every one says "cloud platform"; a few say rarer things
  const files = Array.from({ length: 600 }, (_, i) => ({
    path: `/n/${i}.md`,
    text: `# Note ${i} about the cloud platform\n\n- cloud platform notes, number ${i}\n${i === 7 ? '- zebra crossing on the cloud platform\n' : ''}${i % 50 === 0 ? '- serverless patterns\n' : ''}`,
  }));
  const index = buildNotesIndex(files);

  it('uses the MiniSearch internals that keep large indexes fast', () => {
    assert.equal(index.tuned, true, 'MiniSearch changed: NotesIndex.vocabulary() no longer finds its term map');
  });

  it('ranks by the rare word when a common word comes with it', () => {
    assert.equal(index.search('cloud zebra')[0]?.path, '/n/7.md');
    assert.equal(index.search('zebra cloud platform')[0]?.path, '/n/7.md');
  });

  it('still answers a query of common words only', () => {
    assert.ok(index.search('cloud platform').length > 0);
    assert.ok(index.search('cloud').length > 0);
  });

  it('completes the word being typed and keeps typo tolerance for whole words', () => {
    assert.equal(index.search('zeb')[0]?.path, '/n/7.md');
    assert.equal(index.search('cloud crosing ')[0]?.path, '/n/7.md');
    assert.equal(index.search('serverle').length, 12);
  });
});
