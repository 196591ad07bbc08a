// Note documents: bundled notes open read-only from a virtual document provider (no file paths, so
// desktop, remote and web windows behave the same); user notes open as the files they are.
import * as vscode from 'vscode';
import { NOTES_SCHEME, type NoteTarget, type NotesHost, config, noteUri } from './shared';

class BundledNotesProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly host: NotesHost) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = uri.path.replace(/^\/+/, '');
    const note = this.host.index.note(key);
    if (!note) return vscode.l10n.t('This note is no longer available: {0}', key);
    return note.text;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Open a note at a line, selecting the matched text; in the preview when the setting says so. */
export async function openNote(host: NotesHost, target: NoteTarget): Promise<vscode.TextEditor | undefined> {
  const note = host.index.note(target.key);
  if (!note) {
    const shown = target.key.startsWith('file:') ? vscode.Uri.parse(target.key).fsPath : target.key;
    void vscode.window.showWarningMessage(vscode.l10n.t('The note {0} is no longer in the index.', shown));
    return undefined;
  }
  const uri = noteUri(note);
  if (config().get<string>('openMode', 'editor') === 'preview') {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = Math.min(Math.max((target.line ?? 1) - 1, 0), doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  const column = Math.min(Math.max(target.column ?? 0, 0), text.length);
  const end = Math.min(column + Math.max(target.length ?? 0, 0), text.length);
  const selection = new vscode.Selection(line, column, line, end);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export function registerNoteDocuments(context: vscode.ExtensionContext, host: NotesHost): void {
  const provider = new BundledNotesProvider(host);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(NOTES_SCHEME, provider),
    vscode.commands.registerCommand('reinventNotes.openNote', (target: NoteTarget | string, line?: number) =>
      openNote(host, typeof target === 'string' ? { key: target, line } : target),
    ),
  );
}
