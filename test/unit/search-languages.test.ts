// Search across the notes' languages and the words readers use: renderings, stemming, question
// words, abbreviations (synonyms.json), loosely written session codes, mixed scripts, and the line a
// hit opens at. All on the bundled notes' real text.
import * as assert from 'node:assert/strict';
import { NotesIndex, buildNotesIndex, openBundledNotes, renderingOf, type SearchHit } from '../../src/core/index';

describe('search across languages and wordings', () => {
  const index = openBundledNotes();

  function top(q: string): SearchHit {
    const [hit] = index.search(q);
    assert.ok(hit, `no hit for "${q}"`);
    return hit;
  }

  /** The original line a hit opens at. */
  function lineOf(hit: SearchHit): string {
    return (index.note(hit.key)?.text.split('\n')[hit.line - 1] ?? '').replace(/\r$/, '');
  }

  /** The line of the text that matched (the rendering's own line for a rendering). */
  function matchedLine(hit: SearchHit): string {
    const note = index.note(hit.key);
    assert.ok(note && hit.matched);
    const rendering = hit.matched.lang === 'original' ? undefined : renderingOf(note, hit.matched.lang);
    return ((rendering?.text ?? note.text).split('\n')[hit.matched.line - 1] ?? '').replace(/\r$/, '');
  }

  describe('the renderings', () => {
    it('finds an English passage from a Chinese query, in the Chinese rendering (混沌工程)', () => {
      const hit = top('混沌工程');
      assert.equal(hit.id, 'ARC335-R');
      assert.match(lineOf(hit), /chaos engineering/);
      assert.equal(hit.matched?.lang, 'zh-cn');
      assert.match(matchedLine(hit), /混沌工程/);
      const m = hit.matched;
      assert.equal(matchedLine(hit).slice(m.column, m.column + m.length), '混沌工程');
    });

    it('finds a Chinese passage from an English query, and opens the original at that line', () => {
      const hit = top('takeout for lunch');
      assert.equal(hit.id, 'logistics');
      assert.match(lineOf(hit), /午餐/);
      assert.equal(hit.matched?.lang, 'en');
      assert.match(matchedLine(hit), /lunch/);
      assert.ok(hit.matched.highlights.length > 0);
    });

    it('finds an English passage from a Japanese query (パイロットライト)', () => {
      const hit = top('パイロットライト');
      assert.equal(hit.id, 'ARC335-R');
      assert.match(lineOf(hit), /pilot light/);
      assert.equal(hit.matched?.lang, 'ja');
    });

    it('opens at a body line, not the title, when only a tag matched in the original (shuttle bus)', () => {
      const hit = top('shuttle bus');
      assert.equal(hit.id, 'logistics');
      assert.match(lineOf(hit), /穿梭巴士/);
    });

    it('keeps one result per note, and says for each which text matched', () => {
      for (const q of ['blast radius', '爆炸半径', 'disaster recovery', 'ecs タスク', 'lunch']) {
        const hits = index.search(q, { limit: 50 });
        assert.equal(new Set(hits.map(h => h.key)).size, hits.length, q);
        for (const h of hits) assert.ok(h.matched, `${q}: ${h.id}`);
        for (const h of hits.filter(h => h.matched?.lang === 'original')) {
          assert.deepEqual([h.matched?.line, h.matched?.column, h.matched?.length, h.matched?.snippet], [h.line, h.column, h.length, h.snippet], q);
        }
      }
    });

    it('indexes a user note as written: its hits match the original', () => {
      const user = buildNotesIndex([{ path: 'mine.md', text: '# Mine\n\n- chaos engineering game days\n' }]);
      const [hit] = user.search('chaos engineering');
      assert.equal(hit.line, 3);
      assert.equal(hit.matched?.lang, 'original');
      assert.deepEqual(user.search('混沌工程'), []);
    });

    it('answers the same when the renderings\' index is built in the background after prepareSearch()', async () => {
      const later = openBundledNotes();
      later.prepareSearch();
      await new Promise(resolve => setTimeout(resolve, 400));
      for (const q of ['混沌工程', 'takeout for lunch', 'パイロットライト']) {
        assert.deepEqual(later.search(q).map(h => [h.id, h.line, h.matched?.lang, h.matched?.line]), index.search(q).map(h => [h.id, h.line, h.matched?.lang, h.matched?.line]), q);
      }
    });

    it('answers the same after serialize() and load()', () => {
      const again = NotesIndex.load(JSON.stringify(index.serialize()));
      for (const q of ['混沌工程', 'takeout for lunch', 'arc 349', 'dr']) {
        assert.deepEqual(again.search(q).map(h => [h.id, h.line, h.matched?.lang, h.matched?.line]), index.search(q).map(h => [h.id, h.line, h.matched?.lang, h.matched?.line]), q);
      }
    });
  });

  describe('English words', () => {
    it('stems: "strategies" finds "strategy: pilot light" and its neighbours', () => {
      const hit = top('pilot light strategies');
      assert.equal(hit.id, 'ARC335-R');
      assert.match(lineOf(hit), /strategy: pilot light/);
      assert.equal(lineOf(hit).slice(hit.column, hit.column + hit.length).toLowerCase().startsWith('strategy') || lineOf(hit).includes('pilot light'), true);
    });

    it('stems: "deploys" finds "deployment"', () => {
      const hits = index.search('canary deploys');
      assert.equal(hits[0].id, 'CON323-R1');
      assert.ok(hits.some(h => /deployment/.test(lineOf(h))), hits.map(lineOf).join(' | '));
    });

    it('gives question words no weight', () => {
      const plain = index.search('pilot light').map(h => [h.id, h.line]);
      assert.deepEqual(index.search('what is pilot light').map(h => [h.id, h.line]), plain);
      assert.deepEqual(index.search('how do I use pilot light').map(h => [h.id, h.line]).slice(0, 1), plain.slice(0, 1));
      assert.deepEqual(index.search('where should I store db credentials').map(h => h.id).slice(0, 1), ['SVS310-R1']);
    });
  });

  describe('abbreviations and other names (synonyms.json)', () => {
    it('reads "dr" as disaster recovery, never as Dr. Werner Vogels', () => {
      const hits = index.search('dr');
      assert.equal(hits[0].id, 'ARC335-R');
      assert.ok(!hits.some(h => h.id === 'KYN204'), hits.map(h => h.id).join(', '));
      assert.match(lineOf(hits[0]), /disaster recovery/);
      assert.equal(top('dr werner vogels').id, 'KYN204');
    });

    it('k8s and Kubernetes find each other', () => {
      const hit = top('k8s');
      assert.equal(hit.id, 'CON421-R');
      assert.equal(top('kubernetes ecosystem tooling').id, 'CON421-R');
      assert.match(lineOf(top('kubernetes ecosystem tooling')), /k8s ecosystem/);
    });

    it('SSO finds SAML federation, DDoS protection finds Shield', () => {
      const sso = top('sso');
      assert.equal(sso.id, 'SVS310-R1');
      assert.match(lineOf(sso), /SAML/);
      const ddos = top('ddos protection');
      assert.equal(ddos.id, 'SVS310-R1');
      assert.match(lineOf(ddos), /ddos|shield/);
    });
  });

  describe('session codes and mixed scripts', () => {
    for (const [q, id] of [
      ['arc 349', 'ARC349-R1'],
      ['con42', 'CON421-R'],
      ['sec209-r', 'SEC209-R1'],
      ['con325r', 'CON325-R'],
      ['kyn 202', 'KYN202'],
      ['svs 310 r1', 'SVS310-R1'],
    ]) {
      it(`"${q}" finds ${id} first`, () => assert.equal(top(q).id, id));
    }

    it('mixed-script queries find the note and the line', () => {
      assert.equal(top('eks 核心技术').id, 'CON421-R');
      const spot = top('fargate spot 価格');
      assert.equal(spot.id, 'CON325-R');
      const cross = top('s3 跨区域复制');
      assert.equal(cross.id, 'ARC335-R');
      assert.match(lineOf(cross), /cross-region replication/);
    });
  });
});
