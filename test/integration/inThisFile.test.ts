// The "In This File" view in a real VS Code: the services of the active editor that the notes
// mention, their notes, a click that opens a note at its line, the first mention revealed, and a
// rescan after an edit.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import type { InThisFileNode } from '../../src/features/inThisFile';
import { getExtension, screenshot, skipTest, sleep, waitFor } from './helpers';

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

suite('In This File view', () => {
  let api: ReinventNotesApi;
  const cfg = () => vscode.workspace.getConfiguration('reinventNotes');

  suiteSetup(async () => {
    api = (await getExtension()).exports as ReinventNotesApi;
    await cfg().update('noteLanguage', 'original', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await cfg().update('noteLanguage', undefined, vscode.ConfigurationTarget.Global);
  });

  teardown(async () => {
    // untitled documents close without a save dialog
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isUntitled && d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const roots = () => api.inThisFile.provider.getChildren() as InThisFileNode[];
  const listed = () => Object.fromEntries(roots().map(r => (r.type === 'service' ? [r.name, r.count] : ['', 0])));

  /** What the view should list for a text: the services found whose notes exist, with their counts. */
  function expected(text: string, languageId: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const m of api.findServices(text, languageId)) counts[m.name] = (counts[m.name] ?? 0) + 1;
    for (const name of Object.keys(counts)) if (!api.index.mentionsOf(name).length) delete counts[name];
    return counts;
  }

  async function openAndWait(uri: vscode.Uri): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state !== 'scanning', { message: `the view did not scan ${uri.path}` });
    return editor;
  }

  for (const { file, services } of [
    { file: 'cdk/service-stack.ts', services: ['DynamoDB', 'ECS', 'Fargate', 'SQS'] },
    { file: 'terraform/main.tf', services: ['DynamoDB', 'Lambda', 'SQS'] },
    { file: 'cloudformation/queue.yaml', services: ['Lambda', 'SQS'] },
  ]) {
    test(`lists the services of ${file} that the notes mention, with their counts`, async () => {
      const editor = await openAndWait(workspaceFile(file));
      const want = expected(editor.document.getText(), editor.document.languageId);
      for (const s of services) assert.ok(want[s], `${s} should be found in ${file}`);
      assert.deepEqual(listed(), want);
      const counts = roots().map(r => (r.type === 'service' ? r.count : 0));
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'the most mentioned service comes first');
      assert.equal(api.inThisFile.view.badge?.value, Object.keys(want).length);
      assert.equal(api.inThisFile.view.description, file.slice(file.lastIndexOf('/') + 1));
      // each service expands into the notes that mention it
      for (const root of roots()) {
        const notes = api.inThisFile.provider.getChildren(root).map(n => (n.type === 'note' ? n.mention.note.key : ''));
        assert.deepEqual(notes.sort(), api.index.mentionsOf(root.type === 'service' ? root.name : '').map(m => m.note.key).sort());
      }
    });
  }

  test('a click on a note opens it at the line that mentions the service; the view stays on the file', async () => {
    const editor = await openAndWait(workspaceFile('terraform/main.tf'));
    const sqs = roots().find(r => r.type === 'service' && r.name === 'SQS')!;
    const [first] = api.inThisFile.provider.getChildren(sqs);
    assert.ok(first && first.type === 'note');
    const item = api.inThisFile.provider.getTreeItem(first);
    assert.match(String(item.label), new RegExp(`^${first.mention.note.id}`));
    assert.ok(item.description, 'a note item shows the line that mentions the service');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const note = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'reinvent-notes' ? vscode.window.activeTextEditor : undefined), { message: 'no note opened' });
    assert.equal(note.document.uri.path, `/${first.mention.note.path}`);
    assert.equal(note.selection.active.line + 1, first.mention.line);
    assert.match(note.document.lineAt(first.mention.line - 1).text, /SQS/i);
    // the opened note does not replace the file in the view
    await sleep(DEBOUNCE_PAUSE);
    assert.equal(api.inThisFile.provider.document, editor.document);
    assert.ok(listed().SQS);
  });

  test('the context-menu entry reveals the first mention in the editor', async () => {
    const uri = workspaceFile('cloudformation/queue.yaml');
    await openAndWait(uri);
    const lambda = roots().find(r => r.type === 'service' && r.name === 'Lambda')!;
    assert.equal(api.inThisFile.provider.getTreeItem(lambda).contextValue, 'fileService');
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: 'notes/ARC411-R.md' }); // another editor in front
    await vscode.commands.executeCommand('reinventNotes.revealInFile', lambda);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined), { message: 'the file was not shown' });
    const selected = editor.document.getText(editor.selection);
    assert.equal(selected, 'lambda');
    const firstLambda = api.findServices(editor.document.getText(), 'yaml').find(m => m.name === 'Lambda')!;
    assert.equal(editor.document.offsetAt(editor.selection.start), firstLambda.start);
  });

  test('typing new sqs.Queue(…) makes SQS appear', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\n\nconst table = new dynamodb.Table(this, 'Rules', {});\n",
    });
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state === 'found', { message: 'the view did not list the table' });
    assert.ok(listed().DynamoDB);
    assert.equal(listed().SQS, undefined);
    const before = roots().length;
    assert.equal(api.inThisFile.view.badge?.value, before);
    editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
    await vscode.commands.executeCommand('type', { text: "const queue = new sqs.Queue(this, 'Jobs');\n" });
    await waitFor(() => listed().SQS === 1, { message: 'SQS did not appear after the edit' });
    assert.equal(api.inThisFile.view.badge?.value, before + 1);
    // and goes away with the line
    const edit = new vscode.WorkspaceEdit();
    const line = doc.lineCount - 2;
    assert.match(doc.lineAt(line).text, /sqs\.Queue/);
    edit.delete(doc.uri, doc.lineAt(line).rangeIncludingLineBreak);
    await vscode.workspace.applyEdit(edit);
    await waitFor(() => !listed().SQS, { message: 'SQS stayed after the line was deleted' });
  });

  test('a file that names no service shows the welcome message, and no badge', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'A shopping list: apples, bread, milk.\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state === 'none', { message: 'the view did not settle on "none"' });
    assert.deepEqual(roots(), []);
    assert.equal(api.inThisFile.view.badge, undefined);
    await vscode.commands.executeCommand('reinventNotes.inThisFile.focus');
    await screenshot('in-this-file-welcome');
  });

  test('a large file is scanned in slices with the same result as one scan', async () => {
    const stack = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('cdk/service-stack.ts')));
    const long = 'const arns = [' + Array.from({ length: 4000 }, (_, i) => `"arn:aws:sqs:us-east-1:123456789012:queue-${i}"`).join(', ') + '];\n';
    const content = stack.repeat(200) + long + stack.repeat(100);
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content });
    await vscode.window.showTextDocument(doc);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state === 'found', { timeout: 60_000, message: 'the large file was not scanned' });
    const want: Record<string, number> = {};
    for (const part of [stack, long]) {
      const times = part === stack ? 300 : 1;
      for (const [name, n] of Object.entries(expected(part, 'typescript'))) want[name] = (want[name] ?? 0) + n * times;
    }
    assert.deepEqual(listed(), want);
    assert.ok(listed().SQS > 4000);
    assert.equal(api.inThisFile.view.message, undefined, 'the whole file was scanned');
  });

  test('past 4 MB the rest of a file is not scanned, and the view says so', async function () {
    const stack = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('cdk/service-stack.ts')));
    const copies = Math.ceil(4_500_000 / stack.length);
    // an untitled document of its own name: the web worker host can hand back an earlier test's
    // closed `Untitled-N` for openTextDocument({ content })
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `/large-stack-${Date.now()}.ts` });
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), stack.repeat(copies));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.window.showTextDocument(doc);
    const full = stack.length * copies;
    const whole = await waitFor(() => doc.getText().length === full, { timeout: 30_000 }).catch(() => false);
    if (!whole) skipTest(this, `this host holds ${doc.getText().length} of the ${full} characters of a large untitled document`);
    const perCopy = expected(stack, 'typescript');
    const scannedCopies = Math.floor(4_000_000 / stack.length);
    await waitFor(() => api.inThisFile.provider.document === doc && api.inThisFile.provider.state === 'found' && listed().SQS >= perCopy.SQS * scannedCopies, {
      timeout: 120_000,
      message: `the first 4 MB of the file were not scanned (SQS ${listed().SQS})`,
    });
    assert.ok(listed().SQS < perCopy.SQS * copies, `SQS ${listed().SQS} of ${perCopy.SQS} × ${copies} copies: only the first 4 MB count`);
    assert.match(api.inThisFile.view.message ?? '', /4 MB/);
  });

  test('the view, with a service expanded (screenshot)', async () => {
    await cfg().update('noteLanguage', 'en', vscode.ConfigurationTarget.Global);
    try {
      await openAndWait(workspaceFile('cdk/service-stack.ts'));
      const fargate = roots().find(r => r.type === 'service' && r.name === 'Fargate')!;
      await vscode.commands.executeCommand('reinventNotes.revealInFile', fargate);
      // room for the notes' titles and lines: the sessions above collapsed, a wider side bar
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await api.inThisFile.view.reveal(fargate, { select: true, focus: true, expand: true });
      await sleep(800);
      await screenshot('in-this-file');
    } finally {
      await cfg().update('noteLanguage', 'original', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    }
  });
});

/** More than the view's debounce: time for a rescan that should not happen. */
const DEBOUNCE_PAUSE = 600;
