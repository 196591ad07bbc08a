// The indexing worker (desktop extension host only: a Node worker thread, dist/notesWorker.js). It
// reads the user's note files itself, parses and indexes them with the bundled notes, and sends
// the serialized index back in lines (splitIndex) that the extension host loads between yields:
// the build of thousands of notes never runs on the extension host's event loop.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { type NoteFile, NotesIndex, decodeNoteBytes, encodeCache, splitIndex } from '../core/index';
import type { WorkerReply, WorkerRequest } from '../core/workerProtocol';

/** Files read and indexed together (each chunk's progress is reported). */
const CHUNK = 250;

const port = parentPort;
if (!port) throw new Error('notesWorker.js runs as a worker thread');

port.on('message', (request: WorkerRequest) => {
  try {
    const index = NotesIndex.load(request.bundled);
    index.prepareSearch();
    const { files, maxBytes } = request;
    let last = Date.now();
    // read a chunk, then index it at once (NotesIndex.upsertAll), so that progress moves as it goes
    for (let at = 0; at < files.length; at += CHUNK) {
      const chunk: NoteFile[] = [];
      for (const f of files.slice(at, at + CHUNK)) {
        let problem: string | undefined;
        try {
          const size = statSync(f.fsPath).size;
          if (size > maxBytes) problem = `it is ${(size / 1024 / 1024).toFixed(1)} MB; notes over ${maxBytes / 1024 / 1024} MB are not read`;
          else {
            const read = decodeNoteBytes(readFileSync(f.fsPath));
            if (read.text !== undefined) chunk.push({ key: f.key, path: f.path, text: read.text, ...(read.invalidUtf8 ? { invalidUtf8: true } : {}) });
            else problem = read.problem;
          }
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          problem = code === 'ENOENT' ? 'it was deleted or renamed while being indexed' : `it could not be read (${(e as Error).message})`;
        }
        if (problem) index.report(f.key, { path: f.path, severity: 'skipped', reason: problem });
      }
      index.upsertAll(chunk, 'user');
      const done = Math.min(at + CHUNK, files.length);
      if (Date.now() - last > 100 || done === files.length) {
        last = Date.now();
        port.postMessage({ type: 'progress', done, total: files.length } satisfies WorkerReply);
      }
    }
    const serialized = index.serialize();
    // the cache is written here too: serializing 10,000 notes would block the extension host
    let cacheError: string | undefined;
    if (request.cache) {
      try {
        mkdirSync(dirname(request.cache.fsPath), { recursive: true });
        writeFileSync(request.cache.fsPath, encodeCache({ ...request.cache.header, index: serialized }));
      } catch (e) {
        cacheError = (e as Error).message;
      }
    }
    port.postMessage({ type: 'done', parts: splitIndex(serialized), ...(cacheError ? { cacheError } : {}) } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error)?.stack ?? String(e) } satisfies WorkerReply);
  }
});
