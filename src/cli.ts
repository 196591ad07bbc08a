// re:Invent Notes from the command line, over the same core as the extension.
//   node dist/cli.js search <query> [--json] [--limit N]
//   node dist/cli.js services <file> [--json]
//   node dist/cli.js sessions [--json]
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { findServices, openBundledNotes } from './core/index';

const USAGE = `usage:
  reinvent-notes search <query> [--json] [--limit N]   search the bundled notes
  reinvent-notes services <file> [--json]              AWS services a file names
  reinvent-notes sessions [--json]                     list the notes`;

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

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const limitAt = argv.indexOf('--limit');
  const limit = limitAt !== -1 ? Number(argv[limitAt + 1]) || 10 : 10;
  const args = argv.filter((a, i) => !a.startsWith('--') && !(limitAt !== -1 && i === limitAt + 1));
  const [command, ...rest] = args;
  const out = (s: string) => process.stdout.write(s + '\n');
  switch (command) {
    case 'search': {
      const query = rest.join(' ');
      if (!query.trim()) {
        process.stderr.write('search needs a query\n' + USAGE + '\n');
        return 2;
      }
      const hits = openBundledNotes().search(query, { limit });
      if (json) out(JSON.stringify(hits.map(h => ({ id: h.id, title: h.title, score: h.score, line: h.line, snippet: h.snippet })), null, 2));
      else if (!hits.length) out(`no notes match "${query}"`);
      else for (const h of hits) out(`${h.id.padEnd(16)} ${h.score.toFixed(2).padStart(7)}  ${h.path}:${h.line}  ${h.title}\n${' '.repeat(26)}${h.snippet}`);
      return 0;
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
      if (json) out(JSON.stringify(found, null, 2));
      else if (!found.length) out('no AWS services found');
      else for (const f of found) out(`${file}:${f.line}:${f.column}  ${f.name.padEnd(22)} ${f.text}`);
      return 0;
    }
    case 'sessions': {
      const notes = openBundledNotes().notes();
      if (json) out(JSON.stringify(notes.map(n => ({ id: n.id, title: n.title, title_en: n.title_en, kind: n.kind, track: n.track, services: n.services, path: n.path })), null, 2));
      else for (const n of notes) out(`${n.id.padEnd(17)} ${(n.track ?? n.kind).padEnd(16)} ${n.title}  (${n.title_en})`);
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
process.exitCode = main(process.argv.slice(2));
