// The query language: the parser (text → plan) on its own, searchNotes() over the bundled notes, and
// the evaluation set test/fixtures/eval-syntax.json (tuned and held-out parts reported apart).
import * as assert from 'node:assert/strict';
import { buildNotesIndex, openBundledNotes, parseQuery, searchNotes, type ParsedQuery } from '../../src/core/index';
import { readJsonFixture } from './fixtures';

function plan(q: string): Omit<ParsedQuery, 'errors'> & { errors?: ParsedQuery['errors'] } {
  const p = parseQuery(q);
  const { errors, ...rest } = p;
  return errors.length ? p : rest;
}

describe('query syntax: the parser', () => {
  it('keeps plain words as free text, marking an unfinished last word', () => {
    assert.deepEqual(plan('blast radius'), { text: 'blast radius', phrases: [], exclude: [], filters: [] });
    assert.equal(parseQuery('blast radius ').text, 'blast radius ');
    assert.equal(parseQuery('').text, '');
    assert.equal(parseQuery('   \u3000 ').text, '');
  });

  it('reads quoted phrases, with the phrase words in the free text', () => {
    const p = parseQuery('"blast radius" cells');
    assert.deepEqual(p.phrases, ['blast radius']);
    assert.equal(p.text, 'blast radius cells');
    assert.deepEqual(parseQuery('a "b   c" d').phrases, ['b c']);
  });

  it('runs a quote left open to the end of the query', () => {
    const p = parseQuery('lambda "cold sta');
    assert.deepEqual(p.phrases, ['cold sta']);
    assert.equal(p.text, 'lambda cold sta', 'the phrase is still being typed: no trailing space');
    assert.deepEqual(parseQuery('"').phrases, []);
    assert.deepEqual(parseQuery('" "').phrases, []);
    assert.deepEqual(parseQuery('"blast radius"').text, 'blast radius ');
  });

  it('reads CJK inside quotes, also with CJK quote marks', () => {
    assert.deepEqual(parseQuery('"爆炸半径"').phrases, ['爆炸半径']);
    assert.deepEqual(parseQuery('「責任共有モデル」 セキュリティ').phrases, ['責任共有モデル']);
    assert.equal(parseQuery('「責任共有モデル」 セキュリティ').text, '責任共有モデル セキュリティ');
    assert.deepEqual(parseQuery('\u201c容器 服务\u201d').phrases, ['容器 服务']);
    assert.deepEqual(parseQuery('"東京 リージョン"　track:containers').filters.map(f => f.values), [['containers']], 'a full-width space separates');
  });

  it('reads -word and -"phrase" as exclusions; a lone dash and inner dashes are not', () => {
    assert.deepEqual(plan('lambda -kubernetes -"blast radius"'), { text: 'lambda ', phrases: [], exclude: ['kubernetes', 'blast radius'], filters: [] });
    assert.deepEqual(plan('-'), { text: '', phrases: [], exclude: [], filters: [] });
    assert.deepEqual(plan('a - b'), { text: 'a b', phrases: [], exclude: [], filters: [] });
    assert.deepEqual(plan('two-pizza re-invent'), { text: 'two-pizza re-invent', phrases: [], exclude: [], filters: [] });
    assert.deepEqual(parseQuery('--verbose').exclude, []);
  });

  it('reads filters, with quoted values, commas and repeats as either value, and negation', () => {
    const p = parseQuery('track:containers service:fargate,lambda kind:keynote tag:"blast radius" id:ARC* -track:security service:EKS');
    assert.deepEqual(p.filters, [
      { name: 'track', values: ['containers'], negated: false },
      { name: 'service', values: ['fargate', 'lambda', 'EKS'], negated: false },
      { name: 'kind', values: ['keynote'], negated: false },
      { name: 'tag', values: ['blast radius'], negated: false },
      { name: 'id', values: ['ARC*'], negated: false },
      { name: 'track', values: ['security'], negated: true },
    ]);
    assert.equal(p.text, '');
    assert.deepEqual(parseQuery('TRACK:Containers').filters, [{ name: 'track', values: ['Containers'], negated: false }]);
    assert.deepEqual(parseQuery('track:"developer tools').filters[0].values, ['developer tools'], 'an open quote in a value');
  });

  it('does not take URLs, times, ARNs or re:Invent for filters', () => {
    for (const q of ['https://aws.amazon.com/blogs', 'http://localhost:8080', 'arn:aws:iam::123:role/x', '10:30', 're:Invent', 'note: todo']) {
      const p = parseQuery(q);
      assert.deepEqual(p.filters, [], q);
      assert.deepEqual(p.errors, [], q);
      assert.equal(p.text.trim(), q, q);
    }
  });

  it('says a misspelled filter is one, with the filter it probably meant', () => {
    assert.deepEqual(parseQuery('trak:containers').errors, [{ code: 'unknown-filter', token: 'trak:containers', suggestion: 'track' }]);
    assert.equal(parseQuery('sevrice:fargate').errors[0].suggestion, 'service');
    assert.equal(parseQuery('tga:x').errors[0].suggestion, 'tag');
    assert.equal(parseQuery('kin:keynote').errors[0].suggestion, 'kind');
    assert.deepEqual(parseQuery('trak:containers').filters, [], 'nothing silently filters');
    assert.deepEqual(parseQuery('track:').errors, [{ code: 'empty-filter', token: 'track:', suggestion: 'track' }]);
  });

  it('takes anything without throwing', () => {
    for (const q of [undefined, null, 42, {}, '"', '-"', '-:', ':', 'a:"', '"a" "b', 'x'.repeat(10_000), '-"-"-"', '\ud800', 'track:,,,']) {
      const p = parseQuery(q as unknown);
      assert.ok(Array.isArray(p.filters) && typeof p.text === 'string');
    }
  });
});

describe('query syntax: searchNotes over the bundled notes', () => {
  const index = openBundledNotes();
  const ids = (q: string, limit = 50) => searchNotes(index, q, { limit }).hits.map(h => h.id);

  it('is NotesIndex.search for plain text', () => {
    for (const q of ['blast radius', '爆炸半径', 'fargate', 'shufle sharding']) {
      assert.deepEqual(searchNotes(index, q).hits, index.search(q), q);
    }
  });

  it('lists the notes a filter alone matches', () => {
    assert.deepEqual(ids('track:containers').sort(), ['CON323-R1', 'CON325-R', 'CON421-R']);
    assert.deepEqual(ids('id:ARC*').sort(), ['ARC335-R', 'ARC349-R1', 'ARC411-R']);
  });

  it('opens a phrase hit at the phrase', () => {
    const [hit] = searchNotes(index, '"shuffle sharding"').hits;
    const note = index.note(hit.key);
    assert.ok(note);
    const line = note.text.split('\n')[hit.line - 1];
    assert.equal(line.slice(hit.column, hit.column + hit.length).toLowerCase(), 'shuffle sharding');
  });

  it('opens a service filter at the service', () => {
    for (const hit of searchNotes(index, 'service:fargate').hits) {
      const line = index.note(hit.key)?.text.split('\n')[hit.line - 1] ?? '';
      assert.match(line, /fargate/i, `${hit.id}:${hit.line}`);
    }
  });

  it('takes the tools\' track and service parameters as filters', () => {
    assert.deepEqual(searchNotes(index, 'control plane', { track: 'containers' }).hits.every(h => h.track === 'Containers'), true);
    assert.deepEqual(searchNotes(index, '', { service: 'Amazon EKS' }).hits.map(h => h.id).sort(), ['CON325-R', 'CON421-R', 'KYN202', 'highlights']);
  });

  it('takes the start of a service name while it is typed, and says when no service has it', () => {
    assert.deepEqual(ids('service:farg').sort(), ['CON325-R', 'KYN202', 'highlights']);
    assert.deepEqual(searchNotes(index, 'service:farg').problems, []);
    assert.equal(searchNotes(index, 'service:xyzzy').problems[0].code, 'unknown-value');
  });

  it('reports a value no note has, with the closest one', () => {
    const r = searchNotes(index, 'track:contaners');
    assert.equal(r.problems[0].code, 'unknown-value');
    assert.equal(r.problems[0].suggestion, 'Containers');
    assert.match(r.problems[0].message, /did you mean track:Containers/);
  });

  it('finds user notes by their own tracks and tags', () => {
    const user = buildNotesIndex([
      { path: 'mine/a.md', text: '---\nid: MINE1\ntitle: Mine\ntrack: Databases\ntags: [aurora tips]\n---\n# Mine\n\nAurora notes.\n' },
      { path: 'mine/b.md', text: '---\nid: MINE2\ntitle: Other\n---\n# Other\n\nNothing.\n' },
    ]);
    assert.deepEqual(searchNotes(user, 'track:databases').hits.map(h => h.id), ['MINE1']);
    assert.deepEqual(searchNotes(user, 'tag:aurora*').hits.map(h => h.id), ['MINE1']);
    assert.deepEqual(searchNotes(user, '-aurora').hits.map(h => h.id), ['MINE2'], 'an exclusion alone lists the rest');
  });
});

interface SyntaxQuery {
  q: string;
  expect: 'set' | 'first' | 'problem';
  ids?: string[];
  within?: string[];
  code?: string;
  suggestion?: string;
  split: 'tune' | 'heldout';
}

describe('query syntax: evaluation set', () => {
  const index = openBundledNotes();
  const set = readJsonFixture<{ queries: SyntaxQuery[] }>('eval-syntax.json').queries;

  function failure(q: SyntaxQuery): string | undefined {
    const r = searchNotes(index, q.q, { limit: 50 });
    const got = r.hits.map(h => h.id);
    if (q.expect === 'set') {
      const want = [...(q.ids ?? [])].sort();
      return JSON.stringify([...got].sort()) === JSON.stringify(want) ? undefined : `got [${got.join(', ')}], want [${want.join(', ')}]`;
    }
    if (q.expect === 'first') {
      if (!got.length || !(q.ids ?? []).includes(got[0])) return `first is ${got[0] ?? 'nothing'}, want one of ${q.ids?.join(', ')}`;
      const outside = q.within ? got.filter(id => !q.within?.includes(id)) : [];
      return outside.length ? `hits outside the filter: ${outside.join(', ')}` : undefined;
    }
    const p = r.problems.find(x => x.code === q.code);
    return p && p.suggestion === q.suggestion ? undefined : `problems ${JSON.stringify(r.problems)}`;
  }

  it('has at least 40 queries, a held-out part, and each query once', () => {
    assert.ok(set.length >= 40, `${set.length} queries`);
    assert.ok(set.filter(q => q.split === 'heldout').length >= 10);
    assert.equal(new Set(set.map(q => q.q)).size, set.length);
  });

  for (const split of ['tune', 'heldout'] as const) {
    it(`answers every ${split} query`, () => {
      const queries = set.filter(q => q.split === split);
      const failures = queries.map(q => [q.q, failure(q)] as const).filter(([, f]) => f !== undefined);
      console.log(`      eval-syntax ${split}: ${queries.length - failures.length}/${queries.length} correct`);
      assert.deepEqual(failures, []);
    });
  }
});
