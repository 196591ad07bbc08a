// The search quick pick: every keystroke goes to the core index (it answers in well under a
// millisecond on the bundled notes, so there is no debounce), the picked hit opens its note at the
// matching line with the match selected.
import * as vscode from 'vscode';
import { findServices, renderingOf, titleIn, type NoteSummary, type SearchHit } from '../core/index';
import { readableLine } from '../core/markdown';
import { openNote } from './noteDocuments';
import { type NotesHost, type NoteTarget, noteLineIn, readerLanguage } from './shared';
import { MY_NOTES, OVERVIEW, groupLabel } from './sessionsTree';

interface HitItem extends vscode.QuickPickItem {
  target?: NoteTarget;
}

const RESULT_LIMIT = 50;

/**
 * A hit in the reader's language: the title, and the line of the text that matched when the reader
 * reads that text, else the reader's aligned line; the target opens that text at that line.
 */
function hitItem(host: NotesHost, hit: SearchHit): HitItem {
  const lang = readerLanguage();
  const note = host.index.note(hit.key);
  const title = note ? titleIn(note, lang) : hit.title;
  const matched = hit.matched && hit.matched.lang !== 'original' && hit.matched.lang === renderingOf(note ?? {}, lang)?.lang ? hit.matched : undefined;
  const shown = matched ? matched.snippet : note && renderingOf(note, lang) ? noteLineIn(note, hit.line, lang).text : hit.snippet;
  return {
    label: title,
    description: [hit.id !== hit.title ? hit.id : '', hit.track ? groupLabel(hit.track) : '', title !== hit.title ? hit.title : hit.title_en].filter(Boolean).join(' · '),
    detail: readableLine(shown),
    alwaysShow: true,
    target: matched
      ? { key: hit.key, line: matched.line, column: matched.column, length: matched.length, lang: matched.lang }
      : { key: hit.key, line: hit.line, column: hit.column, length: hit.length },
  };
}

function noteItem(host: NotesHost, note: NoteSummary): HitItem {
  const record = host.index.note(note.key);
  const title = record ? titleIn(record, readerLanguage()) : note.title;
  return {
    label: title,
    description: [note.id !== note.title ? note.id : '', note.track ? groupLabel(note.track) : '', title !== note.title ? note.title : note.title_en].filter(Boolean).join(' · '),
    alwaysShow: true,
    target: { key: note.key },
  };
}

/** All notes, sessions grouped under their track, for the empty query. */
function allNotesItems(host: NotesHost): HitItem[] {
  const notes = host.index.notes().sort((a, b) => (a.track ?? '').localeCompare(b.track ?? '') || a.id.localeCompare(b.id));
  const items: HitItem[] = [];
  let group: string | undefined;
  for (const n of notes) {
    const g = groupLabel(n.track ?? (n.source === 'bundled' ? OVERVIEW : MY_NOTES));
    if (g !== group) {
      items.push({ label: g, kind: vscode.QuickPickItemKind.Separator });
      group = g;
    }
    items.push(noteItem(host, n));
  }
  return items;
}

/** The text to start with: the argument, else the selection, else the service name under the cursor. */
export function initialQuery(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return '';
  const sel = editor.selection;
  if (!sel.isEmpty && sel.isSingleLine) {
    const text = editor.document.getText(sel).trim();
    if (text.length <= 200) return text;
  }
  const pos = sel.active;
  const line = editor.document.lineAt(pos.line).text;
  const from = Math.max(0, pos.character - 200);
  const window = line.slice(from, pos.character + 200);
  const at = pos.character - from;
  const m = findServices(window, editor.document.languageId).find(x => x.start <= at && at <= x.end);
  return m ? m.name : '';
}

export function registerSearch(context: vscode.ExtensionContext, host: NotesHost): void {
  const run = (arg?: unknown): Promise<NoteTarget | undefined> =>
    new Promise(resolve => {
      const pick = vscode.window.createQuickPick<HitItem>();
      pick.title = vscode.l10n.t('Search re:Invent Notes');
      pick.placeholder = vscode.l10n.t('Search the notes: English, 中文, 日本語, service names…');
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      let settled = false;
      const update = (value: string) => {
        if (!value.trim()) {
          pick.items = allNotesItems(host);
          return;
        }
        const t0 = Date.now();
        const hits = host.index.search(value, { limit: RESULT_LIMIT });
        const ms = Date.now() - t0;
        if (ms > 50) host.log.warn(`search "${value.slice(0, 40)}" took ${ms} ms`);
        pick.items = hits.length
          ? hits.map(hit => hitItem(host, hit))
          : [{ label: vscode.l10n.t('No notes match "{0}"', value.length > 60 ? value.slice(0, 60) + '…' : value), alwaysShow: true, detail: vscode.l10n.t('Try fewer words, another spelling, or another language.') }];
      };
      pick.value = initialQuery(arg);
      update(pick.value);
      pick.onDidChangeValue(update);
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!chosen?.target) return; // the "no notes match" item
        settled = true;
        pick.hide();
        await openNote(host, chosen.target);
        resolve(chosen.target);
      });
      pick.onDidHide(() => {
        pick.dispose();
        if (!settled) resolve(undefined);
      });
      pick.show();
    });
  context.subscriptions.push(vscode.commands.registerCommand('reinventNotes.search', run));
}
