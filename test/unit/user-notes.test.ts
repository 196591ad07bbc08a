import * as assert from 'node:assert/strict';
import { buildNotesIndex, cacheMatches, newNoteTemplate, parseFolderEntry, parseNote, planSync, stamp, NotesIndex, CACHE_FORMAT } from '../../src/core/index';

describe('notes folder entries', () => {
  it('split a folder from its glob', () => {
    assert.deepEqual(parseFolderEntry('notes'), { base: 'notes', pattern: '**/*.{md,markdown}', absolute: false, home: false });
    assert.deepEqual(parseFolderEntry('/x/2023/**/*.md'), { base: '/x/2023', pattern: '**/*.md', absolute: true, home: false });
    assert.deepEqual(parseFolderEntry('~/reinvent/*.md'), { base: 'reinvent', pattern: '*.md', absolute: false, home: true });
    assert.deepEqual(parseFolderEntry('C:\\notes\\'), { base: 'C:/notes', pattern: '**/*.{md,markdown}', absolute: true, home: false });
    assert.deepEqual(parseFolderEntry('**/*.md'), { base: '', pattern: '**/*.md', absolute: false, home: false });
    assert.equal(parseFolderEntry('  '), undefined);
  });
});

describe('sync plan', () => {
  it('re-reads only what changed', () => {
    const plan = planSync(
      { a: { size: 1, mtime: 1 }, b: { size: 2, mtime: 2 }, c: { size: 3, mtime: 3 } },
      { a: { size: 1, mtime: 1 }, b: { size: 2, mtime: 9 }, d: { size: 4, mtime: 4 } },
    );
    assert.deepEqual(plan, { added: ['d'], changed: ['b'], removed: ['c'], unchanged: 1 });
  });
});

describe('notes cache', () => {
  it('round-trips an index with user notes', () => {
    const index = buildNotesIndex([{ key: 'file:///n/a.md', path: '/n/a.md', text: '# A\nkinesis shards\n' }]);
    const copy = NotesIndex.load(JSON.parse(JSON.stringify(index.serialize())));
    assert.deepEqual(copy.search('kinesis').map(h => h.key), ['file:///n/a.md']);
    copy.upsert({ key: 'file:///n/a.md', path: '/n/a.md', text: '# A\nnow about glue\n' });
    assert.deepEqual(copy.search('kinesis'), []);
  });
  it('is used only for the same format, bundle and folders', () => {
    const cache = { format: CACHE_FORMAT, bundled: 'b1', folders: ['f'], files: {}, index: {} };
    assert.equal(cacheMatches(cache, 'b1', ['f']), true);
    assert.equal(cacheMatches(cache, 'b2', ['f']), false);
    assert.equal(cacheMatches(cache, 'b1', ['f', 'g']), false);
    assert.equal(cacheMatches({ ...cache, format: 0 }, 'b1', ['f']), false);
    assert.equal(cacheMatches(null, 'b1', ['f']), false);
  });
  it('stamps strings stably', () => {
    assert.equal(stamp('abc'), stamp('abc'));
    assert.notEqual(stamp('abc'), stamp('abd'));
  });
});

describe('new note template', () => {
  it('parses back into the fields it was given', () => {
    const text = newNoteTemplate({ id: 'SVS401', title: 'Best practices: "Lambda" at scale', track: 'Serverless', date: '2026-11-26' });
    const { record, problems } = parseNote({ path: '/n/SVS401.md', text });
    assert.deepEqual(problems, []);
    assert.equal(record!.id, 'SVS401');
    assert.equal(record!.title, 'Best practices: "Lambda" at scale');
    assert.equal(record!.track, 'Serverless');
    assert.equal(record!.kind, 'session');
  });
});
