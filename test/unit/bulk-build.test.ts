// Adding many notes at once (indexCodec.addDocuments, NotesIndex.upsertAll) leaves the index that
// MiniSearch's addAll and one upsert per note leave: the same postings, lengths and order, so the
// same answers and the same cache.
import * as assert from 'assert';
import MiniSearch from 'minisearch';
import { NotesIndex, buildNotesIndex, openBundledNotes, type NoteFile } from '../../src/core/index';
import { addDocuments, encodeIndex } from '../../src/core/indexCodec';
import { miniSearchOptions, toDoc } from '../../src/core/search/fields';
import { parseNote } from '../../src/core/notes';
import { bundledNoteFilesWithRenderings } from './fixtures';

function vault(n: number, tag = ''): NoteFile[] {
  const files: NoteFile[] = [];
  for (let i = 0; i < n; i++) {
    files.push({
      key: `file:///vault/${i % 5}/n${i}.md`,
      path: `/vault/${i % 5}/n${i}.md`,
      text: `---\ntags: [t${i % 4}]\n---\n# Note ${i}${tag} 容量 ${i % 9}\n\nlambda ${i % 3 ? 'fargate fargate' : 'kinesis'} 的所有的上下文 ${tag}\n\n## リソースのパラメーター\n\nwrite-information v7.5.${i % 6} server's\n`,
    });
  }
  return files;
}

const QUERIES = ['lambda', 'fargate', 'note 7', '的所有的上下文', 'リソース', 'write-information', '7.5.3', 'server', 'kin', '容量', 'nothing here'];
const answers = (index: NotesIndex) => QUERIES.map(q => index.search(q, { limit: 10 }).map(h => `${h.key}:${h.line}:${h.column}:${h.score.toFixed(9)}`).join('|'));

describe('adding many notes at once', () => {
  it('addDocuments leaves the index addAll leaves, term for term', () => {
    const docs = [...bundledNoteFilesWithRenderings(), ...vault(120)].map(f => parseNote(f, { source: 'user', key: f.key ?? f.path }).record!).map(toDoc);
    const one = new MiniSearch(miniSearchOptions());
    one.addAll(docs);
    const bulk = new MiniSearch(miniSearchOptions());
    addDocuments(bulk, docs);
    assert.equal(encodeIndex(bulk), encodeIndex(one));
    // and added in two goes, on top of terms the index has already
    const twice = new MiniSearch(miniSearchOptions());
    addDocuments(twice, docs.slice(0, 50));
    addDocuments(twice, docs.slice(50));
    assert.equal(encodeIndex(twice), encodeIndex(one));
  });

  it('addDocuments refuses a duplicate id as addAll does', () => {
    const doc = toDoc(parseNote(vault(1)[0], { source: 'user', key: 'k' }).record!);
    const mini = new MiniSearch(miniSearchOptions());
    assert.throws(() => addDocuments(mini, [doc, doc]), /duplicate ID/);
  });

  it('upsertAll answers as one upsert per note, on top of the bundled notes', () => {
    const files = vault(200);
    const oneByOne = openBundledNotes();
    for (const f of files) oneByOne.upsert(f, 'user');
    const bulk = openBundledNotes();
    bulk.upsertAll(files, 'user');
    assert.deepEqual(answers(bulk), answers(oneByOne));
    assert.deepEqual(bulk.notes(), oneByOne.notes());
    assert.equal(bulk.serialize().index, oneByOne.serialize().index);
  });

  it('upsertAll replaces notes it has, keeps the last of a key given twice, and reports broken notes', () => {
    const first = vault(40);
    const again = vault(40, ' again');
    const broken: NoteFile = { key: 'file:///vault/broken.md', path: '/vault/broken.md', text: '---\ntitle: [unclosed\n---\n# Broken\n' };
    const expected = buildNotesIndex([]);
    for (const f of [...first, ...again.slice(0, 20), broken]) expected.upsert(f, 'user');
    const bulk = buildNotesIndex([]);
    bulk.upsertAll(first, 'user');
    bulk.upsertAll([...again.slice(0, 10), ...first.slice(0, 5), ...again.slice(0, 20), broken], 'user');
    assert.deepEqual(answers(bulk), answers(expected));
    assert.deepEqual(bulk.notes(), expected.notes());
    assert.deepEqual(bulk.problems(), expected.problems());
    assert.ok(bulk.search('again').length >= 20);
  });
});
