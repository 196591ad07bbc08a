// The public API of the core: no `vscode` import anywhere below this folder, so plain Node (the
// CLI, the benchmark, the unit tests) and the browser use it as the extension does.
import { type NoteFile } from './notes';
import { NotesIndex } from './notesIndex';

export { openBundledNotes, bundledStamp } from './bundled';
export { findServices, type ServiceMention, type FindOptions } from './matcher';
export { allServices, serviceByName, canonicalServiceName, type ServiceInfo } from './catalog';
export { NotesIndex, offsetOfLine, type NoteSummary, type SearchHit, type MatchedText, type SearchOptions, type SerializedIndex, type ServiceMentionInNote } from './notesIndex';
export { parseNote, decodeNoteBytes, lineText, TRACKS, type NoteFile, type NoteRecord, type NoteProblem, type NoteKind, type Heading } from './notes';
export {
  RENDERING_LANGS, NOTE_LANGUAGE_SETTINGS, parseRendering, renderingOf, titleIn, renderedLine, originalLine, resolveNoteLanguage, isRenderingLang,
  type Rendering, type RenderingLang, type NoteLanguage,
} from './renderings';
export { tokenize, queryTerms, indexTerms } from './tokenizer';
export { normalize } from './normalize';
export { escapeMarkdown, commandUri } from './markdown';
export {
  parseFolderEntry, planSync, cacheMatches, newNoteTemplate, stamp, splitIndex, joinIndex, encodeCache, encodeCacheAsync, decodeCache, CACHE_FORMAT, NOTE_FILE,
  type FolderSpec, type FileStamp, type NotesCache, type SyncPlan,
} from './userNotes';

/** A NotesIndex over any notes: bad notes are skipped or degraded and reported, never thrown. */
export function buildNotesIndex(files: NoteFile[], options: { source?: 'bundled' | 'user' } = {}): NotesIndex {
  return NotesIndex.build(files, options);
}
export type { WorkerRequest, WorkerReply } from './workerProtocol';
