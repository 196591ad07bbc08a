// Restricted Mode (the harness opens the sample workspace untrusted with --workspace-trust): the
// bundled notes, search and hovers work; the notes folder from the workspace settings is not read.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import { getExtension, hoverText, screenshot, skipTest, sleep } from './helpers';

suite('Restricted Mode (untrusted workspace)', function () {
  let api: ReinventNotesApi;

  suiteSetup(async function () {
    if (vscode.workspace.isTrusted) return skipTest(this, 'the workspace is trusted (run with --workspace-trust)');
    api = (await getExtension()).exports as ReinventNotesApi;
  });

  test('the extension runs, with the bundled notes only', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api.userNotes.ready;
    await api.userNotes.idle();
    await sleep(500);
    assert.equal(api.notes().length, 18);
    assert.ok(api.notes().every(n => n.source === 'bundled'));
    assert.equal(api.search('爆炸半径')[0].id, 'ARC411-R');
    assert.deepEqual(api.search('Step Functions orchestrate').filter(h => h.id === 'SVS401'), []);
    // the workspace does ask for a folder, but VS Code withholds the restricted setting
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vscode', 'settings.json')));
    assert.match(settings, /"reinventNotes\.notesFolders": \["team-notes"\]/);
    assert.equal(vscode.workspace.getConfiguration('reinventNotes').inspect<string[]>('notesFolders')?.workspaceValue, undefined);
  });

  test('hovers and search still work', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'Type: AWS::SQS::Queue\n' });
    const text = await hoverText(doc.uri, new vscode.Position(0, 12));
    assert.match(text, /\*\*SQS\*\*/);
    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await sleep(500);
    await screenshot('restricted-mode');
  });
});
