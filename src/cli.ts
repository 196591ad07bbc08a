// re:Invent Notes from the command line, over the same core as the extension.
//   node dist/cli.js search <query> [--json] [--limit N] [--notes-folder dir]…
//   node dist/cli.js services <file> [--json] [--notes-folder dir]…
//   node dist/cli.js sessions [--json] [--notes-folder dir]…
//   node dist/cli.js mcp [--notes-folder dir]…              an MCP server on stdin/stdout
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { QUERY_SYNTAX_HELP, findServices, searchNotes } from './core/index';
import { serveMcp } from './mcp';
import { openNotes } from './node/notesFolders';

const USAGE = `usage:
  reinvent-notes search <query> [--json] [--limit N]   search the notes (query syntax below)
  reinvent-notes services <file> [--json]              AWS services a file names, and the notes about them
  reinvent-notes sessions [--json]                     list the notes
  reinvent-notes mcp                                   serve the notes to an MCP client over stdio
every command: --notes-folder <dir> (repeatable) adds your own Markdown notes, read-only
query syntax:
${QUERY_SYNTAX_HELP.replace(/^/gm, '  ')}`;

/** VS Code language id of a file, from its extension (what the hover would get). */
export function languageOf(path: string): string {
  const ext = extname(path).toLowerCase();
  const map: Record<string, string> = {
    '.ts': 'typescript', '.tsx': 'typescriptreact', '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
    '.jsx': 'javascriptreact', '.py': 'python', '.tf': 'terraform', '.hcl': 'hcl', '.yaml': 'yaml', '.yml': 'yaml',
    '.json': 'json', '.md': 'markdown', '.markdown': 'markdown', '.txt': 'plaintext', '.go': 'go', '.java': 'java',
    '.cs': 'csharp', '.rb': 'ruby', '.sh': 'shellscript', '.rs': 'rust', '.kt': 'kotlin', '.php': 'php', '.sql': 'sql',
  };
  return map[ext] ?? 'plaintext';
}

function main(argv: string[]): number | Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  const limit = Number(values.limit) > 0 ? Math.min(Math.floor(Number(values.limit)), 1000) : 10;
  const [command, ...rest] = positionals;
  const out = (s: string) => process.stdout.write(s + '\n');
  const notes = () => {
    const { index, problems } = openNotes(values['notes-folder'] ?? []);
    for (const p of problems) process.stderr.write(`notes folder: ${p.path}: ${p.reason}\n`);
    return index;
  };
  switch (command) {
    case 'search': {
      const query = rest.join(' ');
      if (!query.trim()) {
        process.stderr.write('search needs a query\n' + USAGE + '\n');
        return 2;
      }
      const { hits, problems } = searchNotes(notes(), query, { limit });
      for (const p of problems) process.stderr.write(`query: ${p.message}\n`);
      if (json) out(JSON.stringify(hits.map(h => ({ id: h.id, title: h.title, score: h.score, line: h.line, snippet: h.snippet, path: h.path })), null, 2));
      else if (!hits.length) out(`no notes match "${query}"`);
      else for (const h of hits) out(`${h.id.padEnd(16)} ${h.score.toFixed(2).padStart(7)}  ${h.path}:${h.line}  ${h.title}\n${' '.repeat(26)}${h.snippet}`);
      return problems.some(p => p.code !== 'unknown-value') && !hits.length ? 1 : 0;
    }
    case 'mcp': {
      const index = notes();
      process.stderr.write(`re:Invent Notes MCP server: ${index.size} notes, on stdio\n`);
      return serveMcp(index).then(() => 0);
    }
    case 'services': {
      const file = rest[0];
      if (!file) {
        process.stderr.write('services needs a file\n' + USAGE + '\n');
        return 2;
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
        return 1;
      }
      const found = findServices(text, languageOf(file)).map(m => {
        const before = text.slice(0, m.start);
        const line = before.split('\n').length;
        const column = m.start - (before.lastIndexOf('\n') + 1) + 1;
        return { name: m.name, start: m.start, end: m.end, line, column, text: text.slice(m.start, m.end) };
      });
      // the notes that mention each service (bundled and --notes-folder)
      const index = found.length ? notes() : undefined;
      const about = new Map<string, string[]>();
      for (const f of found) if (index && !about.has(f.name)) about.set(f.name, index.mentionsOf(f.name).map(m => m.note.id));
      if (json) out(JSON.stringify(found.map(f => ({ ...f, notes: about.get(f.name) ?? [] })), null, 2));
      else if (!found.length) out('no AWS services found');
      else for (const f of found) out(`${file}:${f.line}:${f.column}  ${f.name.padEnd(22)} ${f.text}${about.get(f.name)?.length ? `  (notes: ${about.get(f.name)?.join(', ')})` : ''}`);
      return 0;
    }
    case 'sessions': {
      const list = notes().notes();
      if (json) out(JSON.stringify(list.map(n => ({ id: n.id, title: n.title, title_en: n.title_en, kind: n.kind, track: n.track, services: n.services, path: n.path })), null, 2));
      else for (const n of list) out(`${n.id.padEnd(17)} ${(n.track ?? n.kind).padEnd(16)} ${n.title}  (${n.title_en})`);
      return 0;
    }
    default:
      process.stderr.write(USAGE + '\n');
      return command ? 2 : 0;
  }
}

// `reinvent-notes sessions | head` closes the pipe early: that is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
/**
 * Options (--json, --limit N, --notes-folder dir, also as --name=value) and the words around them.
 * A single dash is a word, not an option: `search lambda -kubernetes` excludes a word; `--` ends options.
 */
function parse(argv: string[]): { values: { json?: boolean; limit?: string; 'notes-folder'?: string[] }; positionals: string[] } {
  const values: { json?: boolean; limit?: string; 'notes-folder'?: string[] } = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (name === 'json' && eq === -1) {
      values.json = true;
      continue;
    }
    if (name !== 'limit' && name !== 'notes-folder') throw new Error(`unknown option ${arg}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new Error(`${arg} needs a value`);
    if (name === 'limit') values.limit = value;
    else (values['notes-folder'] ??= []).push(value);
  }
  return { values, positionals };
}

void Promise.resolve(main(process.argv.slice(2))).then(
  code => {
    process.exitCode = code;
  },
  e => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
