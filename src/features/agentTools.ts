// Language model tools for agent mode (`#reinventNotes` in chat): search the notes, what they say
// about an AWS service, read a note. The answers are the core's (src/core/noteTools.ts), over the
// host's one index, so they see exactly what search sees: the bundled notes, plus the notes folders
// when the workspace is trusted.
import * as vscode from 'vscode';
import { readNoteTool, searchTool, serviceTool, type NoteLocator, type SearchToolInput, type ToolAnswer } from '../core/index';
import { type NotesHost, noteUri } from './shared';

/** Tool names, as package.json `languageModelTools` declares them. */
export const AGENT_TOOLS = { search: 'reinventNotes_search', service: 'reinventNotes_service', read: 'reinventNotes_readNote' } as const;

interface ServiceInput {
  service: string;
  limit?: number;
}

interface ReadInput {
  id: string;
  lang?: string;
}

/** The tools' answers without a chat session (the extension's API and the tests use it). */
export interface AgentTools {
  search(input: SearchToolInput): ToolAnswer;
  service(input: ServiceInput): ToolAnswer;
  read(input: ReadInput): ToolAnswer;
}

/** The editor URI of a note at a line (`#L12`), which chat renders as a link. */
const locate: NoteLocator = (note, line) => {
  const uri = noteUri(note);
  return (line ? uri.with({ fragment: `L${line}` }) : uri).toString();
};

function toResult(answer: ToolAnswer): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(answer.text)]);
}

function short(text: unknown): string {
  const s = typeof text === 'string' ? text.trim() : '';
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}

export function registerAgentTools(context: vscode.ExtensionContext, host: NotesHost): AgentTools {
  const tools: AgentTools = {
    search: input => searchTool(host.index, input ?? { query: '' }, locate),
    service: input => serviceTool(host.index, input ?? { service: '' }, locate),
    read: input => readNoteTool(host.index, input ?? { id: '' }, locate),
  };
  // hosts without language model tools (older or stripped-down builds) still get the rest
  if (typeof vscode.lm?.registerTool !== 'function') {
    host.log.info('language model tools are not available in this host');
    return tools;
  }
  try {
    context.subscriptions.push(
      vscode.lm.registerTool<SearchToolInput>(AGENT_TOOLS.search, {
        prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Searching the re:Invent notes for "{0}"', short(input.query)) }),
        invoke: ({ input }) => toResult(tools.search(input)),
      }),
      vscode.lm.registerTool<ServiceInput>(AGENT_TOOLS.service, {
        prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Looking up what the re:Invent notes say about {0}', short(input.service)) }),
        invoke: ({ input }) => toResult(tools.service(input)),
      }),
      vscode.lm.registerTool<ReadInput>(AGENT_TOOLS.read, {
        prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Reading the re:Invent note {0}', short(input.id)) }),
        invoke: ({ input }) => toResult(tools.read(input)),
      }),
    );
  } catch (e) {
    host.log.warn(`language model tools not registered: ${(e as Error).message}`);
  }
  return tools;
}
