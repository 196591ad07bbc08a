// Reading in your language, in a real VS Code: `reinventNotes.noteLanguage` turns the tree, the
// search items, the hovers and the opened notes into the reader's rendering, with the original one
// step away (the hover's original line, the editor-title switch, the tree's "Open Original").
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import type { InThisFileNode } from '../../src/features/inThisFile';
import type { SessionsNode } from '../../src/features/sessionsTree';
import { noteLineIn } from '../../src/features/shared';
import { getExtension, hoverText, screenshot, skipTest, sleep, waitFor } from './helpers';

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

/** Markdown the hover escaped, as the reader sees it. */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function activeNote(path: string): Promise<vscode.TextEditor> {
  return waitFor(() => (vscode.window.activeTextEditor?.document.uri.path === path ? vscode.window.activeTextEditor : undefined), {
    message: `${path} is not the active editor (it is ${vscode.window.activeTextEditor?.document.uri.toString()})`,
  });
}

suite('Reading in your language', () => {
  let api: ReinventNotesApi;
  const setLanguage = (value: string | undefined) =>
    vscode.workspace.getConfiguration('reinventNotes').update('noteLanguage', value, vscode.ConfigurationTarget.Global);

  suiteSetup(async () => {
    api = (await getExtension()).exports as ReinventNotesApi;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setLanguage(undefined);
  });

  test('with noteLanguage ja the tree shows Japanese titles and headings (screenshot)', async () => {
    await setLanguage('ja');
    const provider = api.tree.provider;
    const notes = api.notes().filter(n => n.source === 'bundled');
    let kana = 0;
    for (const summary of notes) {
      const note = api.index.note(summary.key)!;
      const ja = note.renderings?.ja;
      assert.ok(ja, `${note.id} has a Japanese rendering`);
      const item = provider.getTreeItem(provider.noteNode(note.key)!);
      assert.ok(labelOf(item).endsWith(ja.title), `${note.id}: "${labelOf(item)}" is not the Japanese title "${ja.title}"`);
      if (KANA.test(labelOf(item))) kana++;
      if (ja.title !== note.title) assert.equal(item.description, note.title, `${note.id}: the original title stays beside it`);
    }
    assert.ok(kana >= notes.length - 2, `only ${kana} of ${notes.length} labels are in Japanese script`);
    // headings too: CON325-R's "Application first" section
    const con = provider.noteNode('notes/CON325-R.md')!;
    const headings = (provider.getChildren(con) as SessionsNode[]).map(h => labelOf(provider.getTreeItem(h)));
    assert.ok(headings.includes('アプリケーションファースト'), `headings: ${headings.join(' | ')}`);

    // a note open beside it, in Japanese, at its "application first" section
    const original = api.index.note('notes/CON325-R.md')!.text.split('\n').indexOf('## application first') + 1;
    assert.ok(original > 0);
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: 'notes/CON325-R.md', line: original });
    await activeNote('/notes/i18n/ja/CON325-R.md');
    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await api.tree.view.reveal(con, { select: true, expand: true });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await sleep(600);
    await screenshot('language-tree-ja');
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  });

  test('a rendering opens read-only in the notes scheme, at the aligned line', async () => {
    await setLanguage('ja');
    const note = api.index.note('notes/CON325-R.md')!;
    const original = note.text.split('\n').findIndex(l => l === '## Application First' || /^## /.test(l) && /application/i.test(l)) + 1;
    assert.ok(original > 0, 'CON325-R has an application-first heading');
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: note.key, line: original });
    const editor = await activeNote('/notes/i18n/ja/CON325-R.md');
    assert.equal(editor.document.uri.scheme, 'reinvent-notes');
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## アプリケーションファースト');
    const before = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: 'typed into a rendering' });
    await sleep(200);
    assert.equal(editor.document.getText(), before, 'renderings are read-only');
    // the tree follows a rendering to its note
    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await waitFor(() => (api.tree.view.selection[0] as { key?: string } | undefined)?.key === note.key, { message: 'the tree did not select CON325-R' });
  });

  test('a search hit opens in the reader\'s language at the aligned line', async () => {
    await setLanguage('ja');
    const [best] = api.search('capacity providers');
    assert.equal(best.id, 'CON325-R');
    const note = api.index.note(best.key)!;
    const ja = note.renderings!.ja!;
    const picked = vscode.commands.executeCommand('reinventNotes.search', 'capacity providers');
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picked;
    const editor = await activeNote('/notes/i18n/ja/CON325-R.md');
    const lang = best.matched?.lang === 'ja' ? 'ja' : 'original';
    const want = lang === 'ja' ? best.matched!.line : best.line - note.bodyLine + ja.bodyLine;
    assert.equal(editor.selection.active.line + 1, want, 'the rendering opens at the line aligned with the hit');
    assert.ok(!editor.selection.isEmpty, 'the match (or its aligned line) is selected');
  });

  test('an English query for a Chinese-only passage opens the note at that line (screenshot)', async function () {
    await setLanguage('en');
    const query = 'people leaving their seats';
    const note = api.index.note('notes/KYN201.md')!;
    const line = note.text.split('\n').indexOf('有人离开座位引人注目。') + 1;
    assert.ok(line > 0, 'the Chinese-only passage is in KYN201');
    const [best] = api.search(query);
    if (!best?.matched) skipTest(this, 'cross-language search (SearchHit.matched) is not in this build of the core');
    assert.equal(best.id, 'KYN201');
    assert.equal(best.line, line, 'the hit lands on the passage in the original');
    assert.equal(best.matched.lang, 'en');
    const picked = vscode.commands.executeCommand('reinventNotes.search', query);
    await sleep(500);
    await screenshot('language-search-en');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picked;
    const editor = await activeNote('/notes/i18n/en/KYN201.md');
    assert.equal(editor.selection.active.line + 1, best.matched.line);
    assert.match(editor.document.getText(editor.selection), /leaving|seats|people/i);
    // the original, one step away, at the passage
    await vscode.commands.executeCommand('reinventNotes.openOriginal');
    const orig = await activeNote('/notes/KYN201.md');
    assert.equal(orig.selection.active.line + 1, line);
  });

  test('a hover shows the line in the reader\'s language and the original line beneath (screenshot)', async () => {
    await setLanguage('en');
    const uri = workspaceFile('cdk/service-stack.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().indexOf('FargateService(this') + 3);
    const text = unescape(await hoverText(uri, pos));
    assert.match(text, /\*\*Fargate\*\*/);
    // CON325-R: the English title, its line in English, then the original line
    const con = api.index.note('notes/CON325-R.md')!;
    assert.ok(text.includes(`CON325-R · ${con.renderings!.en!.title}`), 'the note title is in English');
    // each note's line in English; the original beneath it only where the two differ
    const lines = api.index.mentionsOf('Fargate').map(m => noteLineIn(api.index.note(m.note.key)!, m.line, 'en')).filter(l => text.includes(`— ${l.text}`));
    const differing = lines.filter(l => l.text !== l.original);
    assert.ok(differing.length > 0, `no line of the hover differs from its original:\n${text}`);
    for (const l of differing) assert.ok(text.includes(`— ${l.text}  \n  Original: ${l.original}`), `"${l.text}" lacks its original beneath:\n${text}`);
    for (const l of lines.filter(x => x.text === x.original)) assert.ok(!text.includes(`— ${l.text}  \n  Original:`), `"${l.text}" repeats itself`);
    assert.ok(!text.includes('借助亞馬遜'), 'no original title in the English hover');

    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('language-hover-en');
  });

  test('the editor-title switch goes to the original at the same line, and back (screenshot)', async () => {
    await setLanguage('ja');
    const note = api.index.note('notes/CON325-R.md')!;
    const ja = note.renderings!.ja!;
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: note.key });
    const editor = await activeNote('/notes/i18n/ja/CON325-R.md');
    const line = ja.text.split('\n').findIndex(l => l.startsWith('- 原則')) + 1;
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line - 1, 4, line - 1, 4);
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    await sleep(300);
    await screenshot('language-switch-ja');

    await vscode.commands.executeCommand('reinventNotes.openOriginal');
    const orig = await activeNote('/notes/CON325-R.md');
    const at = orig.selection.active.line + 1;
    assert.equal(at, line - ja.bodyLine + note.bodyLine, 'the original opens at the aligned line');
    assert.notEqual(orig.document.lineAt(at - 1).text, editor.document.lineAt(line - 1).text, 'the original line is the author\'s');
    await sleep(300);
    await screenshot('language-switch-original');

    await vscode.commands.executeCommand('reinventNotes.openRendering');
    const back = await activeNote('/notes/i18n/ja/CON325-R.md');
    assert.equal(back.selection.active.line + 1, line, 'and back at the same line');
  });

  test('the tree and In This File views have "Open Original"', async () => {
    await setLanguage('ja');
    const provider = api.tree.provider;
    const con = provider.noteNode('notes/CON325-R.md')!;
    const heading = (provider.getChildren(con) as SessionsNode[]).find(h => labelOf(provider.getTreeItem(h)) === 'アプリケーションファースト')!;
    assert.ok(heading && heading.type === 'heading');
    await vscode.commands.executeCommand('reinventNotes.openOriginal', heading);
    const orig = await activeNote('/notes/CON325-R.md');
    assert.equal(orig.selection.active.line + 1, heading.heading.line);

    const doc = await vscode.workspace.openTextDocument(workspaceFile('terraform/main.tf'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state === 'found', { message: 'In This File did not scan main.tf' });
    const sqs = (api.inThisFile.provider.getChildren() as InThisFileNode[]).find(r => r.type === 'service' && r.name === 'SQS')!;
    const [first] = api.inThisFile.provider.getChildren(sqs);
    assert.ok(first.type === 'note');
    const item = api.inThisFile.provider.getTreeItem(first);
    const note = api.index.note(first.mention.note.key)!;
    assert.ok(labelOf(item).endsWith(note.renderings!.ja!.title), 'In This File shows the Japanese title');
    assert.equal(item.contextValue, 'fileNote');
    await vscode.commands.executeCommand('reinventNotes.openOriginal', first);
    const opened = await activeNote(`/${note.path}`);
    assert.equal(opened.selection.active.line + 1, first.mention.line);
  });
});
