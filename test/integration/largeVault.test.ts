// A large notes folder: 2,000 notes generated into the test workspace at run time. While they are
// indexed (a worker thread in a Node extension host, slices in the browser's), the sessions tree,
// the hovers and the bundled notes' search keep answering. No timing is asserted: the longest wait
// of the probes is only reported.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import { getExtension, hoverText, skipTest, waitFor } from './helpers';

const NOTES = 2000;
const enc = new TextEncoder();
const WORDS = 'lambda queue stream table bucket cluster shard replica cache topic rule policy role gateway function bridge pipeline'.split(' ');

function noteText(i: number): string {
  const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];
  const lines = [`# Vault note ${i}: ${w(1)} and ${w(2)}`, '', `Marker vaultmark${i.toString(36)}x for note ${i}.`, ''];
  for (let k = 0; k < 30; k++) lines.push(`- ${w(k)} ${w(k + 1)} ${w(k + 2)} notes about the ${w(k + 3)} in part ${k} of note ${i}`);
  return lines.join('\n') + '\n';
}

suite('a large notes folder', function () {
  this.timeout(240_000);
  let api: ReinventNotesApi;
  let vault: vscode.Uri;
  let before: string[] | undefined;
  const cfg = () => vscode.workspace.getConfiguration('reinventNotes');

  suiteSetup(async function () {
    if (!vscode.workspace.isTrusted) return skipTest(this, 'Restricted Mode: the notes folders setting is withheld');
    api = (await getExtension()).exports as ReinventNotesApi;
    await api.userNotes.ready;
    before = cfg().inspect<string[]>('notesFolders')?.workspaceValue;
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    vault = vscode.Uri.joinPath(ws.uri, 'large-vault');
    for (let i = 0; i < NOTES; i += 100) {
      const folder = vscode.Uri.joinPath(vault, `part-${Math.floor(i / 100)}`);
      await vscode.workspace.fs.createDirectory(folder);
      await Promise.all(Array.from({ length: 100 }, (_, k) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `note-${i + k}.md`), enc.encode(noteText(i + k)))));
    }
  });

  suiteTeardown(async () => {
    if (!api) return;
    await cfg().update('notesFolders', before, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vault, { recursive: true });
    await api.userNotes.reload();
  });

  test('2,000 notes index while the tree, the hovers and the bundled notes answer', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri;
    const tf = vscode.Uri.joinPath(ws, 'terraform', 'main.tf');
    const doc = await vscode.workspace.openTextDocument(tf);
    const at = doc.positionAt(doc.getText().indexOf('aws_dynamodb_table') + 6);
    await cfg().update('notesFolders', [...(before ?? []), 'large-vault'], vscode.ConfigurationTarget.Workspace);
    let indexing = true;
    const done = api.userNotes.reload().finally(() => (indexing = false));
    let answered = 0;
    let longest = 0;
    while (indexing) {
      const t0 = Date.now();
      assert.ok(api.search('Fargate').length > 0, 'the bundled notes are searched meanwhile');
      assert.ok((api.tree.provider.getChildren() as unknown[]).length > 0, 'the tree answers meanwhile');
      assert.match(await hoverText(tf, at), /DynamoDB/, 'the hover answers meanwhile');
      longest = Math.max(longest, Date.now() - t0);
      if (indexing) answered++;
      await new Promise(r => setTimeout(r, 20));
    }
    await done;
    const user = api.notes().filter(n => n.key.includes('/large-vault/'));
    assert.equal(user.length, NOTES, 'every generated note is indexed');
    assert.equal(api.search(`vaultmark${(1234).toString(36)}x`)[0]?.title, 'Vault note 1234: ' + noteText(1234).split('\n')[0].split(': ')[1]);
    assert.ok(answered > 0, 'the probes answered while the notes were indexed');
    const sync = api.userNotes.lastSync;
    console.log(`    large vault: ${NOTES} notes in ${sync?.ms} ms (${sync?.worker ? 'worker thread' : 'slices in the host'}); ${answered} probe rounds answered meanwhile, the longest took ${longest} ms`);
    if (typeof process !== 'undefined' && process.versions?.node && vscode.env.uiKind !== undefined && vault.scheme === 'file') {
      assert.equal(sync?.worker, true, 'a Node extension host indexes many notes on disk in a worker thread');
    }
  });
});
