// re:Invent 2019 Notes: the bundled notes (prebuilt index, no Markdown parsed at activation), the
// user's own notes folders, and one thin registration per editor feature.
import * as vscode from 'vscode';
import { findServices, openBundledNotes, type NotesIndex, type SearchOptions } from './core/index';
import { registerAgentTools, type AgentTools } from './features/agentTools';
import { registerHover } from './features/hover';
import { registerInThisFile } from './features/inThisFile';
import { registerNoteDocuments } from './features/noteDocuments';
import { registerSearch } from './features/search';
import { registerSessionsTree } from './features/sessionsTree';
import { registerSymbols } from './features/symbols';
import { registerUserNotes, type UserNotesHost } from './features/userNotes';
import { registerWalkthrough } from './features/walkthrough';

/** What the activated extension returns to other extensions and tests. */
export interface ReinventNotesApi {
  search(query: string, options?: SearchOptions): ReturnType<NotesIndex['search']>;
  notes(): ReturnType<NotesIndex['notes']>;
  findServices(text: string, languageId?: string): ReturnType<typeof findServices>;
  problems(): ReturnType<NotesIndex['problems']>;
  /** For tests and tools: the current index, the sessions tree, the user notes folders. */
  readonly index: NotesIndex;
  readonly tree: ReturnType<typeof registerSessionsTree>;
  readonly inThisFile: ReturnType<typeof registerInThisFile>;
  readonly userNotes: ReturnType<typeof registerUserNotes>;
  /** The language model tools' answers, callable without a chat session. */
  readonly agentTools: AgentTools;
  /** Milliseconds activation spent loading the bundled index. */
  readonly loadMs: number;
}

export function activate(context: vscode.ExtensionContext): ReinventNotesApi {
  const log = vscode.window.createOutputChannel('re:Invent Notes', { log: true });
  const t0 = Date.now();
  let index = openBundledNotes();
  const loadMs = Date.now() - t0;
  log.info(`loaded ${index.size} bundled notes in ${loadMs} ms (activation parses no Markdown)`);
  const changed = new vscode.EventEmitter<void>();
  const host: UserNotesHost = {
    get index() {
      return index;
    },
    setIndex: next => (index = next),
    log,
    onDidChangeNotes: changed.event,
    notesChanged: () => changed.fire(),
  };
  context.subscriptions.push(log, changed, vscode.commands.registerCommand('reinventNotes.showLog', () => log.show()));

  registerNoteDocuments(context, host);
  const tree = registerSessionsTree(context, host);
  registerSearch(context, host);
  registerHover(context, host);
  const inThisFile = registerInThisFile(context, host);
  const userNotes = registerUserNotes(context, host);
  const agentTools = registerAgentTools(context, host);
  registerSymbols(context, host);
  registerWalkthrough(context, host);
  // the tree and hovers use the notes at once; the search index loads right after activation
  const prepare = setTimeout(() => {
    const t = Date.now();
    index.prepareSearch();
    log.info(`search index ready in ${Date.now() - t} ms`);
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(prepare) });

  return {
    search: (query, options) => index.search(query, options),
    notes: () => index.notes(),
    findServices: (text, languageId) => findServices(text, languageId),
    problems: () => index.problems(),
    get index() {
      return index;
    },
    tree,
    inThisFile,
    userNotes,
    agentTools,
    loadMs,
  };
}

export function deactivate(): void {}
