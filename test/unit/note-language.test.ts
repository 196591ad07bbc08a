// What a reader reads: the noteLanguage setting and VS Code's display language, and lines moving
// between an original and its rendering.
import * as assert from 'node:assert/strict';
import { buildNotesIndex } from '../../src/core/index';
import { lineText } from '../../src/core/notes';
import { originalLine, parseRendering, renderedLine, renderingOf, resolveNoteLanguage, titleIn } from '../../src/core/renderings';

describe('note language', () => {
  it('auto follows the display language: en, zh-cn, ja, and English for any other', () => {
    const cases: [string, string][] = [
      ['en', 'en'], ['en-us', 'en'], ['en-GB', 'en'],
      ['zh-cn', 'zh-cn'], ['zh-CN', 'zh-cn'], ['zh-hans', 'zh-cn'],
      ['ja', 'ja'], ['ja-JP', 'ja'],
      ['de', 'en'], ['fr', 'en'], ['ko', 'en'], ['pt-br', 'en'], ['zh-tw', 'en'], ['', 'en'],
    ];
    for (const [display, want] of cases) assert.equal(resolveNoteLanguage('auto', display), want, display);
    assert.equal(resolveNoteLanguage(undefined, 'ja'), 'ja');
    assert.equal(resolveNoteLanguage('bogus', 'zh-cn'), 'zh-cn');
  });

  it('an explicit setting wins over the display language', () => {
    assert.equal(resolveNoteLanguage('original', 'ja'), 'original');
    assert.equal(resolveNoteLanguage('en', 'ja'), 'en');
    assert.equal(resolveNoteLanguage('zh-cn', 'en'), 'zh-cn');
    assert.equal(resolveNoteLanguage('ja', 'de'), 'ja');
  });

  it('a rendering keeps its title, and lines map both ways by the front matters\' lengths', () => {
    const original = ['---', 'id: X1', 'title: 原题', 'title_en: Original', 'kind: topic', '---', '', '# 原题', '', '- 第一行', '- 第二行', ''].join('\n');
    const en = ['---', 'id: X1', 'lang: en', 'title: "The title"', '---', '', '# The title', '', '- first line', '- second line', ''].join('\n');
    const { rendering, problem } = parseRendering('notes/i18n/en/X1.md', en);
    assert.equal(problem, undefined);
    assert.ok(rendering);
    assert.equal(rendering.title, 'The title');
    const index = buildNotesIndex([{ path: 'notes/X1.md', text: original, renderings: [rendering] }], { source: 'bundled' });
    const note = index.note('notes/X1.md')!;
    assert.equal(titleIn(note, 'en'), 'The title');
    assert.equal(titleIn(note, 'ja'), '原题', 'no ja rendering: the original title');
    const r = renderingOf(note, 'en')!;
    const line = 11; // "- 第二行"
    assert.equal(lineText(note.text, line), '- 第二行');
    const there = renderedLine(note, r, line);
    assert.equal(lineText(r.text, there), '- second line');
    assert.equal(originalLine(note, r, there), line);
    assert.equal(renderedLine(note, r, 2), r.bodyLine, 'a front matter line goes to the first body line');
    assert.equal(renderingOf(note, 'original'), undefined);
  });

  it('renderings survive serialize → load', () => {
    const original = ['---', 'id: X2', 'title: 题', 'kind: topic', '---', '# 题', '- 行'].join('\n');
    const ja = ['---', 'id: X2', 'lang: ja', 'title: 題名', '---', '# 題名', '- 行です'].join('\n');
    const { rendering } = parseRendering('notes/i18n/ja/X2.md', ja);
    const index = buildNotesIndex([{ path: 'notes/X2.md', text: original, renderings: [rendering!] }], { source: 'bundled' });
    const loaded = (index.constructor as typeof import('../../src/core/notesIndex').NotesIndex).load(JSON.stringify(index.serialize()));
    assert.equal(renderingOf(loaded.note('notes/X2.md')!, 'ja')?.title, '題名');
  });

  it('refuses a rendering outside notes/i18n/<en|zh-cn|ja>/', () => {
    assert.match(parseRendering('notes/i18n/de/X.md', '---\ntitle: x\n---\n').problem ?? '', /not a rendering path/);
    assert.match(parseRendering('notes/X.md', '---\ntitle: x\n---\n').problem ?? '', /not a rendering path/);
  });
});
