// The search quick pick: every keystroke goes to the core index (it answers in well under a
// millisecond on the bundled notes, so there is no debounce), the picked hit opens its note at the
// matching line with the match selected.
import * as vscode from 'vscode';
import {
  FILTER_NAMES, TRACKS, findServices, renderingOf, searchNotes, titleIn, type NoteSummary, type QueryProblem, type SearchHit,
} from '../core/index';
import { readableLine } from '../core/markdown';
import { openNote } from './noteDocuments';
import { type NotesHost, type NoteTarget, noteLineIn, readerLanguage } from './shared';
import { MY_NOTES, OVERVIEW, groupLabel } from './sessionsTree';

interface HitItem extends vscode.QuickPickItem {
  target?: NoteTarget;
  /** Accepting the item puts this text in the box instead of opening a note (syntax help, a fix). */
  value?: string;
}

interface TrackButton extends vscode.QuickInputButton {
  track?: string;
  help?: boolean;
}

const TRACK_ICONS: Record<string, string> = {
  Keynotes: 'megaphone',
  Architecture: 'organization',
  Containers: 'package',
  Serverless: 'zap',
  Security: 'shield',
  Startups: 'rocket',
  'AI/ML': 'hubot',
  'Developer Tools': 'tools',
};

/** The `track:` filter of a track, as the box shows it. */
export function trackFilter(track: string): string {
  const v = track.toLowerCase();
  return /\s/.test(v) ? `track:"${v}"` : `track:${v}`;
}

/** The query with a track filter added, or taken out when it is there. */
export function toggleTrack(value: string, track: string): string {
  const filter = trackFilter(track);
  const parts = value.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean);
  const without = parts.filter(p => p.toLowerCase() !== filter);
  return (without.length === parts.length ? [...without, filter] : without).join(' ') + ' ';
}

/** The syntax, as items that put an example in the box. */
function syntaxItems(): HitItem[] {
  const examples: [string, string][] = [
    ['"blast radius"', vscode.l10n.t('Notes that hold the exact phrase')],
    ['lambda -kubernetes', vscode.l10n.t('Leave out notes with a word')],
    ['track:containers', vscode.l10n.t('Notes of a track')],
    ['service:fargate', vscode.l10n.t('Notes about an AWS service, by any of its names')],
    ['kind:keynote', vscode.l10n.t('Keynotes, sessions, workshops, topics…')],
    ['tag:serverless', vscode.l10n.t('Notes with a tag')],
    ['id:ARC*', vscode.l10n.t('Session codes, with * and ? as wildcards')],
    ['-track:security', vscode.l10n.t('A filter with a dash leaves its notes out')],
  ];
  return [
    { label: vscode.l10n.t('Query syntax'), kind: vscode.QuickPickItemKind.Separator },
    ...examples.map(([example, what]) => ({ label: `$(symbol-operator) ${example}`, description: what, alwaysShow: true, value: example + ' ' })),
  ];
}

/** `track:` typed without a value: one item per track, which puts it in the box. */
function trackItems(value: string, token: string): HitItem[] {
  const at = value.lastIndexOf(token);
  return TRACKS.map(track => ({
    label: `$(${TRACK_ICONS[track] ?? 'filter'}) ${trackFilter(track)}`,
    description: groupLabel(track),
    alwaysShow: true,
    value: (at === -1 ? value : value.slice(0, at) + (token.startsWith('-') ? '-' : '') + trackFilter(track) + value.slice(at + token.length)).trimEnd() + ' ',
  }));
}

/** What a problem of the query says, and the query with the fix applied. */
function problemItem(p: QueryProblem, value: string): HitItem {
  const fixed = p.suggestion ? fixQuery(value, p) : undefined;
  let label: string;
  if (p.code === 'unknown-filter') {
    const name = p.token.split(':')[0];
    label = p.suggestion ? vscode.l10n.t('Unknown filter "{0}:". Did you mean "{1}:"?', name, p.suggestion) : vscode.l10n.t('Unknown filter "{0}:".', name);
  } else if (p.code === 'empty-filter') {
    label = vscode.l10n.t('"{0}" needs a value.', p.token);
  } else {
    label = p.suggestion ? vscode.l10n.t('No note has "{0}". Did you mean "{1}"?', p.token, p.suggestion) : vscode.l10n.t('No note has "{0}".', p.token);
  }
  return {
    label: `$(warning) ${label}`,
    detail: fixed ? vscode.l10n.t('Press Enter to search for {0}', fixed.trim()) : vscode.l10n.t('Filters: {0}', FILTER_NAMES.map(f => f + ':').join(' ')),
    alwaysShow: true,
    ...(fixed ? { value: fixed } : {}),
  };
}

function fixQuery(value: string, p: QueryProblem): string | undefined {
  if (!p.suggestion) return undefined;
  const at = value.indexOf(p.token);
  if (at === -1) return undefined;
  let replacement: string;
  if (p.code === 'unknown-filter') replacement = p.suggestion + p.token.slice(p.token.indexOf(':'));
  else if (p.code === 'unknown-value' && p.filter) {
    const v = p.suggestion.toLowerCase();
    replacement = `${p.token.startsWith('-') ? '-' : ''}${p.filter}:${/\s/.test(v) ? `"${v}"` : v}`;
  } else return undefined;
  return value.slice(0, at) + replacement + value.slice(at + p.token.length);
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
      const helpButton: TrackButton = { iconPath: new vscode.ThemeIcon('question'), tooltip: vscode.l10n.t('Query syntax'), help: true };
      pick.buttons = [
        ...TRACKS.map((track): TrackButton => ({ iconPath: new vscode.ThemeIcon(TRACK_ICONS[track] ?? 'filter'), tooltip: vscode.l10n.t('Filter: {0}', groupLabel(track)), track })),
        helpButton,
      ];
      const update = (value: string) => {
        if (!value.trim()) {
          pick.items = allNotesItems(host);
          return;
        }
        const t0 = Date.now();
        const { hits, problems } = searchNotes(host.index, value, { limit: RESULT_LIMIT });
        const ms = Date.now() - t0;
        if (ms > 50) host.log.warn(`search "${value.slice(0, 40)}" took ${ms} ms`);
        const warnings = problems.flatMap(p => (p.code === 'empty-filter' && p.filter === 'track' ? trackItems(value, p.token) : [problemItem(p, value)]));
        pick.items = hits.length
          ? [...warnings, ...hits.map(hit => hitItem(host, hit))]
          : warnings.length
            ? warnings
            : [{ label: vscode.l10n.t('No notes match "{0}"', value.length > 60 ? value.slice(0, 60) + '…' : value), alwaysShow: true, detail: vscode.l10n.t('Try fewer words, another spelling, or another language.') }];
      };
      pick.value = initialQuery(arg);
      update(pick.value);
      pick.onDidChangeValue(update);
      pick.onDidTriggerButton(button => {
        const b = button as TrackButton;
        if (b.help) {
          pick.items = [...syntaxItems(), ...(pick.value.trim() ? [] : allNotesItems(host))];
          return;
        }
        if (b.track) {
          pick.value = toggleTrack(pick.value, b.track);
          update(pick.value);
        }
      });
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen?.value !== undefined) {
          pick.value = chosen.value;
          update(pick.value);
          return;
        }
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
