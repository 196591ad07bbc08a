// The "In This File" view: the AWS services the active editor names that the notes mention, each
// with its count in the file, expanding to the notes that mention it. It follows the active editor
// and rescans as the file changes: debounced, and in slices that yield to the editor between them,
// so a large file never blocks typing; past MAX_SCAN_CHARS the rest of a file is not scanned.
import * as vscode from 'vscode';
import { findServices, serviceByName, type ServiceMentionInNote } from '../core/index';
import { escapeMarkdown } from '../core/markdown';
import { type NotesHost, SECTION, noteKeyOf, noteLabel, noteLineIn, readerLanguage } from './shared';

export const IN_THIS_FILE_VIEW = 'reinventNotes.inThisFile';
/** Quiet time after the last edit before the file is scanned again. */
export const DEBOUNCE_MS = 300;
/** Characters scanned per slice (a slice ends at a line break, or between words on a long line). */
export const SLICE_CHARS = 8_192;
/** Work done before yielding to the editor, in ms. */
const SLICE_BUDGET_MS = 8;
/** Characters of a file scanned at most (10 MB files exist; the view stays about the first part). */
export const MAX_SCAN_CHARS = 4_000_000;
const WORD_CHAR = /[A-Za-z0-9]/;
const STATE_KEY = `${SECTION}.inThisFile.state`;

export type InThisFileNode =
  | { type: 'service'; id: string; name: string; count: number; start: number; end: number }
  | { type: 'note'; id: string; service: string; mention: ServiceMentionInNote };

/** Where the slice that starts at `start` ends: at most `max` characters, cut where no mention can straddle. */
export function sliceEnd(text: string, start: number, max: number, limit = text.length): number {
  const end = Math.min(start + max, limit);
  if (end >= limit) return limit;
  const nl = text.lastIndexOf('\n', end - 1);
  if (nl >= start) return nl + 1;
  // one long line: cut where mentions cannot join across (a gap of 4 characters that are not ASCII
  // letters or digits), else after a space, else after any such character
  const floor = start + (max >> 1);
  let space = -1;
  let other = -1;
  for (let i = end, gap = 0; i > floor; i--) {
    if (WORD_CHAR.test(text[i - 1])) {
      gap = 0;
      continue;
    }
    if (++gap >= 4) return i + gap - 1;
    if (space < 0 && /\s/.test(text[i - 1])) space = i;
    if (other < 0) other = i;
  }
  return space > 0 ? space : other > 0 ? other : end;
}

export interface ScanResult {
  /** Service → mentions in the file (offsets of the first). */
  services: Map<string, { count: number; start: number; end: number }>;
  /** Characters scanned (less than the text's length when it was longer than the cap). */
  scanned: number;
}

/** Scans `text` in slices, yielding between them; undefined when `cancelled()` turned true meanwhile. */
export async function scanText(text: string, languageId: string, cancelled: () => boolean = () => false): Promise<ScanResult | undefined> {
  const services: ScanResult['services'] = new Map();
  const limit = Math.min(text.length, MAX_SCAN_CHARS);
  let at = 0;
  while (at < limit) {
    const t0 = Date.now();
    do {
      const end = sliceEnd(text, at, SLICE_CHARS, limit);
      for (const m of findServices(text.slice(at, end), languageId)) {
        const seen = services.get(m.name);
        if (seen) seen.count++;
        else services.set(m.name, { count: 1, start: at + m.start, end: at + m.end });
      }
      at = end;
    } while (at < limit && Date.now() - t0 < SLICE_BUDGET_MS);
    if (at < limit) {
      await new Promise(resolve => setTimeout(resolve, 0));
      if (cancelled()) return undefined;
    }
  }
  return { services, scanned: limit };
}

const KIND_ORDER = ['session', 'keynote', 'leadership', 'workshop', 'note', 'topic', 'event'];

export class InThisFileProvider implements vscode.TreeDataProvider<InThisFileNode> {
  private readonly changed = new vscode.EventEmitter<InThisFileNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The document the view is about (kept while a note is the active editor). */
  document: vscode.TextDocument | undefined;
  private result: ScanResult | undefined;
  private roots: InThisFileNode[] = [];
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly scanned = new vscode.EventEmitter<void>();
  /** Fired after each completed scan. */
  readonly onDidScan = this.scanned.event;

  constructor(private readonly host: NotesHost) {}

  /** Follow an editor: scan its document now (a note of the index is not followed: it is what the view opens). */
  follow(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    const doc = editor.document;
    if (doc === this.document) return;
    if (this.document?.isClosed && doc.uri.toString() === this.document.uri.toString()) {
      this.document = doc;
      this.schedule(0);
      return;
    }
    if (noteKeyOf(doc.uri, this.host.index) || doc.uri.scheme === 'output') return;
    this.track(doc);
  }

  private track(doc: vscode.TextDocument | undefined): void {
    this.document = doc;
    this.result = undefined;
    this.schedule(0);
  }

  /** The tracked document changed: scan again once edits pause. */
  edited(doc: vscode.TextDocument): void {
    if (doc === this.document) this.schedule(DEBOUNCE_MS);
  }

  /**
   * The tracked document was closed. While a note is in front (a preview tab of the file replaced by
   * the note opened from this view) the view stays on the file; otherwise it empties.
   */
  closed(doc: vscode.TextDocument): void {
    if (doc !== this.document) return;
    const front = vscode.window.activeTextEditor?.document;
    if (front && noteKeyOf(front.uri, this.host.index) && doc.uri.scheme !== 'untitled') return;
    this.track(undefined);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    const generation = ++this.generation;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.scan(generation);
    }, delay);
  }

  private async scan(generation: number): Promise<void> {
    const doc = this.document;
    const result = doc ? await scanText(doc.getText(), doc.languageId, () => generation !== this.generation) : undefined;
    if (generation !== this.generation) return;
    this.result = result;
    this.build();
    this.scanned.fire();
  }

  /** The notes changed: same scan, other notes. */
  refresh(): void {
    this.build();
  }

  private build(): void {
    const services = this.result?.services ?? new Map();
    this.roots = [...services.entries()]
      .filter(([name]) => this.host.index.mentionsOf(name).length > 0)
      .sort((a, b) => b[1].count - a[1].count || a[1].start - b[1].start)
      .map(([name, m]) => ({ type: 'service' as const, id: `service:${name}`, name, ...m }));
    this.changed.fire(undefined);
  }

  /** Services listed, and whether the whole file was scanned. */
  get state(): 'noFile' | 'scanning' | 'none' | 'found' {
    if (!this.document) return 'noFile';
    if (!this.result) return 'scanning';
    return this.roots.length ? 'found' : 'none';
  }

  get truncated(): boolean {
    return !!this.document && !!this.result && this.result.scanned < this.document.getText().length;
  }

  getChildren(element?: InThisFileNode): InThisFileNode[] {
    if (!element) return this.roots;
    if (element.type !== 'service') return [];
    return this.host.index
      .mentionsOf(element.name)
      .sort((a, b) => KIND_ORDER.indexOf(a.note.kind) - KIND_ORDER.indexOf(b.note.kind) || a.note.id.localeCompare(b.note.id))
      .map(mention => ({ type: 'note' as const, id: `${element.id}/${mention.note.key}`, service: element.name, mention }));
  }

  getParent(element: InThisFileNode): InThisFileNode | undefined {
    return element.type === 'note' ? this.roots.find(r => r.type === 'service' && r.name === element.service) : undefined;
  }

  getTreeItem(element: InThisFileNode): vscode.TreeItem {
    if (element.type === 'service') {
      const item = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = element.id;
      item.description = String(element.count);
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.contextValue = 'fileService';
      const info = serviceByName(element.name);
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${escapeMarkdown(element.name)}**${info && info.fullName !== element.name ? ` · ${escapeMarkdown(info.fullName)}` : ''}\n\n`);
      md.appendMarkdown(escapeMarkdown(vscode.l10n.t('{0} mentions in this file, {1} notes', element.count, this.host.index.mentionsOf(element.name).length)));
      item.tooltip = md;
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} mentions in this file', element.name, element.count) };
      return item;
    }
    const lang = readerLanguage();
    const note = this.host.index.note(element.mention.note.key);
    const shown = note ? noteLineIn(note, element.mention.line, lang) : { text: element.mention.snippet, line: element.mention.line };
    const item = new vscode.TreeItem(note ? noteLabel(note, lang) : element.mention.note.title, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    item.description = shown.text;
    item.tooltip = shown.text;
    item.iconPath = new vscode.ThemeIcon('note');
    item.contextValue = element.mention.note.source === 'bundled' ? 'fileNote' : 'fileUserNote';
    item.command = { command: 'reinventNotes.openNote', title: vscode.l10n.t('Open Note'), arguments: [{ key: element.mention.note.key, line: element.mention.line }] };
    return item;
  }

  /** Select the first mention of a service in the file. */
  async reveal(name: string): Promise<vscode.TextEditor | undefined> {
    const root = this.roots.find(r => r.type === 'service' && r.name === name);
    if (!this.document || !root || root.type !== 'service') return undefined;
    const doc = this.document.isClosed ? await vscode.workspace.openTextDocument(this.document.uri) : this.document;
    const range = new vscode.Range(doc.positionAt(root.start), doc.positionAt(root.end));
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    this.changed.dispose();
    this.scanned.dispose();
  }
}

export function registerInThisFile(context: vscode.ExtensionContext, host: NotesHost): { provider: InThisFileProvider; view: vscode.TreeView<InThisFileNode> } {
  const provider = new InThisFileProvider(host);
  const view = vscode.window.createTreeView(IN_THIS_FILE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const show = () => {
    const state = provider.state;
    void vscode.commands.executeCommand('setContext', STATE_KEY, state);
    const n = state === 'found' ? provider.getChildren().length : 0;
    view.badge = n ? { value: n, tooltip: vscode.l10n.t('{0} AWS services in this file that the notes mention', n) } : undefined;
    const doc = provider.document;
    view.description = doc ? doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1) : undefined;
    view.message = provider.truncated ? vscode.l10n.t('Only the first {0} MB of this file were scanned.', MAX_SCAN_CHARS / 1_000_000) : undefined;
  };
  context.subscriptions.push(
    provider,
    view,
    provider.onDidChangeTreeData(show),
    vscode.window.onDidChangeActiveTextEditor(e => provider.follow(e)),
    vscode.workspace.onDidChangeTextDocument(e => e.contentChanges.length && provider.edited(e.document)),
    vscode.workspace.onDidCloseTextDocument(d => provider.closed(d)),
    host.onDidChangeNotes(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration(`${SECTION}.noteLanguage`) && provider.refresh()),
    vscode.commands.registerCommand('reinventNotes.revealInFile', (node?: InThisFileNode) => {
      const name = node?.type === 'service' ? node.name : node?.type === 'note' ? node.service : undefined;
      return name ? provider.reveal(name) : undefined;
    }),
  );
  show();
  provider.follow(vscode.window.activeTextEditor);
  return { provider, view };
}
