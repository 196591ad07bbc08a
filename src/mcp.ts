// The notes as an MCP server (stdio), over the same core as the editor: `node dist/cli.js mcp
// [--notes-folder dir]…`. Three tools (search, what the notes say about a service, read a note) and
// every note as a resource, reinvent-notes://note/<id>. Read-only.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { QUERY_SYNTAX_HELP, TRACKS, type NotesIndex } from './core/index';
import { TOOL_LIMIT_MAX, readNoteTool, searchTool, serviceTool, noteRendering, type NoteLocator, type SearchToolInput, type ToolAnswer } from './core/noteTools';

export const MCP_SCHEME = 'reinvent-notes';
export const MCP_TOOLS = { search: 'search_notes', service: 'service_mentions', read: 'read_note' } as const;

/** The resource URI of a note (by id), with the line as a fragment. */
export const resourceUri: NoteLocator = (note, line) => `${MCP_SCHEME}://note/${encodeURIComponent(note.id)}${line ? `#L${line}` : ''}`;

function result(answer: ToolAnswer) {
  return { content: [{ type: 'text' as const, text: answer.text }], ...(answer.ok ? {} : { isError: true }) };
}

interface ToolConfig {
  title: string;
  description: string;
  inputSchema: z.ZodRawShape;
  annotations: { readOnlyHint: boolean; openWorldHint: boolean };
}

/**
 * registerTool with the arguments typed by the caller: the SDK validates them against the zod shape
 * before the handler runs (bad arguments answer an error result); its own generic types instantiate
 * too deeply for the compiler with these shapes.
 */
function addTool<T>(server: McpServer, name: string, config: ToolConfig, handler: (args: T) => ToolAnswer): void {
  const register = server.registerTool.bind(server) as unknown as (n: string, c: ToolConfig, cb: (args: unknown) => ReturnType<typeof result>) => void;
  register(name, config, args => result(handler(args as T)));
}

export function createMcpServer(index: NotesIndex, version = '0.1.0'): McpServer {
  const server = new McpServer(
    { name: 'reinvent-notes', title: 're:Invent 2019 Notes', version },
    {
      instructions:
        'Notes from AWS re:Invent 2019 sessions and keynotes, in Chinese, Japanese and English. Search them ' +
        `(${MCP_TOOLS.search}), list what they say about an AWS service (${MCP_TOOLS.service}), and read a note ` +
        `(${MCP_TOOLS.read}, or the resource reinvent-notes://note/<id>). Quote the note id and line.`,
    },
  );

  addTool<SearchToolInput>(
    server,
    MCP_TOOLS.search,
    {
      title: 'Search re:Invent notes',
      description:
        'Search the re:Invent 2019 session notes (English, Chinese, Japanese; AWS service names in any spelling). ' +
        'Returns the matching notes with id, titles, the best line and its text. Query syntax:\n' + QUERY_SYNTAX_HELP,
      inputSchema: {
        query: z.string().max(512).describe('What to look for, in the query syntax; may be only filters, e.g. "track:containers"'),
        limit: z.number().int().min(1).max(TOOL_LIMIT_MAX).optional().describe('Most notes returned (default 10)'),
        track: z.string().max(64).optional().describe(`Only notes of this track: ${TRACKS.join(', ')}`),
        service: z.string().max(128).optional().describe('Only notes about this AWS service (any name or alias)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    args => searchTool(index, args, resourceUri),
  );

  addTool<{ service: string; limit?: number }>(
    server,
    MCP_TOOLS.service,
    {
      title: 'What the notes say about an AWS service',
      description: 'Every line of the re:Invent notes that mentions an AWS service (any name, alias or code form such as AWS::DynamoDB::Table), with its note and line.',
      inputSchema: {
        service: z.string().min(1).max(128).describe('The AWS service, e.g. Fargate, "Amazon EKS", dynamodb'),
        limit: z.number().int().min(1).max(500).optional().describe('Most mentions returned (default 100)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    args => serviceTool(index, args, resourceUri),
  );

  addTool<{ id: string; lang?: string }>(
    server,
    MCP_TOOLS.read,
    {
      title: 'Read a re:Invent note',
      description: 'The whole text of a note by its id (e.g. ARC411-R, KYN202), with its metadata. `lang` (en, zh-cn, ja) asks for a rendering in that language when one exists; otherwise the original is returned.',
      inputSchema: {
        id: z.string().min(1).max(200).describe('The note id, as search results give it'),
        lang: z.enum(['en', 'zh-cn', 'ja']).optional().describe('Read the note in this language (every bundled note has an en, zh-cn and ja rendering); omit for the original'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    args => readNoteTool(index, args, resourceUri),
  );

  server.registerResource(
    'note',
    new ResourceTemplate(`${MCP_SCHEME}://note/{id}`, {
      list: () => ({
        resources: index.notes().map(n => ({
          uri: resourceUri(n),
          name: n.id,
          title: n.title_en && n.title_en !== n.title ? `${n.title} (${n.title_en})` : n.title,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { id: value => index.notes().map(n => n.id).filter(id => id.toLowerCase().startsWith(String(value).toLowerCase())).slice(0, 100) },
    }),
    { title: 're:Invent note', description: 'A note in Markdown, by id (?lang=en|zh-cn|ja for its rendering in that language)', mimeType: 'text/markdown' },
    (uri, variables) => {
      const raw = Array.isArray(variables.id) ? variables.id[0] : variables.id;
      const id = decodeURIComponent(String(raw ?? '').replace(/[?#].*$/, ''));
      const r = index.note(id) ?? index.notes().map(n => index.note(n.key)).find(n => n?.id === id);
      if (!r) throw new Error(`no note has the id ${JSON.stringify(id)}`);
      const lang = uri.searchParams.get('lang') ?? undefined;
      const text = (lang ? noteRendering(r, lang) : undefined) ?? r.text;
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
  return server;
}

/** Serve over stdin/stdout until the client closes. Logs go to stderr (stdout is the protocol). */
export async function serveMcp(index: NotesIndex, version?: string): Promise<void> {
  const server = createMcpServer(index, version);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  await new Promise<void>(resolve => {
    server.server.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.close().catch(() => undefined);
}
