// Note documents: bundled notes open read-only from a virtual document provider (no file paths, so
// desktop, remote and web windows behave the same); user notes open as the files they are. A
// bundled note opens in the reader's language (`reinventNotes.noteLanguage`): its rendering,
// `reinvent-notes:/notes/i18n/<lang>/<file>.md`, aligned line by line with the original, and an
// editor-title action switches between the two at the same line.
import * as vscode from 'vscode';
import { lineText, originalLine, renderedLine, renderingOf, type NoteLanguage, type NoteRecord, type RenderingLang } from '../core/index';
import {
  NOTES_SCHEME, type NoteTarget, type NotesHost, config, noteDocumentOf, noteUri, readerLanguage, renderingUri,
} from './shared';

class BundledNotesProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly host: NotesHost) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const doc = noteDocumentOf(uri);
    const key = doc?.key ?? uri.path.replace(/^\/+/, '');
    const note = this.host.index.has(key) ? this.host.index.note(key) : undefined;
    if (!note || !doc) return vscode.l10n.t('This note is no longer available: {0}', key);
    if (doc.lang === 'original') return note.text;
    return renderingOf(note, doc.lang)?.text ?? vscode.l10n.t('This note is no longer available: {0}', uri.path.replace(/^\/+/, ''));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The line of `from`'s text `line` in the text `to` of the same note (1-based). */
function lineBetween(note: NoteRecord, from: 'original' | RenderingLang, to: 'original' | RenderingLang, line: number): number {
  if (from === to) return line;
  const source = from === 'original' ? undefined : renderingOf(note, from);
  const orig = source ? originalLine(note, source, line) : line;
  const target = to === 'original' ? undefined : renderingOf(note, to);
  return target ? renderedLine(note, target, orig) : orig;
}

/**
 * Open a note at a line, selecting the matched text; in the preview when the setting says so. A
 * bundled note opens in `target.open` (default: the reader's language) when it has that rendering;
 * a line of another text moves to the aligned line, where the matched text is selected when that
 * line has it too (codes and service names stay as written), else the line.
 */
export async function openNote(host: NotesHost, target: NoteTarget): Promise<vscode.TextEditor | undefined> {
  const note = host.index.note(target.key);
  if (!note) {
    const shown = target.key.startsWith('file:') ? vscode.Uri.parse(target.key).fsPath : target.key;
    void vscode.window.showWarningMessage(vscode.l10n.t('The note {0} is no longer in the index.', shown));
    return undefined;
  }
  const from = target.lang ?? 'original';
  const rendering = renderingOf(note, target.open ?? readerLanguage());
  const to = rendering?.lang ?? 'original';
  const uri = rendering ? renderingUri(rendering) : noteUri(note);
  if (config().get<string>('openMode', 'editor') === 'preview') {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const wanted = lineBetween(note, from, to, target.line ?? 1);
  const line = Math.min(Math.max(wanted - 1, 0), doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  let column = Math.min(Math.max(target.column ?? 0, 0), text.length);
  let end = Math.min(column + Math.max(target.length ?? 0, 0), text.length);
  if (from !== to && target.line !== undefined) {
    const fromLine = lineText(from === 'original' ? note.text : renderingOf(note, from)?.text ?? note.text, target.line);
    const matched = (target.length ?? 0) > 0 ? fromLine.slice(target.column ?? 0, (target.column ?? 0) + (target.length ?? 0)) : '';
    const at = matched ? text.toLowerCase().indexOf(matched.toLowerCase()) : -1;
    [column, end] = at >= 0 ? [at, at + matched.length] : [text.length - text.trimStart().length, text.trimEnd().length];
    if (!(target.length ?? 0)) end = column; // nothing was matched on the line: the cursor at its start
  }
  const selection = new vscode.Selection(line, column, line, end);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Which node of a view, or the active editor, a command was run on → a note and a line of its original. */
function targetOf(host: NotesHost, arg: unknown): { key: string; line?: number } | undefined {
  const node = arg as { type?: string; key?: string; heading?: { line: number }; mention?: { note: { key: string }; line: number } } | undefined;
  if (node?.type === 'note' && node.mention) return { key: node.mention.note.key, line: node.mention.line };
  if ((node?.type === 'note' || node?.type === 'heading') && node.key) return { key: node.key, line: node.heading?.line };
  if (arg instanceof vscode.Uri || arg === undefined) {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.uri;
    const doc = uri && noteDocumentOf(uri);
    const note = doc && host.index.note(doc.key);
    if (!doc || !note) return undefined;
    const line = editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active.line + 1 : 1;
    return { key: doc.key, line: lineBetween(note, doc.lang, 'original', line) };
  }
  return undefined;
}

/** Switch the active note between its rendering and its original, at the same line. */
async function switchVersion(host: NotesHost, open: NoteLanguage | 'reader', arg: unknown): Promise<vscode.TextEditor | undefined> {
  const target = targetOf(host, arg);
  if (!target) return undefined;
  const lang = open === 'reader' ? readerLanguage() : open;
  const note = host.index.note(target.key);
  // from the original, "in my language" means the reader's rendering, or English when the reader reads originals
  const version: NoteLanguage = lang === 'original' && open === 'reader' && note && renderingOf(note, 'en') ? 'en' : lang;
  return openNote(host, { key: target.key, line: target.line, open: version });
}

export function registerNoteDocuments(context: vscode.ExtensionContext, host: NotesHost): void {
  const provider = new BundledNotesProvider(host);
  // which version of a note the active editor shows, for the editor-title switch
  const version = (editor: vscode.TextEditor | undefined) => {
    const doc = editor && noteDocumentOf(editor.document.uri);
    const value = !doc || !host.index.has(doc.key) ? undefined : doc.lang === 'original' ? (host.index.note(doc.key)?.renderings ? 'original' : undefined) : 'rendering';
    void vscode.commands.executeCommand('setContext', 'reinventNotes.noteVersion', value);
  };
  version(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(version),
    provider,
    vscode.workspace.registerTextDocumentContentProvider(NOTES_SCHEME, provider),
    vscode.commands.registerCommand('reinventNotes.openNote', (target: NoteTarget | string, line?: number) =>
      openNote(host, typeof target === 'string' ? { key: target, line } : target),
    ),
    vscode.commands.registerCommand('reinventNotes.openOriginal', (arg?: unknown) => switchVersion(host, 'original', arg)),
    vscode.commands.registerCommand('reinventNotes.openRendering', (arg?: unknown) => switchVersion(host, 'reader', arg)),
  );
}
