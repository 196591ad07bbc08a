// The bundled notes keep the contract of the product: 18 notes, complete front matter, and every
// content line of the author's memo present in its own words.
import * as assert from 'node:assert/strict';
import matter from 'gray-matter';
import { allServices } from '../../src/core/catalog';
import { findServices } from '../../src/core/matcher';
import { parseNote } from '../../src/core/notes';
import { bundledNoteFiles, readFixture } from './fixtures';

const SESSION_IDS = ['ARC411-R', 'CON421-R', 'ARC335-R', 'KYN201', 'KYN202', 'SVS310-R1', 'STP203', 'CON323-R1', 'AIM207-R5', 'CON325-R', 'ARC349-R1', 'KYN204', 'DOP210-L', 'SEC209-R1'];
const TOPIC_IDS = ['impressions', 'logistics', 'highlights', 'midnight-madness'];
const TRACKS: Record<string, string> = { ARC: 'Architecture', CON: 'Containers', SVS: 'Serverless', KYN: 'Keynotes', STP: 'Startups', AIM: 'AI/ML', DOP: 'Developer Tools', SEC: 'Security' };
const KINDS = ['session', 'keynote', 'leadership', 'workshop', 'topic', 'event'];
const LANGS = ['en', 'zh-Hans', 'zh-Hant', 'ja'];

const files = bundledNoteFiles();
const parsed = files.map(f => ({ file: f, fm: matter(f.text, { language: 'yaml' }) }));

/** A note as readable text: no front matter, no Markdown markers, links reduced to their text. */
function plain(text: string): string {
  return text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split('\n')
    .map(line =>
      line
        .replace(/^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)+/, '')
        .replace(/\*\*|__/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1'),
    )
    .join('\n');
}

describe('bundled notes', () => {
  it('are the 14 sessions and 4 topic notes, one file each, named by id', () => {
    const ids = parsed.map(p => p.fm.data.id).sort();
    assert.deepEqual(ids, [...SESSION_IDS, ...TOPIC_IDS].sort());
    for (const p of parsed) assert.equal(p.file.path, `notes/${p.fm.data.id}.md`);
  });

  for (const { file, fm } of parsed) {
    describe(file.path, () => {
      const d = fm.data as Record<string, unknown>;
      it('has the required front matter', () => {
        for (const key of ['id', 'title', 'title_en', 'kind', 'services', 'tags', 'lang']) assert.ok(key in d, `missing ${key}`);
        assert.ok(typeof d.title === 'string' && d.title.length > 0);
        assert.ok(typeof d.title_en === 'string' && /^[\x20-\x7e’]+$/.test(d.title_en as string), `title_en is English: ${d.title_en}`);
        assert.ok(KINDS.includes(d.kind as string), `kind ${d.kind}`);
        assert.ok(Array.isArray(d.tags) && (d.tags as unknown[]).length > 0);
        assert.ok(Array.isArray(d.lang) && (d.lang as string[]).every(l => LANGS.includes(l)), `lang ${d.lang}`);
        if (d.links !== undefined) assert.ok(Array.isArray(d.links));
      });
      it('has the track of its code prefix (sessions) or none (topics)', () => {
        const id = d.id as string;
        if (TOPIC_IDS.includes(id)) assert.equal(d.track, undefined);
        else assert.equal(d.track, TRACKS[id.slice(0, 3)]);
      });
      it('lists only catalog services, and every service its text names', () => {
        const names = new Set(allServices().map(s => s.name));
        for (const s of d.services as string[]) assert.ok(names.has(s), `${s} is not a catalog name`);
        for (const m of findServices(fm.content, 'markdown')) assert.ok((d.services as string[]).includes(m.name), `text names ${m.name}`);
      });
      it('lists every URL of its text in links', () => {
        const urls = fm.content.match(/https?:\/\/[^\s>)]+/g) ?? [];
        for (const u of urls) assert.ok(((d.links as string[]) ?? []).includes(u), u);
      });
      it('starts with a # title and parses without problems', () => {
        assert.match(fm.content.trimStart(), /^# \S/);
        const r = parseNote(file, { source: 'bundled' });
        assert.deepEqual(r.problems, []);
        assert.ok(r.record && r.record.headings[0].level === 1);
      });
    });
  }

  it('hold every content line of the seed memo, in its own words', () => {
    const all = parsed.map(p => plain(p.file.text)).join('\n');
    const missing = readFixture('seed.txt')
      .split('\n')
      .map(l => l.trim().replace(/^- /, '').trim())
      .filter(l => l && l !== '-')
      .filter(l => !all.includes(l));
    assert.deepEqual(missing, []);
  });

  it('keep the author’s typos', () => {
    const all = files.map(f => f.text).join('\n');
    for (const typo of ['goldman saches', 'gravition', 'infrantia', 'shuffle sharding', 'vulunerable', 'takeways']) assert.ok(all.includes(typo), typo);
  });
});
