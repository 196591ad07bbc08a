// gray-matter evaluates `---js` front matter with eval: the notes parser must make that impossible.
import * as assert from 'node:assert/strict';
import { buildNotesIndex } from '../../src/core/index';
import { parseNote } from '../../src/core/notes';

const g = globalThis as Record<string, unknown>;

function jsNote(open: string, nl = '\n', bom = ''): string {
  return `${bom}${open}${nl}{ id: (globalThis.__pwned = "yes", "evil"), title: "x" }${nl}---${nl}# Evil note${nl}body${nl}`;
}

describe('front matter safety', () => {
  beforeEach(() => delete g.__pwned);
  afterEach(() => delete g.__pwned);

  for (const [label, text] of [
    ['---js', jsNote('---js')],
    ['---javascript', jsNote('---javascript')],
    ['---JS with CRLF', jsNote('---JS', '\r\n')],
    ['---js after a BOM', jsNote('---js', '\n', '\ufeff')],
    ['--- js (space)', jsNote('--- js')],
  ] as const) {
    it(`never runs ${label} front matter, reports it and does not index it`, () => {
      const r = parseNote({ path: 'evil.md', text });
      assert.equal(g.__pwned, undefined, 'the front matter code ran');
      assert.equal(r.record, undefined);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0].severity, 'skipped');
      assert.match(r.problems[0].reason, /JavaScript/);
      const index = buildNotesIndex([{ path: 'evil.md', text }, { path: 'good.md', text: '# Good\nfargate' }]);
      assert.equal(g.__pwned, undefined);
      assert.deepEqual(index.notes().map(n => n.id), ['good']);
      assert.deepEqual(index.search('evil'), []);
      assert.deepEqual(index.search('globalThis'), []);
      assert.equal(index.problems()[0].path, 'evil.md');
    });
  }

  it('refuses other front matter languages too', () => {
    const r = parseNote({ path: 'c.md', text: '---coffee\nid: 1\n---\n# C\n' });
    assert.equal(r.record, undefined);
    assert.match(r.problems[0].reason, /not supported/);
  });

  it('does not use gray-matter’s global cache', () => {
    const text = '---\nid: cached\ntitle: One\n---\n# One\n';
    const a = parseNote({ path: 'a.md', text }).record;
    const b = parseNote({ path: 'b.md', text }).record;
    assert.ok(a && b);
    assert.notEqual(a, b);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const matter = require('gray-matter');
    assert.equal(Object.keys(matter.cache).length, 0);
  });

  it('reads YAML tags safely (no !!js/function)', () => {
    const text = '---\nid: !!js/function "function () { globalThis.__pwned = 1 }"\n---\n# T\n';
    const r = parseNote({ path: 't.md', text });
    assert.equal(g.__pwned, undefined);
    assert.ok(r.record, 'the note body is still indexed');
    assert.equal(r.problems[0].severity, 'degraded');
    assert.match(r.problems[0].reason, /not valid YAML/);
  });
});
