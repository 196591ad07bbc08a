// What the editor features share: the one notes index, its change event, the log, and how a note
// is addressed in the editor.
import * as vscode from 'vscode';
import {
  isRenderingLang, lineText, renderedLine, renderingOf, resolveNoteLanguage, titleIn,
  type NoteLanguage, type NoteRecord, type NotesIndex, type Rendering, type RenderingLang,
} from '../core/index';
import { readableLine } from '../core/markdown';

export const NOTES_SCHEME = 'reinvent-notes';
export const SECTION = 'reinventNotes';

export interface NotesHost {
  readonly index: NotesIndex;
  readonly log: vscode.LogOutputChannel;
  /** Fired after notes were added, changed or removed. */
  readonly onDidChangeNotes: vscode.Event<void>;
  notesChanged(): void;
}

/** Where to open a note: by key, optionally at a 1-based line with a selection. */
export interface NoteTarget {
  key: string;
  line?: number;
  column?: number;
  length?: number;
  /** The text `line`, `column` and `length` refer to: the original (default) or a rendering. */
  lang?: 'original' | RenderingLang;
  /** The version to open (default: the reader's language, `reinventNotes.noteLanguage`). */
  open?: NoteLanguage;
}

/** The editor URI of a note: bundled notes live in the read-only notes scheme, user notes are files. */
export function noteUri(record: Pick<NoteRecord, 'key' | 'source' | 'path'>): vscode.Uri {
  if (record.source === 'bundled') return vscode.Uri.from({ scheme: NOTES_SCHEME, path: '/' + record.path });
  return vscode.Uri.parse(record.key);
}

/** The editor URI of a note's rendering: `reinvent-notes:/notes/i18n/<lang>/<file>.md`. */
export function renderingUri(rendering: Rendering): vscode.Uri {
  return vscode.Uri.from({ scheme: NOTES_SCHEME, path: '/' + rendering.path });
}

/** A document of the notes scheme → the note's key and which of its texts it is. */
export function noteDocumentOf(uri: vscode.Uri): { key: string; lang: 'original' | RenderingLang } | undefined {
  if (uri.scheme !== NOTES_SCHEME) return undefined;
  const path = uri.path.replace(/^\/+/, '');
  const m = /^notes\/i18n\/([^/]+)\/([^/]+\.md)$/.exec(path);
  if (m) return isRenderingLang(m[1]) ? { key: `notes/${m[2]}`, lang: m[1] } : undefined;
  return { key: path, lang: 'original' };
}

/** The note key of an editor URI, when it is a note (or one of its renderings). */
export function noteKeyOf(uri: vscode.Uri, index: NotesIndex): string | undefined {
  if (uri.scheme === NOTES_SCHEME) {
    const key = noteDocumentOf(uri)?.key;
    return key && index.has(key) ? key : undefined;
  }
  const key = uri.toString();
  return index.has(key) ? key : undefined;
}

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** What the reader reads the bundled notes in: `reinventNotes.noteLanguage`, `auto` following VS Code's display language. */
export function readerLanguage(): NoteLanguage {
  return resolveNoteLanguage(config().get<string>('noteLanguage', 'auto'), vscode.env.language);
}

/** How lists name a note: its code and its title in `lang` (a topic note: its title alone). */
export function noteLabel(note: NoteRecord, lang: NoteLanguage): string {
  const title = titleIn(note, lang);
  return note.kind === 'topic' || note.kind === 'event' || note.id === note.title ? title : `${note.id}  ${title}`;
}

/** A line of Markdown as plain text: leading markers, emphasis and code marks, and link targets removed. */
export function plainLine(line: string, max = 160): string {
  const text = readableLine(line)
    .replace(/^\s*(?:(?:#{1,6}|[-*+>]|\d+[.)])\s+)*/, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Line `line` (1-based, of the original) as the reader of `lang` reads it: the rendering's aligned line when there is one. */
export function noteLineIn(note: NoteRecord, line: number, lang: NoteLanguage): { lang: 'original' | RenderingLang; line: number; text: string; original: string } {
  const original = plainLine(lineText(note.text, line));
  const rendering = renderingOf(note, lang);
  if (!rendering) return { lang: 'original', line, text: original, original };
  const at = renderedLine(note, rendering, line);
  return { lang: rendering.lang, line: at, text: plainLine(lineText(rendering.text, at)), original };
}
