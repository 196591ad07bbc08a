// The public API of the core: no `vscode` import anywhere below this folder, so plain Node (the
// CLI, the benchmark, the unit tests) and the browser use it as the extension does.
import { type NoteFile } from './notes';
import { NotesIndex } from './notesIndex';

export { openBundledNotes, bundledIndexText, bundledStamp } from './bundled';
export { findServices, scanDocument, documentContext, type ServiceMention, type FindOptions, type DocumentContext } from './matcher';
export { CONTEXT_CHARS } from './context';
export { allServices, serviceByName, canonicalServiceName, type ServiceInfo } from './catalog';
export { NotesIndex, offsetOfLine, type NoteSummary, type SearchHit, type MatchedText, type SearchOptions, type SerializedIndex, type ServiceMentionInNote } from './notesIndex';
export { parseNote, decodeNoteBytes, lineText, TRACKS, type NoteFile, type NoteRecord, type NoteProblem, type NoteKind, type Heading } from './notes';
export {
  RENDERING_LANGS, NOTE_LANGUAGE_SETTINGS, parseRendering, renderingOf, titleIn, renderedLine, originalLine, resolveNoteLanguage, isRenderingLang,
  type Rendering, type RenderingLang, type NoteLanguage,
} from './renderings';
export { tokenize, queryTerms, indexTerms } from './tokenizer';
export { normalize } from './normalize';
export { parseQuery, isEmptyQuery, FILTER_NAMES, type ParsedQuery, type QueryFilter, type QuerySyntaxError, type FilterName } from './querySyntax';
export { searchTool, serviceTool, readNoteTool, resolveService, noteRendering, type NoteLocator, type ToolAnswer, type SearchToolInput } from './noteTools';
export { searchNotes, QUERY_SYNTAX_HELP, type NotesSearchOptions, type NotesSearchResult, type QueryProblem } from './querySearch';
export { escapeMarkdown, commandUri } from './markdown';
export {
  parseFolderEntry, planSync, cacheMatches, newNoteTemplate, stamp, splitIndex, joinIndex, encodeCache, encodeCacheAsync, decodeCache, readTexts, CACHE_FORMAT, NOTE_FILE,
  type FolderSpec, type FileStamp, type NotesCache, type SyncPlan,
} from './userNotes';

/** A NotesIndex over any notes: bad notes are skipped or degraded and reported, never thrown. */
export function buildNotesIndex(files: NoteFile[], options: { source?: 'bundled' | 'user' } = {}): NotesIndex {
  return NotesIndex.build(files, options);
}
export type { WorkerRequest, WorkerReply } from './workerProtocol';
