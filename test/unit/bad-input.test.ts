// Every bad input a user's notes folder can hold gets a clear reason, and nothing else is lost.
import * as assert from 'node:assert/strict';
import { buildNotesIndex, decodeNoteBytes, escapeMarkdown, findServices, openBundledNotes, type NoteFile, type NotesIndex } from '../../src/core/index';
import { readableLine } from '../../src/core/markdown';
import { makeSnippet } from '../../src/core/notesIndex';

const good: NoteFile = { path: '/notes/good.md', text: '---\nid: GOOD1\ntitle: Good note\ntrack: Serverless\n---\n# Good note\n\n- fargate and dynamodb\n' };

/** Index `bad` next to a good note; the good one must stay searchable whatever `bad` is. */
function withGood(bad: NoteFile): NotesIndex {
  const index = buildNotesIndex([bad, good]);
  assert.equal(index.search('fargate')[0]?.id, 'GOOD1', 'the good note is still indexed');
  return index;
}

function problemOf(index: NotesIndex, path: string) {
  const p = index.problems().filter(x => x.path === path);
  assert.equal(p.length >= 1, true, `a problem is reported for ${path}`);
  return p;
}

describe('bad notes', () => {
  it('malformed YAML: indexed without its front matter, reported', () => {
    const index = withGood({ path: '/n/yaml.md', text: '---\nid: [unclosed\ntitle: "x\n---\n# Broken yaml\nkinesis\n' });
    assert.match(problemOf(index, '/n/yaml.md')[0].reason, /not valid YAML/);
    assert.equal(index.search('kinesis')[0]?.title, 'Broken yaml');
  });

  it('front matter that is not a mapping', () => {
    for (const fm of ['- a\n- b', '42', '"just text"']) {
      const index = withGood({ path: '/n/list.md', text: `---\n${fm}\n---\n# List\nbody\n` });
      assert.match(problemOf(index, '/n/list.md')[0].reason, /not a mapping/);
      assert.ok(index.note('/n/list.md'));
    }
  });

  it('wrong types are ignored field by field', () => {
    const index = withGood({ path: '/n/types.md', text: '---\nid: T1\ntitle: {a: 1}\nservices: 42\ntags: [ok, {x: 1}]\nkind: party\n---\n# Typed\n' });
    const reasons = problemOf(index, '/n/types.md').map(p => p.reason).join('\n');
    assert.match(reasons, /`services` should be a list/);
    assert.match(reasons, /`title` should be text/);
    assert.match(reasons, /`kind` "party"/);
    const note = index.note('/n/types.md')!;
    assert.equal(note.id, 'T1');
    assert.equal(note.title, 'Typed');
    assert.deepEqual(note.tags, ['ok']);
  });

  it('duplicate ids: both notes kept and told apart', () => {
    const index = buildNotesIndex([
      { path: '/a/x.md', text: '---\nid: SAME\ntitle: First\n---\n# First\nkendra\n' },
      { path: '/b/x.md', text: '---\nid: SAME\ntitle: Second\n---\n# Second\nkendra\n' },
    ]);
    assert.equal(index.notes().length, 2);
    assert.deepEqual(index.search('kendra').map(h => h.path).sort(), ['/a/x.md', '/b/x.md']);
    assert.match(index.problems()[0].reason, /also used by/);
  });

  it('a binary file named .md', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    assert.match(decodeNoteBytes(bytes).problem ?? '', /binary/);
    const index = withGood({ path: '/n/bin.md', text: 'PNG\u0000\u0000data' });
    assert.equal(problemOf(index, '/n/bin.md')[0].severity, 'skipped');
  });

  it('invalid UTF-8 is read with replacement characters and reported', () => {
    const { text, invalidUtf8 } = decodeNoteBytes(new Uint8Array([0x23, 0x20, 0x41, 0xff, 0xfe, 0x0a, 0x73, 0x33]));
    assert.ok(text?.includes('\uFFFD'));
    assert.equal(invalidUtf8, true);
    const index = withGood({ path: '/n/utf.md', text: text!, invalidUtf8 });
    assert.match(problemOf(index, '/n/utf.md')[0].reason, /UTF-8/);
    assert.ok(index.note('/n/utf.md'));
  });

  it('a U+FFFD written in valid UTF-8 is text, not a problem', () => {
    const decoded = decodeNoteBytes(new TextEncoder().encode('# Replacement\n\nThe character \uFFFD stands for unreadable bytes.\n'));
    assert.equal(decoded.invalidUtf8, undefined);
    const index = withGood({ path: '/n/fffd.md', ...decoded, text: decoded.text! });
    assert.deepEqual(index.problems().filter(p => p.path === '/n/fffd.md'), []);
  });

  it('the same file name in two folders: both notes, keyed by path, nothing to report', () => {
    const index = buildNotesIndex([
      { path: '/docs/7.4/about.md', text: '# About 7.4\nkendra\n' },
      { path: '/docs/7.5/about.md', text: '# About 7.5\nkendra\n' },
    ]);
    assert.equal(index.notes().length, 2);
    assert.deepEqual(index.problems(), []);
  });

  it('a title taken from a heading leaves its raw HTML out', () => {
    const index = buildNotesIndex([{ path: '/n/html.md', text: '# <a name="top"></a>About <b>this</b> document\n\nbody\n' }]);
    assert.equal(index.note('/n/html.md')!.title, 'About this document');
  });

  it('an empty file, and one of only whitespace', () => {
    for (const text of ['', '   \n\n\t']) {
      const index = withGood({ path: '/n/empty.md', text });
      assert.match(problemOf(index, '/n/empty.md')[0].reason, /empty/);
    }
  });

  it('a 5 MB note is indexed up to a limit and reported', () => {
    const line = 'shuffle sharding keeps the blast radius small for every tenant of the service\n';
    const text = '# Huge\n' + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const t0 = Date.now();
    const index = withGood({ path: '/n/huge.md', text });
    assert.ok(Date.now() - t0 < 60_000);
    assert.match(problemOf(index, '/n/huge.md')[0].reason, /million/);
    assert.equal(index.search('shuffle sharding')[0]?.path, '/n/huge.md');
  });

  it('a single 100,000-character line gives a short snippet', () => {
    const text = '# Long\n' + 'lorem ipsum '.repeat(5000) + 'needle-in-the-haystack ' + 'dolor sit '.repeat(3000) + '\n';
    const index = withGood({ path: '/n/long.md', text });
    const [hit] = index.search('haystack');
    assert.equal(hit.path, '/n/long.md');
    assert.ok(hit.snippet.length <= 130, `snippet is ${hit.snippet.length} chars`);
    assert.ok(hit.snippet.includes('haystack'));
    assert.equal(hit.line, 2);
  });

  it('a note whose file is gone while being indexed leaves no trace once removed', () => {
    const index = buildNotesIndex([good]);
    index.upsert({ path: '/n/gone.md', text: '# Gone\nathena\n' });
    assert.equal(index.search('athena')[0]?.path, '/n/gone.md');
    index.remove('/n/gone.md');
    assert.deepEqual(index.search('athena'), []);
    assert.equal(index.search('fargate')[0]?.id, 'GOOD1');
  });

  it('upsert replaces a note in place', () => {
    const index = buildNotesIndex([good]);
    index.upsert({ path: '/notes/good.md', text: '# Changed\nkinesis only now\n' });
    assert.deepEqual(index.search('fargate'), []);
    assert.equal(index.search('kinesis')[0]?.title, 'Changed');
    assert.equal(index.notes().length, 1);
  });

  it('notes with no front matter take their title from the first heading, else the file name', () => {
    const index = buildNotesIndex([
      { path: '/n/with-heading.md', text: 'intro\n# The heading\nbody\n' },
      { path: '/n/plain-name.md', text: 'just text about sqs\n' },
    ]);
    assert.equal(index.note('/n/with-heading.md')!.title, 'The heading');
    assert.equal(index.note('/n/plain-name.md')!.title, 'plain-name');
    assert.equal(index.note('/n/plain-name.md')!.id, 'plain-name');
  });
});

describe('hostile note text', () => {
  const hostile = '---\ntitle: "<img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new)"\n---\n# <script>alert(1)</script>\n\n- fargate [run](command:reinventNotes.search?%5B%22x%22%5D) **bold** <b>html</b> ![i](https://x/y.png)\n';
  const index = buildNotesIndex([{ path: '/n/evil.md', text: hostile }]);

  it('is escaped into inert Markdown', () => {
    const note = index.note('/n/evil.md')!;
    const [m] = index.mentionsOf('Fargate');
    for (const text of [note.title, m.snippet]) {
      const md = escapeMarkdown(text);
      assert.doesNotMatch(md, /(^|[^\\])[<>[\]()*`!]/, md);
      assert.doesNotMatch(md, /\n/);
    }
  });
});

describe('odd queries', () => {
  const index = openBundledNotes();
  const queries = ['', ' ', '\t\n', 'x'.repeat(10_000), '.*+?^${}()|[]\\/', '\ud800', '\udc00abc', '😀🚀', 'ÅÄÖ ß ı', 'Ελληνικά', 'русский', 'עברית', '한국어', 'ไทย', '\u0000', '%s%d', '<script>'];
  for (const q of queries) {
    it(`answers ${JSON.stringify(q.slice(0, 20))} without throwing`, () => {
      const t0 = Date.now();
      assert.doesNotThrow(() => index.search(q));
      assert.ok(Date.now() - t0 < 2000);
    });
  }
});

describe('hover input', () => {
  it('a 10 MB minified line is scanned in bounded time (the hover reads a fixed span)', () => {
    const line = 'var a=1;'.repeat(1_300_000) + 'new AWS.DynamoDB.DocumentClient();' + 'b=2;'.repeat(100_000);
    const at = line.indexOf('DynamoDB');
    const t0 = Date.now();
    const span = line.slice(at - 256, at + 256);
    const found = findServices(span, 'javascript');
    assert.ok(Date.now() - t0 < 200);
    assert.ok(found.some(m => m.name === 'DynamoDB'));
  });

  it('makeSnippet never cuts a surrogate pair', () => {
    const line = '😀'.repeat(200) + 'match' + '😀'.repeat(200);
    const at = line.indexOf('match');
    const { snippet } = makeSnippet(line, at, at + 5, [[at, at + 5]]);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(snippet));
  });
});

describe('readable lines', () => {
  it('reduce links and autolinks to their text', () => {
    assert.equal(readableLine('fargate for eks <https://aws.amazon.com/x/>'), 'fargate for eks https://aws.amazon.com/x/');
    assert.equal(readableLine('see [the docs](https://docs.aws.amazon.com/(x)) now'), 'see the docs now');
  });
});
