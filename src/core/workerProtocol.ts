// Messages between the extension host and the indexing worker (src/worker/notesWorker.ts).
import type { NotesCache, splitIndex } from './userNotes';

export interface WorkerRequest {
  /** The bundled notes' prebuilt index (bundledIndexText()): the user's notes are indexed with them. */
  bundled: string;
  /** The note files to index: key in the index, path shown to users, path on disk. */
  files: { key: string; path: string; fsPath: string }[];
  /** Files larger than this are reported, not read. */
  maxBytes: number;
  /** Where the worker writes the cache of the index it built (encodeCache), with the cache's header. */
  cache?: { fsPath: string; header: Omit<NotesCache, 'index'> };
}

export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; parts: ReturnType<typeof splitIndex>; cacheError?: string }
  | { type: 'error'; message: string };
