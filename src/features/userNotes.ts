// The user's own notes folders (`reinventNotes.notesFolders`): indexed with the bundled notes in one
// index, kept live by file watchers (MiniSearch replace/discard, never a rebuild), cached with file
// sizes and times in the extension's storage so the next start loads the cache and re-reads only
// what changed. Everything that reads a user's file survives anything in it: a bad note gets a line
// in the Output channel and nothing else is lost.
import * as vscode from 'vscode';
import {
  CACHE_FORMAT,
  NOTE_FILE,
  NotesIndex,
  TRACKS,
  bundledStamp,
  cacheMatches,
  decodeCache,
  readTexts,
  decodeNoteBytes,
  encodeCacheAsync,
  joinIndex,
  newNoteTemplate,
  openBundledNotes,
  bundledIndexText,
  parseFolderEntry,
  planSync,
  type FileStamp,
  type NotesCache,
  type WorkerReply,
  type WorkerRequest,
} from '../core/index';
import { type NotesHost, SECTION, config } from './shared';
import { groupLabel } from './sessionsTree';

/** Notes larger than this are not read at all (the parser indexes the first million characters). */
const MAX_READ_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 20_000;
const BATCH = 64;
const CACHE_FILE = 'user-notes-index.jsonl';
/** From this many notes to read on, the desktop host indexes them in a worker thread. */
const WORKER_MIN_NOTES = 200;
/** In the browser host (no worker thread), the notes are indexed in slices of about this long. */
const SLICE_MS = 40;

interface NotesFolder {
  entry: string;
  base: vscode.Uri;
  pattern: string;
}

export interface UserNotesHost extends NotesHost {
  setIndex(index: NotesIndex): void;
}

function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

// (setImmediate where the host has it: a timer of 0 waits a millisecond or more)
const yieldToEditor = () => new Promise<void>(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

type WorkerThreads = typeof import('node:worker_threads');

/** Node's worker threads in the desktop extension host; undefined in the browser's web worker host. */
function workerThreads(): WorkerThreads | undefined {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  try {
    // (external in esbuild.mjs: the one bundle runs in both hosts, and only Node has it)
    return require('node:worker_threads') as WorkerThreads;
  } catch {
    return undefined;
  }
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export class UserNotes implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private stamps = new Map<string, FileStamp>();
  private folders: NotesFolder[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private reported = new Set<string>();
  private generation = 0;
  private worker: { terminate(): Promise<number> } | undefined;
  /** How the last sync indexed the notes it read (for tests and the log): a worker thread or here. */
  lastSync: { read: number; worker: boolean; ms: number } | undefined;
  /** Resolves when the first load (cache or full index) is done. */
  readonly ready: Promise<void>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: UserNotesHost,
  ) {
    this.ready = this.enqueue(() => this.load(true));
    context.subscriptions.push(
      this,
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(`${SECTION}.notesFolders`)) void this.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  /** The first readable notes folder, where new notes go. */
  firstFolder(): vscode.Uri | undefined {
    return this.folders[0]?.base;
  }

  /** Re-read the setting and bring the index in line with the folders (also what tests await). */
  reload(): Promise<void> {
    return this.enqueue(() => this.load(false));
  }

  /** Wait until every queued change has been applied. */
  idle(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(e => this.host.log.error(`notes folders: ${e instanceof Error ? e.stack ?? e.message : e}`));
    return next;
  }

  /** The folders of the setting that can be read here, with a message for each one that cannot. */
  private async resolveFolders(): Promise<NotesFolder[]> {
    const entries = config().get<unknown>('notesFolders', []);
    const list = Array.isArray(entries) ? entries.filter((e): e is string => typeof e === 'string') : [];
    const folders: NotesFolder[] = [];
    for (const entry of list) {
      const spec = parseFolderEntry(entry);
      if (!spec) continue;
      const bases: vscode.Uri[] = [];
      if (spec.absolute) bases.push(vscode.Uri.file(spec.base));
      else if (spec.home) {
        const home = typeof process !== 'undefined' && process.env ? process.env.HOME ?? process.env.USERPROFILE : undefined;
        if (!home) {
          this.warnOnce(`notes folder "${entry}": there is no home folder here`);
          continue;
        }
        bases.push(vscode.Uri.joinPath(vscode.Uri.file(home), spec.base));
      } else {
        const ws = vscode.workspace.workspaceFolders ?? [];
        if (!ws.length) {
          this.warnOnce(`notes folder "${entry}" is relative, but no workspace folder is open`);
          continue;
        }
        for (const f of ws) bases.push(spec.base ? vscode.Uri.joinPath(f.uri, spec.base) : f.uri);
      }
      for (const base of bases) {
        try {
          const stat = await vscode.workspace.fs.stat(base);
          if (!(stat.type & vscode.FileType.Directory)) {
            this.warnOnce(`notes folder "${entry}" (${displayPath(base)}) is not a folder`);
            continue;
          }
          await vscode.workspace.fs.readDirectory(base);
          folders.push({ entry, base, pattern: spec.pattern });
        } catch (e) {
          const why = e instanceof vscode.FileSystemError && e.code === 'FileNotFound' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
          this.warnOnce(`notes folder "${entry}" (${displayPath(base)}) ${why}`);
        }
      }
    }
    return folders;
  }

  private cacheUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, CACHE_FILE);
  }

  private folderKeys(): string[] {
    return this.folders.map(f => `${f.base.toString()}|${f.pattern}`);
  }

  private async load(first: boolean): Promise<void> {
    const generation = ++this.generation;
    this.folders = await this.resolveFolders();
    this.watch();
    if (!this.folders.length) {
      if (this.host.index.keys('user').length) {
        this.host.setIndex(openBundledNotes());
        this.stamps.clear();
        this.host.notesChanged();
      }
      return;
    }
    if (first && (await this.loadCache())) {
      this.host.log.info(`loaded ${this.stamps.size} of your notes from the cache`);
      this.host.notesChanged();
    }
    await this.sync(generation, !this.stamps.size);
  }

  /** Warm start: the cached index, if it was built for these notes. */
  private async loadCache(): Promise<boolean> {
    const t0 = Date.now();
    try {
      const bytes = await vscode.workspace.fs.readFile(this.cacheUri());
      // (parsed a chunk of notes at a time: the editor goes on meanwhile; each note's text is
      // decoded from these bytes when something first reads it)
      const cache = await decodeCache(bytes, yieldToEditor);
      if (!cacheMatches(cache, bundledStamp(), this.folderKeys())) return false;
      // the current index answers until the cached one is ready to search, loaded in batches
      const index = NotesIndex.load(cache.index);
      await index.prepareSearchAsync();
      this.host.setIndex(index);
      this.stamps = new Map(Object.entries(cache.files));
      this.host.log.info(`notes cache loaded in ${Date.now() - t0} ms`);
      // the notes' texts, decoded while the editor goes on (a search decodes the ones it needs first)
      void readTexts(cache.index.notes, yieldToEditor);
      return true;
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError)) this.host.log.warn(`the notes cache could not be used (${(e as Error).message}); indexing again`);
      return false;
    }
  }

  /** The note files of every folder now, with their sizes and times. */
  private async listFiles(): Promise<Map<string, { uri: vscode.Uri; stamp: FileStamp }>> {
    const files = new Map<string, { uri: vscode.Uri; stamp: FileStamp }>();
    for (const folder of this.folders) {
      let uris: vscode.Uri[];
      try {
        uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder.base, folder.pattern), '**/node_modules/**', MAX_FILES);
      } catch (e) {
        this.warnOnce(`notes folder "${folder.entry}" could not be searched (${(e as Error).message})`);
        continue;
      }
      if (uris.length >= MAX_FILES) this.warnOnce(`notes folder "${folder.entry}" has more than ${MAX_FILES} notes; only the first ${MAX_FILES} are indexed`);
      for (const uri of uris) if (NOTE_FILE.test(uri.path)) files.set(uri.toString(), { uri, stamp: { size: -1, mtime: -1 } });
    }
    const all = [...files.values()];
    for (let i = 0; i < all.length; i += BATCH) {
      await Promise.all(
        all.slice(i, i + BATCH).map(async f => {
          try {
            const s = await vscode.workspace.fs.stat(f.uri);
            f.stamp = { size: s.size, mtime: s.mtime };
          } catch {
            files.delete(f.uri.toString()); // gone since it was listed
          }
        }),
      );
    }
    return files;
  }

  /** Bring the index in line with the folders: read what is new or changed, drop what is gone. */
  private async sync(generation: number, cold: boolean): Promise<void> {
    const t0 = Date.now();
    const files = await this.listFiles();
    const current: Record<string, FileStamp> = {};
    for (const [key, f] of files) current[key] = f.stamp;
    // notes in the index that the cache does not know (added by watchers) count as changed
    const known: Record<string, FileStamp> = Object.fromEntries(this.stamps);
    for (const key of this.host.index.keys('user')) if (!(key in known)) known[key] = { size: -2, mtime: -2 };
    const plan = planSync(known, current);
    for (const key of plan.removed) {
      this.host.index.remove(key);
      this.stamps.delete(key);
    }
    const toRead = [...plan.added, ...plan.changed].map(k => files.get(k)!).filter(Boolean);
    const threads = toRead.length >= WORKER_MIN_NOTES && [...files.values()].every(f => f.uri.scheme === 'file') ? workerThreads() : undefined;
    let worker = false;
    const read = async (progress?: Progress, token?: vscode.CancellationToken) => {
      // many notes, on disk, in the desktop host: all of them indexed in a worker thread
      if (threads) {
        try {
          if ((worker = await this.indexInWorker(threads, files, generation, progress, token))) return;
        } catch (e) {
          this.host.log.warn(`notes folders: the indexing worker failed (${(e as Error).message}); indexing here instead`);
        }
      }
      let done = 0;
      for (let i = 0; i < toRead.length; i += BATCH) {
        if (generation !== this.generation || token?.isCancellationRequested) return;
        const batch = toRead.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map(f => this.readNote(f.uri, f.stamp)));
        // slices of SLICE_MS at most between yields, whatever the notes' sizes
        let slice = Date.now();
        for (let k = 0; k < batch.length; k++) {
          if (Date.now() - slice > SLICE_MS) {
            await yieldToEditor();
            if (generation !== this.generation || token?.isCancellationRequested) return;
            slice = Date.now();
          }
          this.apply(batch[k].uri, batch[k].stamp, texts[k]);
        }
        done += batch.length;
        progress?.report({ message: `${done} / ${toRead.length}`, increment: (100 * batch.length) / toRead.length });
        await yieldToEditor();
      }
    };
    if (cold && toRead.length > 50) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Indexing your re:Invent notes'), cancellable: true },
        (progress, token) => read(progress, token),
      );
    } else {
      await read();
    }
    if (toRead.length) this.lastSync = { read: toRead.length, worker, ms: Date.now() - t0 };
    this.host.log.info(
      `notes folders: ${files.size} notes (${plan.added.length} new, ${plan.changed.length} changed, ${plan.removed.length} removed, ${plan.unchanged} unchanged) in ${Date.now() - t0} ms`,
    );
    this.reportProblems();
    this.host.notesChanged();
    // (the worker wrote the cache of what it built)
    if (!worker || this.savedByWorker !== generation) this.scheduleSave(0);
  }

  private savedByWorker = 0;

  private cacheHeader(): Omit<NotesCache, 'index'> {
    return { format: CACHE_FORMAT, bundled: bundledStamp(), folders: this.folderKeys(), files: Object.fromEntries(this.stamps) };
  }

  /**
   * Index every note file in a worker thread (with the bundled notes), then load its index here in
   * chunks between yields; the current index answers until the new one is ready. False when it was
   * cancelled or outdated.
   */
  private async indexInWorker(
    threads: WorkerThreads,
    files: Map<string, { uri: vscode.Uri; stamp: FileStamp }>,
    generation: number,
    progress?: Progress,
    token?: vscode.CancellationToken,
  ): Promise<boolean> {
    const t0 = Date.now();
    const script = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'notesWorker.js').fsPath;
    const worker = new threads.Worker(script);
    this.worker = worker;
    const stamps = new Map([...files].map(([key, f]) => [key, f.stamp]));
    const cacheUri = this.cacheUri();
    const request: WorkerRequest = {
      bundled: bundledIndexText(),
      files: [...files.entries()].map(([key, f]) => ({ key, path: displayPath(f.uri), fsPath: f.uri.fsPath })),
      maxBytes: MAX_READ_BYTES,
      ...(cacheUri.scheme === 'file' ? { cache: { fsPath: cacheUri.fsPath, header: { ...this.cacheHeader(), files: Object.fromEntries(stamps) } } } : {}),
    };
    const cancel = token?.onCancellationRequested(() => void worker.terminate());
    let reported = 0;
    try {
      const done = await new Promise<Extract<WorkerReply, { type: 'done' }> | undefined>((resolve, reject) => {
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'progress') {
            progress?.report({ message: `${reply.done} / ${reply.total}`, increment: (100 * (reply.done - reported)) / reply.total });
            reported = reply.done;
            if (generation !== this.generation) void worker.terminate();
          } else if (reply.type === 'done') resolve(reply);
          else reject(new Error(reply.message));
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve(undefined));
        worker.postMessage(request);
      });
      void worker.terminate();
      const parts = done?.parts;
      if (!parts || generation !== this.generation || token?.isCancellationRequested) return false;
      const t1 = Date.now();
      const index = NotesIndex.load(await joinIndex(parts, yieldToEditor));
      await index.prepareSearchAsync();
      if (generation !== this.generation) return false;
      this.host.setIndex(index);
      this.stamps = stamps;
      if (request.cache && !done?.cacheError) this.savedByWorker = generation;
      else if (done?.cacheError) this.host.log.warn(`the notes cache could not be saved (${done.cacheError})`);
      this.host.log.info(`notes folders: ${files.size} notes indexed in a worker thread in ${t1 - t0} ms, loaded here in ${Date.now() - t1} ms`);
      return true;
    } finally {
      cancel?.dispose();
      if (this.worker === worker) this.worker = undefined;
    }
  }

  private async readNote(uri: vscode.Uri, stamp: FileStamp): Promise<{ text?: string; problem?: string; invalidUtf8?: boolean }> {
    if (stamp.size > MAX_READ_BYTES) return { problem: `it is ${(stamp.size / 1024 / 1024).toFixed(1)} MB; notes over ${MAX_READ_BYTES / 1024 / 1024} MB are not read` };
    try {
      return decodeNoteBytes(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { problem: 'it was deleted or renamed while being indexed' };
      return { problem: `it could not be read (${(e as Error).message})` };
    }
  }

  private apply(uri: vscode.Uri, stamp: FileStamp, read: { text?: string; problem?: string; invalidUtf8?: boolean }): void {
    const key = uri.toString();
    const path = displayPath(uri);
    if (read.text === undefined) {
      this.host.index.remove(key);
      this.host.index.report(key, { path, severity: 'skipped', reason: read.problem ?? 'it could not be read' });
    } else {
      this.host.index.upsert({ key, path, text: read.text, ...(read.invalidUtf8 ? { invalidUtf8: true } : {}) }, 'user');
    }
    this.stamps.set(key, stamp);
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of this.folders) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder.base, folder.pattern));
      const changed = (uri: vscode.Uri) =>
        void this.enqueue(async () => {
          if (!NOTE_FILE.test(uri.path)) return;
          let stamp: FileStamp;
          try {
            const s = await vscode.workspace.fs.stat(uri);
            stamp = { size: s.size, mtime: s.mtime };
          } catch {
            return this.deleted(uri);
          }
          this.apply(uri, stamp, await this.readNote(uri, stamp));
          this.reportProblems();
          this.host.notesChanged();
          this.scheduleSave();
        });
      this.watchers.push(
        watcher,
        watcher.onDidCreate(changed),
        watcher.onDidChange(changed),
        watcher.onDidDelete(uri => void this.enqueue(async () => this.deleted(uri))),
      );
    }
  }

  private deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    const prefix = key.endsWith('/') ? key : key + '/';
    let removed = false;
    // a deleted folder takes its notes with it
    for (const k of this.host.index.keys('user')) {
      if (k === key || k.startsWith(prefix)) {
        removed = this.host.index.remove(k) || removed;
        this.stamps.delete(k);
      }
    }
    if (removed) {
      this.host.notesChanged();
      this.scheduleSave();
    }
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.host.log.warn(message);
  }

  /** Each new problem once in the Output channel, and one notification per session. */
  private reportProblems(): void {
    const fresh = this.host.index
      .problems()
      .map(p => `${p.path}: ${p.severity === 'skipped' ? 'not indexed' : 'indexed in part'}: ${p.reason}`)
      .filter(m => !this.reported.has(m));
    for (const m of fresh) this.warnOnce(m);
    if (fresh.length && !this.reported.has('#notified')) {
      this.reported.add('#notified');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Some of your notes could not be fully indexed.'), vscode.l10n.t('Show Log'))
        .then(choice => choice && this.host.log.show());
    }
  }

  private scheduleSave(delay = 2000): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.enqueue(() => this.save());
    }, delay);
  }

  private async save(): Promise<void> {
    if (!this.folders.length) return;
    // (in slices: serializing thousands of notes at once would block the editor)
    const index = this.host.index;
    const cache: NotesCache = { ...this.cacheHeader(), index: await index.serializeAsync() };
    const uri = this.cacheUri();
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      const text = await encodeCacheAsync(cache, yieldToEditor);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } catch (e) {
      this.host.log.warn(`the notes cache could not be saved (${(e as Error).message})`);
    }
  }

  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    for (const w of this.watchers) w.dispose();
    void this.worker?.terminate();
  }
}

interface NewNoteArgs {
  folder?: string;
  id?: string;
  title?: string;
  track?: string;
}

/** Create a note from the template in the first notes folder (asking for one when there is none). */
async function newNote(userNotes: UserNotes, args?: NewNoteArgs): Promise<vscode.Uri | undefined> {
  await userNotes.idle();
  let folder = args?.folder ? vscode.Uri.parse(args.folder) : userNotes.firstFolder();
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: vscode.l10n.t('Use as notes folder'),
      title: vscode.l10n.t('Choose a folder for your re:Invent notes'),
    });
    if (!picked?.[0]) return undefined;
    folder = picked[0];
    const current = config().get<string[]>('notesFolders', []);
    await config().update('notesFolders', [...current, folder.scheme === 'file' ? folder.fsPath : folder.toString()], vscode.ConfigurationTarget.Global);
  }
  const id =
    args?.id ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('New note (1/3)'),
      prompt: vscode.l10n.t('Session code, for example SVS401 (optional)'),
      validateInput: v => (/^[\w.-]*$/.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, dots, dashes and underscores only')),
    }));
  if (id === undefined) return undefined;
  const title = args?.title ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('New note (2/3)'), prompt: vscode.l10n.t('Title') }));
  if (!title) return undefined;
  let track = args?.track;
  if (track === undefined) {
    const items = [{ label: vscode.l10n.t('No track'), track: '' }, ...TRACKS.map(t => ({ label: groupLabel(t), track: t as string }))];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('New note (3/3)'), placeHolder: vscode.l10n.t('Track') });
    if (pick === undefined) return undefined;
    track = pick.track;
  }
  const slug = (id.trim() || title).replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'note';
  let uri = vscode.Uri.joinPath(folder, `${slug}.md`);
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(folder, `${slug}-${n}.md`);
  const text = newNoteTemplate({ id: id.trim() || slug, title: title.trim(), kind: id.trim() ? 'session' : 'note', track: track || undefined, date: new Date().toISOString().slice(0, 10) });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  const last = doc.lineCount - 2;
  await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(last, 2, last, 2) });
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerUserNotes(context: vscode.ExtensionContext, host: UserNotesHost): UserNotes {
  const userNotes = new UserNotes(context, host);
  context.subscriptions.push(
    vscode.commands.registerCommand('reinventNotes.newNote', (args?: NewNoteArgs) => newNote(userNotes, args)),
    vscode.commands.registerCommand('reinventNotes.reindex', () => userNotes.reload()),
  );
  return userNotes;
}
