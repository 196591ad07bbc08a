// The user's own notes folders, in a trusted workspace: the sample workspace's settings add
// `team-notes`; these tests add another folder, edit and delete notes, and feed it bad files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import type { SessionsNode } from '../../src/features/sessionsTree';
import { getExtension, hoverText, screenshot, skipTest, sleep, waitFor } from './helpers';

const enc = new TextEncoder();

function ws(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return folder.uri;
}

async function write(uri: vscode.Uri, text: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, typeof text === 'string' ? enc.encode(text) : text);
}


function groupOf(api: ReinventNotesApi, key: string): string | undefined {
  for (const root of api.tree.provider.getChildren() as SessionsNode[]) {
    if (root.type !== 'group') continue;
    if ((api.tree.provider.getChildren(root) as SessionsNode[]).some(n => n.type === 'note' && n.key === key)) return root.label;
  }
  return undefined;
}

suite('your own notes folders', function () {
  let api: ReinventNotesApi;
  const cfg = () => vscode.workspace.getConfiguration('reinventNotes');
  let mine: vscode.Uri;

  suiteSetup(async function () {
    if (!vscode.workspace.isTrusted) return skipTest(this, 'Restricted Mode: the notes folders setting is withheld');
    api = (await getExtension()).exports as ReinventNotesApi;
    mine = vscode.Uri.joinPath(ws(), 'my-notes');
    await vscode.workspace.fs.createDirectory(mine);
  });

  suiteTeardown(async () => {
    if (!api) return;
    await cfg().update('notesFolders', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(ws(), '.vscode', 'settings.json'), enc.encode('{\n  "reinventNotes.notesFolders": ["team-notes"]\n}\n'));
  });

  test('folders from the trusted workspace settings are indexed with the bundled notes', async () => {
    await api.userNotes.ready;
    const svs = await waitFor(() => api.notes().find(n => n.id === 'SVS401'), { message: 'team-notes/2023/SVS401.md was not indexed' });
    assert.equal(svs.source, 'user');
    assert.equal(groupOf(api, svs.key), 'Serverless', 'grouped by its front-matter track');
    const hallway = api.notes().find(n => n.id === 'hallway-track');
    assert.ok(hallway, 'a note without front matter is indexed, its id from the file name');
    assert.equal(hallway.title, 'Hallway track');
    assert.equal(groupOf(api, hallway.key), 'My notes');
    assert.equal(api.search('Step Functions orchestrate')[0].id, 'SVS401');
    assert.equal(api.notes().filter(n => n.source === 'bundled').length, 18, 'the bundled notes are all still there');
  });

  test('a user note opens as an ordinary editable file', async () => {
    const svs = api.notes().find(n => n.id === 'SVS401')!;
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: svs.key, line: 12 });
    const editor = await waitFor(() => vscode.window.activeTextEditor);
    // a file of the workspace's own file system: file: in the Node host, vscode-remote: in the web worker
    assert.equal(editor.document.uri.scheme, ws().scheme);
    assert.equal(editor.selection.active.line, 11);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(editor.document.lineCount, 0), '');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('adding a folder, then creating, editing and deleting notes updates tree, search and hover live', async () => {
    await cfg().update('notesFolders', ['team-notes', 'my-notes'], vscode.ConfigurationTarget.Workspace);
    const note = vscode.Uri.joinPath(mine, 'ANT301.md');
    await write(note, '---\nid: ANT301\ntitle: Analytics on a budget\ntrack: Analytics\n---\n# ANT301 – Analytics on a budget\n\n- Amazon Athena over S3 with partition projection\n');
    const t0 = Date.now();
    await waitFor(() => api.search('partition projection')[0]?.id === 'ANT301', { timeout: 10_000, message: 'the new note was not indexed' });
    const created = Date.now() - t0;
    assert.equal(groupOf(api, note.toString()), 'Analytics', 'a new track becomes a group');

    // hover: Athena is mentioned by user notes only
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'athena = boto3.client("athena")\n' });
    const hover = await hoverText(doc.uri, new vscode.Position(0, 25));
    assert.match(hover, /\*\*Athena\*\*/);
    assert.match(hover, /ANT301/);

    // edit
    await write(note, '---\nid: ANT301\ntitle: Analytics on a budget\ntrack: Analytics\n---\n# ANT301 – Analytics on a budget\n\n- Amazon Redshift Serverless for spiky dashboards\n');
    const t1 = Date.now();
    await waitFor(() => api.search('spiky dashboards')[0]?.id === 'ANT301', { timeout: 10_000, message: 'the edit was not re-indexed' });
    const edited = Date.now() - t1;
    assert.deepEqual(api.search('partition projection').filter(h => h.id === 'ANT301'), []);

    // delete
    await vscode.workspace.fs.delete(note);
    const t2 = Date.now();
    await waitFor(() => !api.notes().some(n => n.id === 'ANT301'), { timeout: 10_000, message: 'the deleted note stayed' });
    const deleted = Date.now() - t2;
    assert.equal(groupOf(api, note.toString()), undefined);
    console.log(`live re-index: created ${created} ms, edited ${edited} ms, deleted ${deleted} ms`);
  });

  test('bad files get a reason and lose nothing else', async () => {
    await cfg().update('notesFolders', ['team-notes', 'my-notes', 'does-not-exist'], vscode.ConfigurationTarget.Workspace);
    const files: [string, string | Uint8Array][] = [
      ['evil-js.md', '---js\n{ id: (globalThis.__pwned = "yes") }\n---\n# Evil\n'],
      ['binary.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
      ['broken-yaml.md', '---\ntitle: [unclosed\n---\n# Broken yaml but kinesis firehose body\n'],
      ['empty.md', ''],
      ['dup-a.md', '---\nid: DUP\ntitle: Duplicate A\n---\n# A\n'],
      ['dup-b.md', '---\nid: DUP\ntitle: Duplicate B\n---\n# B\n'],
      ['good.md', '---\nid: GOOD\ntitle: Still good\n---\n# Still good\n\n- amazon timestream rollups\n'],
    ];
    for (const [name, text] of files) await write(vscode.Uri.joinPath(mine, name), text);
    await waitFor(() => api.notes().some(n => n.id === 'GOOD') && api.problems().some(p => p.path.endsWith('empty.md')), {
      timeout: 15_000,
      message: 'the bad files were not all seen',
    });
    await api.userNotes.idle();
    assert.equal((globalThis as Record<string, unknown>).__pwned, undefined, 'JavaScript front matter never runs');
    const problems = api.problems();
    const reason = (name: string) => problems.find(p => p.path.endsWith(name))?.reason ?? '';
    assert.match(reason('evil-js.md'), /JavaScript/);
    assert.match(reason('binary.md'), /binary/);
    assert.match(reason('broken-yaml.md'), /not valid YAML/);
    assert.match(reason('empty.md'), /empty/);
    assert.match(reason('dup-b.md') + reason('dup-a.md'), /also used by/);
    assert.equal(api.notes().filter(n => n.id === 'DUP').length, 2, 'both duplicates are kept');
    assert.equal(api.search('kinesis firehose')[0]?.title, 'Broken yaml but kinesis firehose body');
    assert.equal(api.search('timestream rollups')[0]?.id, 'GOOD');
    assert.equal(api.notes().filter(n => n.source === 'bundled').length, 18);
    assert.ok(api.notes().some(n => n.id === 'SVS401'), 'the other folder is unaffected');
    for (const [name] of files) await vscode.workspace.fs.delete(vscode.Uri.joinPath(mine, name));
    await waitFor(() => !api.notes().some(n => n.id === 'GOOD'), { timeout: 10_000 });
  });

  test('hostile note text is escaped in hovers and tooltips', async () => {
    await cfg().update('notesFolders', ['team-notes', 'my-notes'], vscode.ConfigurationTarget.Workspace);
    const evil = vscode.Uri.joinPath(mine, 'hostile.md');
    await write(
      evil,
      '---\nid: EVIL1\ntitle: "<img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new)"\n---\n# <script>alert(1)</script>\n\n- Amazon Braket [click me](command:workbench.action.terminal.new) **bold** <b>html</b>\n',
    );
    await waitFor(() => api.notes().some(n => n.id === 'EVIL1'), { timeout: 10_000 });
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'new BraketClient({});\n' });
    const md = await hoverText(doc.uri, new vscode.Position(0, 6));
    assert.match(md, /EVIL1/);
    assert.doesNotMatch(md, /\]\(command:workbench/, 'no live command link from note text');
    assert.doesNotMatch(md, /(^|[^\\])<(img|script|b)\b/, 'no raw HTML from note text');
    assert.match(md, /— Amazon Braket click me \\\*\\\*bold/, 'the mention shows the link as its text, the rest escaped');
    assert.match(md, /\\\[run\\\]\\\(command\\:workbench/, 'a title with a link is shown as the text it is');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 6));
    const content = hovers.flatMap(h => h.contents).find(c => typeof c !== 'string' && c.value.includes('EVIL1')) as vscode.MarkdownString;
    assert.ok(content);
    assert.deepEqual(content.isTrusted, { enabledCommands: ['reinventNotes.openNote', 'reinventNotes.search'] });
    assert.ok(!content.supportHtml);
    const key = evil.toString();
    const node = api.tree.provider.noteNode(key)!;
    const tooltip = api.tree.provider.getTreeItem(node).tooltip as vscode.MarkdownString;
    assert.doesNotMatch(tooltip.value, /(^|[^\\])<img/);
    assert.ok(!tooltip.isTrusted);
    await vscode.workspace.fs.delete(evil);
    await waitFor(() => !api.notes().some(n => n.id === 'EVIL1'), { timeout: 10_000 });
  });

  test('a symlink loop in a notes folder does not hang indexing', async function () {
    // VS Code's file system API cannot create symlinks: this needs Node's fs on the workspace's disk
    const why = 'needs Node fs (symlinkSync) on a file: workspace; the web worker has neither';
    let fs: typeof import('fs');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      fs = require('fs');
      if (typeof fs.symlinkSync !== 'function' || mine.scheme !== 'file') return skipTest(this, why);
    } catch {
      return skipTest(this, why);
    }
    const loop = vscode.Uri.joinPath(mine, 'loop');
    fs.symlinkSync(mine.fsPath, loop.fsPath, 'dir');
    try {
      await write(vscode.Uri.joinPath(mine, 'LOOP1.md'), '# Loop survivor\n\n- amazon mq brokers\n');
      await api.userNotes.reload();
      assert.equal(api.notes().filter(n => n.title === 'Loop survivor').length >= 1, true);
    } finally {
      fs.unlinkSync(loop.fsPath);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(mine, 'LOOP1.md'));
    }
  });

  test('New Note creates a note from the template and indexes it', async () => {
    const uri = (await vscode.commands.executeCommand('reinventNotes.newNote', {
      folder: mine.toString(),
      id: 'DOP999',
      title: 'My new session',
      track: 'Developer Tools',
    })) as vscode.Uri;
    assert.ok(uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    await waitFor(() => api.notes().some(n => n.id === 'DOP999'), { timeout: 10_000, message: 'the new note was not indexed' });
    assert.equal(groupOf(api, uri.toString()), 'Developer Tools');
    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await sleep(300);
    await screenshot('user-notes');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });
});
