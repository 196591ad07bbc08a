// The three tools that assistants get, written once over the core: the editor's language model tools
// (src/features/agentTools.ts) and the MCP server (src/mcp.ts) only wrap them. Each answers plain text
// a model can quote: note id, titles (original and English), line, the line's text, the note's URI.
import { allServices, canonicalServiceName, formKey } from './catalog';
import { findServices } from './matcher';
import type { NoteRecord } from './notes';
import { isRenderingLang, renderingOf } from './renderings';
import type { NotesIndex, SearchHit } from './notesIndex';
import { QUERY_SYNTAX_HELP, searchNotes } from './querySearch';

/** Where a note (at a line) lives, for the answer: the editor URI, or the MCP resource URI. */
export type NoteLocator = (note: Pick<NoteRecord, 'key' | 'id' | 'path' | 'source'>, line?: number) => string;

export interface ToolAnswer {
  /** False when the input named nothing that exists (the MCP server marks the result as an error). */
  ok: boolean;
  text: string;
  /** What the answer is about, for callers that want more than text. */
  items: { id: string; title: string; title_en: string; line: number; text: string; uri: string }[];
}

export const TOOL_LIMIT_DEFAULT = 10;
export const TOOL_LIMIT_MAX = 50;

function lineOf(text: string, line: number): string {
  return (text.split('\n')[line - 1] ?? '').replace(/\r$/, '').trim();
}

function titles(r: { title: string; title_en: string }): string {
  return r.title_en && r.title_en !== r.title ? `${r.title} (English: ${r.title_en})` : r.title;
}

export interface SearchToolInput {
  query: string;
  limit?: number;
  track?: string;
  service?: string;
}

/** Search the notes with the query language. */
export function searchTool(index: NotesIndex, input: SearchToolInput, locate: NoteLocator): ToolAnswer {
  const limit = Math.max(1, Math.min(Math.floor(Number(input.limit) || TOOL_LIMIT_DEFAULT), TOOL_LIMIT_MAX));
  const query = typeof input.query === 'string' ? input.query : '';
  const r = searchNotes(index, query, { limit, ...(input.track ? { track: input.track } : {}), ...(input.service ? { service: input.service } : {}) });
  const lines: string[] = [];
  for (const p of r.problems) lines.push(`Note: ${p.message}.`);
  const items = r.hits.map(h => hitItem(index, h, locate));
  if (!items.length) {
    lines.push(query.trim() || input.track || input.service ? `No notes match ${JSON.stringify(query)}.` : 'The query is empty.');
    lines.push('Query syntax:', QUERY_SYNTAX_HELP);
    return { ok: r.problems.length === 0, text: lines.join('\n'), items };
  }
  lines.push(`${items.length} note${items.length === 1 ? '' : 's'} match ${JSON.stringify(query)}${input.track ? ` in track ${input.track}` : ''}${input.service ? ` about ${input.service}` : ''}:`);
  items.forEach((it, i) => {
    lines.push(`${i + 1}. [${it.id}] ${titles(it)}`, `   line ${it.line}: ${it.text}`, `   ${it.uri}`);
  });
  return { ok: true, text: lines.join('\n'), items };
}

function hitItem(index: NotesIndex, h: SearchHit, locate: NoteLocator): ToolAnswer['items'][number] {
  const r = index.note(h.key);
  const text = r ? lineOf(r.text, h.line) : h.snippet;
  return { id: h.id, title: h.title, title_en: h.title_en, line: h.line, text, uri: r ? locate(r, h.line) : h.path };
}

/** The canonical name of a service as an assistant may write it: name, alias, full name or code form. */
export function resolveService(name: string): string | undefined {
  if (typeof name !== 'string' || !name.trim()) return undefined;
  const direct = canonicalServiceName(name);
  if (direct) return direct;
  const key = formKey(name);
  return allServices().find(s => formKey(s.fullName) === key)?.name ?? findServices(name, 'markdown', { lenient: true })[0]?.name;
}

/** Every line of every note that names a service. */
export function serviceTool(index: NotesIndex, input: { service: string; limit?: number }, locate: NoteLocator): ToolAnswer {
  const name = resolveService(input.service);
  if (!name) {
    return { ok: false, text: `${JSON.stringify(input.service)} is not an AWS service the notes know. Use a service name such as Fargate, DynamoDB or "API Gateway", or search the notes instead.`, items: [] };
  }
  const max = Math.max(1, Math.min(Math.floor(Number(input.limit) || 100), 500));
  const items: ToolAnswer['items'] = [];
  const notes = index.mentionsOf(name);
  const out: string[] = [];
  for (const m of notes) {
    const r = index.note(m.note.key);
    if (!r) continue;
    const lines = new Set<number>();
    const found = findServices(r.text, 'markdown').filter(x => x.name === name);
    let at = 0;
    let line = 1;
    for (const x of found) {
      for (; at < x.start; at++) if (r.text.charCodeAt(at) === 10) line++;
      lines.add(line);
    }
    if (!lines.size) lines.add(m.line);
    out.push(`[${r.id}] ${titles(r)}`);
    for (const l of [...lines].sort((a, b) => a - b)) {
      if (items.length >= max) break;
      const item = { id: r.id, title: r.title, title_en: r.title_en, line: l, text: lineOf(r.text, l), uri: locate(r, l) };
      items.push(item);
      out.push(`   line ${l}: ${item.text}`, `   ${item.uri}`);
    }
  }
  const head = items.length
    ? `The notes mention ${name} ${items.length} time${items.length === 1 ? '' : 's'} in ${notes.length} note${notes.length === 1 ? '' : 's'}:`
    : `No note mentions ${name}.`;
  return { ok: true, text: [head, ...out].join('\n'), items };
}

/** A note rendered in a reader's language (en, zh-cn, ja): the rendering's text, when the note has one. */
export function noteRendering(note: Pick<NoteRecord, 'renderings'>, lang: string): string | undefined {
  return isRenderingLang(lang) ? renderingOf(note, lang)?.text : undefined;
}

/** A whole note by id (or key), optionally in a language. */
export function readNoteTool(index: NotesIndex, input: { id: string; lang?: string }, locate: NoteLocator): ToolAnswer {
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  let r = id ? index.note(id) : undefined;
  if (!r && id) r = index.notes().map(n => index.note(n.key)).find(n => n?.id.toLowerCase() === id.toLowerCase());
  if (!r) {
    return { ok: false, text: `No note has the id ${JSON.stringify(input.id)}. Ids look like ARC411-R or KYN202; search the notes to find one.`, items: [] };
  }
  const rendering = input.lang ? noteRendering(r, input.lang) : undefined;
  const uri = locate(r);
  const header = [
    `id: ${r.id}`,
    `title: ${r.title}`,
    `title_en: ${r.title_en}`,
    ...(r.track ? [`track: ${r.track}`] : []),
    `kind: ${r.kind}`,
    ...(r.services.length ? [`services: ${r.services.join(', ')}`] : []),
    `uri: ${uri}`,
    rendering ? `language: ${input.lang} (a rendering; the original is in the author's languages)` : input.lang ? `language: the original (no ${input.lang} rendering of this note)` : 'language: the original',
  ];
  return { ok: true, text: `${header.join('\n')}\n\n${rendering ?? r.text}`, items: [{ id: r.id, title: r.title, title_en: r.title_en, line: 1, text: r.title, uri }] };
}
