// The sessions tree: notes grouped by track (or by AWS service), each note expanding into its
// headings; it follows the active editor.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../core/markdown';
import {
  TRACKS, lineText, renderedLine, renderingOf, serviceByName, titleIn, type Heading, type NoteLanguage, type NoteRecord, type NoteSummary,
} from '../core/index';
import { type NotesHost, SECTION, config, noteKeyOf, noteLabel, readerLanguage } from './shared';

export const VIEW_ID = 'reinventNotes.sessions';
/** The topic notes go under Overview, first; then the tracks in their order; then My notes. */
export const OVERVIEW = 'Overview';
export const MY_NOTES = 'My notes';

export type GroupBy = 'track' | 'service';

export type SessionsNode =
  | { type: 'group'; id: string; label: string; keys: string[] }
  | { type: 'service'; id: string; name: string; keys: string[] }
  | { type: 'note'; id: string; key: string; parent: string }
  | { type: 'heading'; id: string; key: string; heading: Heading; parent: string };

const KIND_ICONS: Record<string, string> = {
  session: 'book',
  keynote: 'megaphone',
  leadership: 'organization',
  workshop: 'beaker',
  topic: 'note',
  event: 'star-empty',
  note: 'file-text',
};

function groupOf(note: NoteSummary): string {
  if (note.track) return note.track;
  if (note.source === 'bundled') return OVERVIEW;
  return MY_NOTES;
}

/** A group's label in the UI language (tracks from user notes outside the known ones stay as written). */
export function groupLabel(group: string): string {
  const labels: Record<string, string> = {
    [OVERVIEW]: vscode.l10n.t('Overview'),
    [MY_NOTES]: vscode.l10n.t('My notes'),
    Keynotes: vscode.l10n.t('Keynotes'),
    Architecture: vscode.l10n.t('Architecture'),
    Containers: vscode.l10n.t('Containers'),
    Serverless: vscode.l10n.t('Serverless'),
    Security: vscode.l10n.t('Security'),
    Startups: vscode.l10n.t('Startups'),
    'AI/ML': vscode.l10n.t('AI/ML'),
    'Developer Tools': vscode.l10n.t('Developer Tools'),
  };
  return labels[group] ?? group;
}

export class SessionsTreeProvider implements vscode.TreeDataProvider<SessionsNode> {
  private readonly changed = new vscode.EventEmitter<SessionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes = new Map<string, SessionsNode>();
  private roots: SessionsNode[] = [];
  private built = false;

  constructor(private readonly host: NotesHost) {}

  get groupBy(): GroupBy {
    return config().get<string>('sessions.groupBy') === 'service' ? 'service' : 'track';
  }

  refresh(): void {
    this.built = false;
    this.changed.fire(undefined);
  }

  private build(): void {
    this.nodes.clear();
    const notes = this.host.index.notes();
    const byKey = new Map(notes.map(n => [n.key, n]));
    const sortNotes = (keys: string[]) =>
      keys.sort((a, b) => {
        const x = byKey.get(a)!;
        const y = byKey.get(b)!;
        return x.id.localeCompare(y.id) || x.path.localeCompare(y.path);
      });
    if (this.groupBy === 'service') {
      const services = new Map<string, string[]>();
      for (const n of notes) for (const s of n.services) services.set(s, [...(services.get(s) ?? []), n.key]);
      this.roots = [...services.keys()]
        .sort((a, b) => a.localeCompare(b))
        .map(name => ({ type: 'service' as const, id: `service:${name}`, name, keys: sortNotes(services.get(name)!) }));
    } else {
      const groups = new Map<string, string[]>();
      for (const n of notes) groups.set(groupOf(n), [...(groups.get(groupOf(n)) ?? []), n.key]);
      const order = [OVERVIEW, ...TRACKS];
      const names = [...groups.keys()].sort((a, b) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        if (a === MY_NOTES || b === MY_NOTES) return a === MY_NOTES ? 1 : -1;
        if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
        return a.localeCompare(b);
      });
      this.roots = names.map(g => ({ type: 'group' as const, id: `group:${g}`, label: g, keys: sortNotes(groups.get(g)!) }));
    }
    for (const root of this.roots) this.nodes.set(root.id, root);
    this.built = true;
  }

  private ensure(): void {
    if (!this.built) this.build();
  }

  getChildren(element?: SessionsNode): SessionsNode[] {
    this.ensure();
    if (!element) return this.roots;
    if (element.type === 'group' || element.type === 'service') {
      return element.keys.map(key => this.remember({ type: 'note', id: `${element.id}/${key}`, key, parent: element.id }));
    }
    if (element.type === 'note' || element.type === 'heading') {
      const note = this.host.index.note(element.key);
      if (!note) return [];
      return childHeadings(note.headings, element.type === 'heading' ? element.heading : undefined).map(h =>
        this.remember({ type: 'heading', id: `${element.id}#${h.line}`, key: element.key, heading: h, parent: element.id }),
      );
    }
    return [];
  }

  private remember<T extends SessionsNode>(node: T): T {
    this.nodes.set(node.id, node);
    return node;
  }

  getParent(element: SessionsNode): SessionsNode | undefined {
    this.ensure();
    if (element.type === 'note' || element.type === 'heading') return this.nodes.get(element.parent);
    return undefined;
  }

  /** The tree node of a note (for reveal), under its first group. */
  noteNode(key: string): SessionsNode | undefined {
    this.ensure();
    const root = this.roots.find(r => (r.type === 'group' || r.type === 'service') && r.keys.includes(key));
    if (!root) return undefined;
    return this.remember({ type: 'note', id: `${root.id}/${key}`, key, parent: root.id });
  }

  getTreeItem(element: SessionsNode): vscode.TreeItem {
    switch (element.type) {
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(element.label), vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = String(element.keys.length);
        item.contextValue = 'group';
        item.iconPath = new vscode.ThemeIcon(element.label === OVERVIEW ? 'home' : element.label === MY_NOTES ? 'account' : 'folder-library');
        return item;
      }
      case 'service': {
        const item = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = String(element.keys.length);
        item.contextValue = 'service';
        item.iconPath = new vscode.ThemeIcon('cloud');
        const info = serviceByName(element.name);
        if (info) {
          const md = new vscode.MarkdownString();
          md.appendMarkdown(`**${escapeMarkdown(info.name)}** · ${escapeMarkdown(info.fullName)}\n\n${escapeMarkdown(info.description)}`);
          item.tooltip = md;
        }
        return item;
      }
      case 'note': {
        const note = this.host.index.note(element.key);
        if (!note) return new vscode.TreeItem(element.key);
        const hasChildren = childHeadings(note.headings).length > 0;
        // the title in the reader's language; beside it the original title (or, reading originals, the English one)
        const lang = readerLanguage();
        const title = titleIn(note, lang);
        const item = new vscode.TreeItem(noteLabel(note, lang), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = (title !== note.title ? note.title : note.title_en) || undefined;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[note.kind] ?? 'file-text');
        item.contextValue = note.source === 'bundled' ? 'note' : 'userNote';
        item.tooltip = noteTooltip({ ...note, title, title_en: title !== note.title ? note.title : note.title_en });
        item.command = { command: 'reinventNotes.openNote', title: vscode.l10n.t('Open Note'), arguments: [{ key: note.key }] };
        item.accessibilityInformation = { label: [note.id, title, item.description].filter(Boolean).join(', ') };
        return item;
      }
      case 'heading': {
        const note = this.host.index.note(element.key);
        const hasChildren = note ? childHeadings(note.headings, element.heading).length > 0 : false;
        const shown = note ? headingIn(note, element.heading, readerLanguage()) : element.heading.text;
        const item = new vscode.TreeItem(shown, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('symbol-string');
        item.contextValue = 'heading';
        item.command = {
          command: 'reinventNotes.openNote',
          title: vscode.l10n.t('Open Note'),
          arguments: [{ key: element.key, line: element.heading.line }],
        };
        return item;
      }
    }
  }
}

/** A heading's text in the reader's language: the rendering's aligned heading line. */
function headingIn(note: NoteRecord, heading: Heading, lang: NoteLanguage): string {
  const rendering = renderingOf(note, lang);
  if (!rendering) return heading.text;
  const line = lineText(rendering.text, renderedLine(note, rendering, heading.line));
  const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  return m && m[1] ? m[1] : heading.text;
}

/** The headings directly under `parent` (level 2 under the title; deeper levels nest). */
export function childHeadings(headings: Heading[], parent?: Heading): Heading[] {
  const body = headings.filter(h => h.level >= 2);
  if (!parent) {
    const top = Math.min(...body.map(h => h.level));
    return body.filter(h => h.level === top);
  }
  const after = body.filter(h => h.line > parent.line);
  const end = after.find(h => h.level <= parent.level);
  const inside = after.filter(h => !end || h.line < end.line);
  if (!inside.length) return [];
  const level = Math.min(...inside.map(h => h.level));
  return inside.filter(h => h.level === level);
}

function noteTooltip(note: { id: string; title: string; title_en: string; track?: string; kind: string; services: string[]; path: string; source: string }): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(note.title)}**\n\n`);
  if (note.title_en) md.appendMarkdown(`${escapeMarkdown(note.title_en)}\n\n`);
  const facts = [`${escapeMarkdown(note.id)}`, escapeMarkdown(note.track ? groupLabel(note.track) : note.kind)];
  md.appendMarkdown(facts.join(' · ') + '\n\n');
  if (note.services.length) md.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('Services'))}: ${note.services.map(escapeMarkdown).join(', ')}\n\n`);
  if (note.source !== 'bundled') md.appendMarkdown(escapeMarkdown(note.path));
  return md;
}

export function registerSessionsTree(context: vscode.ExtensionContext, host: NotesHost): { provider: SessionsTreeProvider; view: vscode.TreeView<SessionsNode> } {
  const provider = new SessionsTreeProvider(host);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const setGroupBy = (value: GroupBy) => config().update('sessions.groupBy', value, vscode.ConfigurationTarget.Global);
  const follow = (editor: vscode.TextEditor | undefined) => {
    if (!editor || !view.visible) return;
    const key = noteKeyOf(editor.document.uri, host.index);
    if (!key) return;
    const node = provider.noteNode(key);
    if (node) view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, e => host.log.debug(`reveal: ${e}`));
  };
  context.subscriptions.push(
    view,
    host.onDidChangeNotes(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(`${SECTION}.sessions.groupBy`) || e.affectsConfiguration(`${SECTION}.noteLanguage`)) provider.refresh();
    }),
    vscode.commands.registerCommand('reinventNotes.groupByService', () => setGroupBy('service')),
    vscode.commands.registerCommand('reinventNotes.groupByTrack', () => setGroupBy('track')),
    vscode.window.onDidChangeActiveTextEditor(follow),
    view.onDidChangeVisibility(e => e.visible && follow(vscode.window.activeTextEditor)),
  );
  return { provider, view };
}
