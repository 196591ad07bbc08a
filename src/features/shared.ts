// What the editor features share: the one notes index, its change event, the log, and how a note
// is addressed in the editor.
import * as vscode from 'vscode';
import type { NoteRecord, NotesIndex } from '../core/index';

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
}

/** The editor URI of a note: bundled notes live in the read-only notes scheme, user notes are files. */
export function noteUri(record: Pick<NoteRecord, 'key' | 'source' | 'path'>): vscode.Uri {
  if (record.source === 'bundled') return vscode.Uri.from({ scheme: NOTES_SCHEME, path: '/' + record.path });
  return vscode.Uri.parse(record.key);
}

/** The note key of an editor URI, when it is a note. */
export function noteKeyOf(uri: vscode.Uri, index: NotesIndex): string | undefined {
  if (uri.scheme === NOTES_SCHEME) {
    const key = uri.path.replace(/^\/+/, '');
    return index.has(key) ? key : undefined;
  }
  const key = uri.toString();
  return index.has(key) ? key : undefined;
}

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}
