// The renderings of the bundled notes in the readers' languages (notes/i18n/<lang>/<file>.md).
//
// A rendering is aligned with its original line by line: line N of its body renders line N of the
// original's body, so a line moves between the two by shifting it by the difference of the two
// front matters' lengths. The originals stay the notes of the index (keys, lines of search hits);
// a rendering is a second text of the same note, kept in its record.
import { parseNote, type NoteRecord } from './notes';

export const RENDERING_LANGS = ['en', 'zh-cn', 'ja'] as const;
export type RenderingLang = (typeof RENDERING_LANGS)[number];
/** What a reader reads a note in: a rendering, or the author's original. */
export type NoteLanguage = 'original' | RenderingLang;
export const NOTE_LANGUAGE_SETTINGS = ['auto', 'original', ...RENDERING_LANGS] as const;

export interface Rendering {
  lang: RenderingLang;
  /** The note's title in that language. */
  title: string;
  /** The whole rendering file (its own front matter, then the body aligned with the original's). */
  text: string;
  /** 1-based line of the rendering file where its body starts. */
  bodyLine: number;
  /** `notes/i18n/<lang>/<file>.md` */
  path: string;
}

export function isRenderingLang(value: unknown): value is RenderingLang {
  return typeof value === 'string' && (RENDERING_LANGS as readonly string[]).includes(value);
}

/** A rendering file → its title, text and body line (the same safe front-matter parser as the notes). */
export function parseRendering(path: string, text: string): { rendering?: Rendering; problem?: string } {
  const m = /^notes\/i18n\/([^/]+)\/[^/]+\.md$/.exec(path);
  if (!m || !isRenderingLang(m[1])) return { problem: `${path}: not a rendering path (notes/i18n/<en|zh-cn|ja>/<note>.md)` };
  const parsed = parseNote({ path, text }, { source: 'bundled' });
  const r = parsed.record;
  if (!r) return { problem: `${path}: ${parsed.problems.map(p => p.reason).join('; ')}` };
  if (parsed.problems.length) return { problem: `${path}: ${parsed.problems.map(p => p.reason).join('; ')}` };
  return { rendering: { lang: m[1], title: r.title, text: r.text, bodyLine: r.bodyLine, path } };
}

/** The rendering a reader of `lang` reads, when the note has one. */
export function renderingOf(note: Pick<NoteRecord, 'renderings'>, lang: NoteLanguage): Rendering | undefined {
  return lang === 'original' ? undefined : note.renderings?.[lang];
}

/** The note's title in `lang` (the original title when there is no rendering). */
export function titleIn(note: Pick<NoteRecord, 'renderings' | 'title'>, lang: NoteLanguage): string {
  return renderingOf(note, lang)?.title ?? note.title;
}

/** A 1-based line of the original → the same line of the rendering (front matter → its first body line). */
export function renderedLine(note: Pick<NoteRecord, 'bodyLine'>, rendering: Rendering, line: number): number {
  return Math.max(rendering.bodyLine, line - note.bodyLine + rendering.bodyLine);
}

/** A 1-based line of the rendering → the same line of the original. */
export function originalLine(note: Pick<NoteRecord, 'bodyLine'>, rendering: Rendering, line: number): number {
  return Math.max(note.bodyLine, line - rendering.bodyLine + note.bodyLine);
}

/**
 * The `reinventNotes.noteLanguage` setting → what the reader reads. `auto` follows VS Code's display
 * language (`vscode.env.language`): English, simplified Chinese or Japanese, and English for any other.
 */
export function resolveNoteLanguage(setting: unknown, displayLanguage: string): NoteLanguage {
  if (setting === 'original' || isRenderingLang(setting)) return setting;
  const l = (displayLanguage || '').toLowerCase();
  if (l === 'ja' || l.startsWith('ja-')) return 'ja';
  if (l === 'zh-cn' || l === 'zh-hans' || l === 'zh-sg' || l.startsWith('zh-hans-')) return 'zh-cn';
  return 'en';
}
