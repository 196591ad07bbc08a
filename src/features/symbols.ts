// Go to Symbol in Workspace (Ctrl+T): the notes, their headings and the lines the search finds, from
// the one index. It stays out of the way of code symbols: queries of two characters or more, at most
// 50 results.
import * as vscode from 'vscode';
import { normalize, renderedLine, renderingOf, titleIn, type NoteLanguage, type NoteRecord } from '../core/index';
import { readableLine } from '../core/markdown';
import { type NotesHost, noteLineIn, noteUri, readerLanguage, renderingUri } from './shared';
import { groupLabel } from './sessionsTree';

export const MIN_SYMBOL_QUERY = 2;
export const MAX_SYMBOLS = 50;

/** The note's title in the reader's language first, then the author's title when it differs. */
function titlesFor(r: NoteRecord, lang: NoteLanguage): [primary: string, other: string] {
  const primary = titleIn(r, lang);
  const other = primary !== r.title ? r.title : r.title_en && r.title_en !== r.title ? r.title_en : '';
  return [primary, other];
}

/** Where a line of the note opens: in the reader's rendering, at the aligned line, when there is one. */
function locationOf(r: NoteRecord, line: number, lang: NoteLanguage | 'original'): vscode.Location {
  const rendering = renderingOf(r, lang);
  if (!rendering) return new vscode.Location(noteUri(r), new vscode.Position(Math.max(0, line - 1), 0));
  return new vscode.Location(renderingUri(rendering), new vscode.Position(renderedLine(r, rendering, line) - 1, 0));
}

function holdsAll(text: string, words: string[]): boolean {
  const n = normalize(text);
  return words.every(w => n.includes(w));
}

export class NoteSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly host: NotesHost) {}

  provideWorkspaceSymbols(query: string): vscode.SymbolInformation[] {
    const q = typeof query === 'string' ? query.trim() : '';
    if ([...q].length < MIN_SYMBOL_QUERY) return [];
    const words = normalize(q).split(/[\s\u3000]+/).filter(Boolean);
    const index = this.host.index;
    const lang = readerLanguage();
    const out: vscode.SymbolInformation[] = [];
    const seen = new Set<string>();
    const records = index.notes().map(n => index.note(n.key)).filter((r): r is NoteRecord => r !== undefined);
    /** A note (no `label`), a heading, or a matching line (`label` its text, under `heading`). */
    const add = (r: NoteRecord, line: number, label?: string, kind = vscode.SymbolKind.String, under?: string, opensIn: NoteLanguage = lang) => {
      const key = `${r.key}#${line}`;
      if (out.length >= MAX_SYMBOLS || seen.has(key)) return;
      seen.add(key);
      const [primary, other] = titlesFor(r, lang);
      const name = label ?? `${r.id}${r.id !== primary ? ` ${primary}` : ''}`;
      const container = label
        ? [under, `${r.id} ${primary}`].filter(Boolean).join(' · ')
        : [other, r.track ? groupLabel(r.track) : ''].filter(Boolean).join(' · ');
      out.push(new vscode.SymbolInformation(name, label ? kind : vscode.SymbolKind.File, container, locationOf(r, line, opensIn)));
    };
    const titleLine = (r: NoteRecord) => r.headings.find(h => h.level === 1)?.line ?? r.bodyLine;
    // 1. notes by id, then by title (the reader's, the original or the English one)
    for (const r of records) if (holdsAll(r.id, words)) add(r, titleLine(r));
    for (const r of records) if (holdsAll(`${titleIn(r, lang)} ${r.title} ${r.title_en}`, words)) add(r, titleLine(r));
    // 2. headings that hold the query, named in the reader's language (as written when the query matched only the original)
    for (const r of records) {
      for (const h of r.headings) {
        if (h.level <= 1) continue;
        const shown = noteLineIn(r, h.line, lang).text;
        if (holdsAll(shown, words)) add(r, h.line, shown);
        else if (holdsAll(h.text, words)) add(r, h.line, h.text, undefined, undefined, 'original');
      }
    }
    // 3. the search: the matching line, named by its text (Ctrl+T shows only symbols whose name matches what was typed)
    if (out.length < MAX_SYMBOLS) {
      for (const hit of index.search(q, { limit: MAX_SYMBOLS })) {
        const r = index.note(hit.key);
        if (!r) continue;
        const heading = r.headings.find(h => h.line === hit.line);
        if (heading || hit.line < r.bodyLine) {
          add(r, heading?.line ?? titleLine(r), heading && heading.level > 1 ? heading.text : undefined);
          continue;
        }
        const above = [...r.headings].reverse().find(h => h.line < hit.line);
        // named by the text that matched (Ctrl+T hides a name without the typed words), opened in that text
        const text = readableLine(hit.matched?.snippet ?? hit.snippet);
        const withoutUrls = text.replace(/\bhttps?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();
        const matchedIn = hit.matched?.lang ?? 'original';
        add(r, hit.line, withoutUrls || text, vscode.SymbolKind.Key, above ? noteLineIn(r, above.line, matchedIn).text : undefined, matchedIn);
      }
    }
    return out;
  }
}

export function registerSymbols(context: vscode.ExtensionContext, host: NotesHost): NoteSymbolProvider {
  const provider = new NoteSymbolProvider(host);
  context.subscriptions.push(vscode.languages.registerWorkspaceSymbolProvider(provider));
  return provider;
}
