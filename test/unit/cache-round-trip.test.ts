// The cache's public round trip (serialize → NotesIndex.load → prepareSearch / prepareSearchAsync)
// and the extension's cache file (encodeCache → decodeCache) answer as a fresh build does.
import * as assert from 'assert';
import { CACHE_FORMAT, NotesIndex, buildNotesIndex, decodeCache, encodeCache, encodeCacheAsync, type NoteFile } from '../../src/core/index';
import { bundledNoteFiles, readJsonFixture } from './fixtures';

const QUERIES = [
  ...readJsonFixture<{ queries: { q: string }[] }>('queries-public.json').queries.map(q => q.q),
  'lambda', 'fargate spot', 'kinesis firehose', 'サーバーレス', '无服务器', 'vault note 17', 'serv', 'ka',
];

function corpus(): NoteFile[] {
  const files: NoteFile[] = bundledNoteFiles();
  for (let i = 0; i < 300; i++) {
    files.push({ path: `/vault/${i % 7}/note-${i}.md`, text: `# Vault note ${i}\n\nkinesis ${i % 3 ? 'firehose' : 'streams'} and lambda ${i}\n\n## Part\n\nサーバーレス ${i} 无服务器 fargate\n` });
  }
  return files;
}

const answers = (index: NotesIndex) => QUERIES.map(q => index.search(q, { limit: 10 }).map(h => `${h.key}:${h.line}:${h.column}:${h.score.toFixed(6)}`).join('|'));

describe('the cache round trip', () => {
  const fresh = buildNotesIndex(corpus());
  const expected = answers(fresh);

  it('serialize → load → prepareSearch answers as the fresh build', () => {
    const loaded = NotesIndex.load(JSON.parse(JSON.stringify(fresh.serialize())));
    loaded.prepareSearch();
    assert.deepEqual(answers(loaded), expected);
  });

  it('serialize → load → prepareSearchAsync answers as the fresh build', async () => {
    const loaded = NotesIndex.load(fresh.serialize());
    await loaded.prepareSearchAsync();
    assert.deepEqual(answers(loaded), expected);
    assert.deepEqual(loaded.notes(), fresh.notes());
    assert.deepEqual(loaded.problems(), fresh.problems());
  });

  it('the extension cache file (in lines) gives back the same cache', async () => {
    const cache = { format: CACHE_FORMAT, bundled: 'b', folders: ['file:///vault|**/*.md'], files: { 'file:///vault/a.md': { size: 1, mtime: 2 } }, index: fresh.serialize() };
    const back = await decodeCache(encodeCache(cache), async () => undefined);
    assert.ok(back);
    assert.deepEqual({ ...back, index: undefined }, { ...cache, index: undefined });
    const loaded = NotesIndex.load(back.index);
    await loaded.prepareSearchAsync();
    assert.deepEqual(answers(loaded), expected);
  });

  it('the cache file read as bytes gives back the same cache, each note’s text decoded when it is first read', async () => {
    const cache = { format: CACHE_FORMAT, bundled: 'b', folders: ['file:///vault|**/*.md'], files: {}, index: fresh.serialize() };
    const bytes = new TextEncoder().encode(encodeCache(cache));
    const back = await decodeCache(bytes, async () => undefined);
    assert.ok(back);
    const record = back.index.notes[back.index.notes.length - 1];
    assert.equal(typeof Object.getOwnPropertyDescriptor(record, 'text')?.get, 'function', 'not decoded yet');
    assert.equal(record.text, cache.index.notes[cache.index.notes.length - 1].text);
    assert.equal(Object.getOwnPropertyDescriptor(record, 'text')?.value, record.text, 'kept once decoded');
    assert.deepEqual(JSON.parse(JSON.stringify(back.index.notes)), JSON.parse(JSON.stringify(cache.index.notes)));
    const loaded = NotesIndex.load(back.index);
    await loaded.prepareSearchAsync();
    assert.deepEqual(answers(loaded), expected);
    assert.deepEqual(loaded.notes(), fresh.notes());
    // cut short, as bytes too
    assert.equal(await decodeCache(bytes.subarray(0, Math.floor(bytes.length / 3)), async () => undefined), undefined);
  });

  it('serializeAsync and encodeCacheAsync write what serialize and encodeCache write', async () => {
    const loaded = NotesIndex.load(fresh.serialize());
    loaded.prepareSearch();
    assert.deepEqual(await loaded.serializeAsync(), loaded.serialize());
    const cache = { format: CACHE_FORMAT, bundled: 'b', folders: [], files: {}, index: fresh.serialize() };
    assert.equal(await encodeCacheAsync(cache, async () => undefined), encodeCache(cache));
  });

  it('a cache file of another format or cut short is not used', async () => {
    assert.equal(await decodeCache('{"format":1}\n', async () => undefined), undefined);
    const text = encodeCache({ format: CACHE_FORMAT, bundled: 'b', folders: [], files: {}, index: fresh.serialize() });
    assert.equal(await decodeCache(text.slice(0, 40), async () => undefined), undefined);
  });

  it('an index serialized as MiniSearch JSON (before the line format) still loads', () => {
    const s = fresh.serialize();
    const loaded = NotesIndex.load(s);
    loaded.prepareSearch();
    const plain = NotesIndex.load({ ...s, index: JSON.stringify((loaded as unknown as { loaded: unknown }).loaded) });
    assert.deepEqual(answers(plain), expected);
  });
});

describe('the cache round trip of a large index', () => {
  it('answers a query ending in a lone CJK character (a prefix of a hundred bigrams) as the fresh build', () => {
    // the 120 bigrams 与X come in an order that the saved tree does not keep, and the search
    // requires the prefix 与 through some of them only
    const hans = Array.from({ length: 120 }, (_, i) => String.fromCodePoint(0x4e00 + 37 * i));
    const files: NoteFile[] = [];
    for (let i = 0; i < 620; i++) {
      const words = `oracle ${i % 10 ? 'migration' : 'zebra'} ${hans[(i * 7) % hans.length]}与${hans[i % hans.length]}数据`;
      files.push({ key: `file:///v/${i}.md`, path: `/v/${i}.md`, text: `# Note ${i}\n\n${words}\n` });
    }
    const fresh = buildNotesIndex(files);
    const loaded = NotesIndex.load(JSON.parse(JSON.stringify(fresh.serialize())));
    loaded.prepareSearch();
    const queries = ['zebra 与', 'zebra oracle 与', 'oracle zebra 与'];
    const run = (index: NotesIndex) => queries.map(q => index.search(q, { limit: 50 }).map(h => `${h.key}:${h.line}:${h.score.toFixed(6)}`).join('|'));
    const want = run(fresh);
    assert.ok(want.every(a => a.length > 0));
    assert.deepEqual(run(loaded), want);
  });
});

describe('postings read on first use', () => {
  it('a loaded index saves the same index text, its postings opened by searches or not', () => {
    const fresh = buildNotesIndex(corpus());
    const saved = fresh.serialize();
    const loaded = NotesIndex.load(saved);
    loaded.prepareSearch();
    // (the same lines: a loaded tree lists its terms in another order)
    assert.deepEqual(termLines(loaded.serialize().index), termLines(saved.index), 'unopened');
    const again = NotesIndex.load(saved);
    again.prepareSearch();
    answers(again);
    assert.deepEqual(answers(again), expectedOf(fresh));
    // (a search has opened some postings: each is written from its Map, as a fresh build writes it)
    const reloaded = NotesIndex.load(again.serialize());
    reloaded.prepareSearch();
    assert.deepEqual(answers(reloaded), expectedOf(fresh));
  });

  it('a loaded index takes new and changed notes as a fresh one does', () => {
    const files = corpus();
    const loaded = NotesIndex.load(buildNotesIndex(files.slice(0, 200)).serialize());
    loaded.prepareSearch();
    const fresh = buildNotesIndex(files.slice(0, 200));
    for (const index of [loaded, fresh]) {
      index.upsertAll(files.slice(200), 'user');
      index.upsert({ ...files[210], text: `${files[210].text}\nkinesis lambda changed\n` }, 'user');
      index.remove(files[220].key ?? files[220].path);
    }
    assert.deepEqual(answers(loaded), answers(fresh));
    assert.deepEqual(termLines(loaded.serialize().index), termLines(fresh.serialize().index));
  });
});

/** The encoded index's header, then its term lines sorted. */
function termLines(index: string): string[] {
  const [header, ...terms] = index.split('\n');
  return [header, ...terms.sort()];
}

function expectedOf(index: NotesIndex): string[] {
  return answers(index);
}
