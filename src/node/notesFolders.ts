// The user's notes folders read in plain Node, for the CLI and the MCP server: every .md file under
// each folder, added to the bundled notes (read-only; nothing is written). A file that cannot be read
// or parsed is reported, never thrown.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type NoteFile, decodeNoteBytes, openBundledNotes, type NotesIndex } from '../core/index';

const MAX_FILES = 20_000;
const MAX_BYTES = 20 * 1024 * 1024;

export interface FolderProblem {
  path: string;
  reason: string;
}

function markdownFiles(dir: string, out: string[], problems: FolderProblem[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, reason: (e as Error).message });
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES) return;
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) markdownFiles(full, out, problems);
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(full);
  }
}

/** The bundled notes plus every Markdown note in `folders`. */
export function openNotes(folders: string[] = []): { index: NotesIndex; problems: FolderProblem[] } {
  const index = openBundledNotes();
  const problems: FolderProblem[] = [];
  for (const folder of folders) {
    const dir = resolve(folder);
    const files: string[] = [];
    try {
      if (!statSync(dir).isDirectory()) {
        problems.push({ path: dir, reason: 'not a folder' });
        continue;
      }
    } catch (e) {
      problems.push({ path: dir, reason: (e as Error).message });
      continue;
    }
    markdownFiles(dir, files, problems);
    const read: NoteFile[] = [];
    for (const file of files) {
      try {
        if (statSync(file).size > MAX_BYTES) {
          problems.push({ path: file, reason: 'larger than 20 MB' });
          continue;
        }
        const decoded = decodeNoteBytes(readFileSync(file));
        if (decoded.text === undefined) {
          problems.push({ path: file, reason: decoded.problem ?? 'unreadable' });
          continue;
        }
        read.push({ path: file, key: file, text: decoded.text });
      } catch (e) {
        problems.push({ path: file, reason: (e as Error).message });
      }
    }
    index.upsertAll(read, 'user');
  }
  for (const p of index.problems()) if (p.severity === 'skipped') problems.push({ path: p.path, reason: p.reason });
  return { index, problems };
}
