// Hovers on AWS service names in any file: what the notes say about the service under the cursor.
// Only the line under the cursor is read, and only a bounded span of it (minified files have
// megabyte lines). Note text is escaped; the only trusted links are the extension's own commands.
import * as vscode from 'vscode';
import { findServices, serviceByName, titleIn } from '../core/index';
import { commandUri, escapeMarkdown, readableLine } from '../core/markdown';
import { NOTES_SCHEME, type NotesHost, config, noteLineIn, readerLanguage } from './shared';

/** Characters scanned on each side of the cursor. */
export const HOVER_SPAN = 256;
const MAX_NOTES = 5;
export const HOVER_COMMANDS = ['reinventNotes.openNote', 'reinventNotes.search'];

export function hoverMarkdown(host: NotesHost, service: string): vscode.MarkdownString | undefined {
  const mentions = host.index.mentionsOf(service);
  if (!mentions.length) return undefined;
  const info = serviceByName(service);
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportHtml = false;
  const name = `**${escapeMarkdown(service)}**`;
  md.appendMarkdown(info && info.fullName !== service ? `${name} · ${escapeMarkdown(info.fullName)}\n\n` : `${name}\n\n`);
  if (info) md.appendMarkdown(`${escapeMarkdown(info.description)} [${escapeMarkdown(vscode.l10n.t('Documentation'))}](${info.docs})\n\n`);
  md.appendMarkdown(`---\n\n${escapeMarkdown(vscode.l10n.t('Mentioned in {0} of the re:Invent notes:', mentions.length))}\n\n`);
  const order = ['session', 'keynote', 'leadership', 'workshop', 'note', 'topic', 'event'];
  mentions.sort((a, b) => order.indexOf(a.note.kind) - order.indexOf(b.note.kind) || a.note.id.localeCompare(b.note.id));
  // each note in the reader's language: its title and the line, with the original line beneath when it differs
  const lang = readerLanguage();
  for (const m of mentions.slice(0, MAX_NOTES)) {
    const note = host.index.note(m.note.key);
    const title = note ? titleIn(note, lang) : m.note.title;
    const label = m.note.id === m.note.title ? title : `${m.note.id} · ${title}`;
    const link = commandUri('reinventNotes.openNote', [{ key: m.note.key, line: m.line }]);
    const shown = note ? noteLineIn(note, m.line, lang) : undefined;
    const text = shown && shown.lang !== 'original' ? shown.text : readableLine(m.snippet);
    const original = shown && shown.lang !== 'original' && shown.original && shown.original !== shown.text ? shown.original : '';
    // a hard line break keeps the original inside the list item
    md.appendMarkdown(`- [${escapeMarkdown(label)}](${link}) — ${escapeMarkdown(text)}${original ? `  \n  ${escapeMarkdown(vscode.l10n.t('Original: {0}', original))}` : ''}\n`);
  }
  if (mentions.length > MAX_NOTES) md.appendMarkdown(`- ${escapeMarkdown(vscode.l10n.t('and {0} more notes', mentions.length - MAX_NOTES))}\n`);
  md.appendMarkdown(`\n[${escapeMarkdown(vscode.l10n.t('Search all notes for "{0}"', service))}](${commandUri('reinventNotes.search', [service])})`);
  return md;
}

export class ServiceHoverProvider implements vscode.HoverProvider {
  constructor(private readonly host: NotesHost) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = config();
    if (!settings.get<boolean>('hover.enabled', true)) return undefined;
    const languages = settings.get<string[]>('hover.languages', []);
    if (Array.isArray(languages) && languages.length && !languages.includes(document.languageId)) return undefined;
    const line = document.lineAt(position.line).text;
    const from = Math.max(0, position.character - HOVER_SPAN);
    const span = line.slice(from, Math.min(line.length, position.character + HOVER_SPAN));
    const at = position.character - from;
    const mention = findServices(span, document.languageId).find(m => m.start <= at && at < m.end);
    if (!mention) return undefined;
    const md = hoverMarkdown(this.host, mention.name);
    if (!md) return undefined;
    return new vscode.Hover(md, new vscode.Range(position.line, from + mention.start, position.line, from + mention.end));
  }
}

export function registerHover(context: vscode.ExtensionContext, host: NotesHost): ServiceHoverProvider {
  const provider = new ServiceHoverProvider(host);
  const selector: vscode.DocumentSelector = [
    { scheme: 'file' },
    { scheme: 'untitled' },
    { scheme: NOTES_SCHEME },
    { scheme: 'vscode-vfs' },
    { scheme: 'vscode-remote' },
  ];
  context.subscriptions.push(vscode.languages.registerHoverProvider(selector, provider));
  return provider;
}
