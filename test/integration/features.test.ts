// The editor features, exercised through VS Code's public API inside a real VS Code.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import type { SessionsNode } from '../../src/features/sessionsTree';
import { getExtension, hoverText, screenshot, sleep, waitFor } from './helpers';

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}


/** Position of `needle` (plus `offset` characters) in a document. */
async function positionOf(uri: vscode.Uri, needle: string, offset = 1): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`);
  return doc.positionAt(at + offset);
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Run the search command with a query, accept the first item, return the editor it opened. */
async function searchAndPick(query: string): Promise<vscode.TextEditor> {
  const picked = vscode.commands.executeCommand('reinventNotes.search', query);
  await sleep(400);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  const target = await picked;
  assert.ok(target, `nothing picked for ${query}`);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'reinvent-notes', { message: `no note opened for ${query}` });
  return vscode.window.activeTextEditor as vscode.TextEditor;
}

suite('re:Invent Notes in VS Code', () => {
  let api: ReinventNotesApi;

  suiteSetup(async () => {
    api = (await getExtension()).exports as ReinventNotesApi;
    // these tests read the notes as written (test/integration/language.test.ts reads the renderings)
    await vscode.workspace.getConfiguration('reinventNotes').update('noteLanguage', 'original', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('reinventNotes').update('noteLanguage', undefined, vscode.ConfigurationTarget.Global);
  });

  teardown(closeAll);

  test('activates and exposes its API', () => {
    assert.equal(api.notes().filter(n => n.source === 'bundled').length, 18);
    assert.equal(api.search('爆炸半径')[0].id, 'ARC411-R');
    assert.deepEqual(api.findServices('new ecs.FargateService(this)', 'typescript').map(m => m.name), ['ECS', 'Fargate']);
    assert.deepEqual(api.problems().filter(p => p.path.startsWith('notes/')), []);
  });

  test('the sessions tree shows every note under its group', async () => {
    const provider = api.tree.provider;
    const roots = provider.getChildren() as SessionsNode[];
    const labels = roots.map(r => (r.type === 'group' ? r.label : '')).filter(l => l !== 'My notes');
    assert.deepEqual(labels, ['Overview', 'Keynotes', 'Architecture', 'Containers', 'Serverless', 'Security', 'Startups', 'AI/ML', 'Developer Tools']);
    const byGroup: Record<string, string[]> = {};
    for (const root of roots) {
      const label = root.type === 'group' ? root.label : '';
      byGroup[label] = (provider.getChildren(root) as SessionsNode[])
        .map(n => (n.type === 'note' ? api.index.note(n.key)! : undefined))
        .filter(n => n && n.source === 'bundled')
        .map(n => n!.id);
    }
    assert.deepEqual(byGroup.Overview.sort(), ['highlights', 'impressions', 'logistics', 'midnight-madness']);
    assert.deepEqual(byGroup.Keynotes, ['KYN201', 'KYN202', 'KYN204']);
    assert.deepEqual(byGroup.Architecture, ['ARC335-R', 'ARC349-R1', 'ARC411-R']);
    assert.deepEqual(byGroup.Containers, ['CON323-R1', 'CON325-R', 'CON421-R']);
    assert.deepEqual(byGroup['AI/ML'], ['AIM207-R5']);
    assert.equal(Object.values(byGroup).flat().length, 18);

    const arc = provider.noteNode('notes/ARC411-R.md')!;
    const item = provider.getTreeItem(arc);
    assert.match(String(typeof item.label === 'string' ? item.label : item.label?.label), /^ARC411-R\s+通过基于细胞的架构减小爆炸半径/);
    assert.equal(item.description, api.index.note('ARC411-R')!.title_en);
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Architecture/);
    const headings = provider.getChildren(arc) as SessionsNode[];
    assert.ok(headings.length >= 2, 'a session expands into its headings');

    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await api.tree.view.reveal(headings[0], { select: true, expand: true });
    await sleep(500);
    await screenshot('sessions-tree');
  });

  test('clicking a heading opens the note at that heading, read-only', async () => {
    const provider = api.tree.provider;
    const arc = provider.noteNode('notes/ARC335-R.md')!;
    const heading = (provider.getChildren(arc) as SessionsNode[])[0];
    assert.equal(heading.type, 'heading');
    const item = provider.getTreeItem(heading);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor(() => vscode.window.activeTextEditor, { message: 'no editor opened' });
    assert.equal(editor.document.uri.scheme, 'reinvent-notes');
    assert.equal(editor.document.languageId, 'markdown');
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.equal(line, `${'#'.repeat(heading.type === 'heading' ? heading.heading.level : 2)} ${heading.type === 'heading' ? heading.heading.text : ''}`);
    // typing into the note changes nothing: bundled notes are read-only
    const before = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: 'typed into a read-only note' });
    await sleep(200);
    assert.equal(editor.document.getText(), before, 'bundled notes are read-only');
    assert.equal(editor.document.isDirty, false);
  });

  test('the tree follows the active editor', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
    await vscode.commands.executeCommand('reinventNotes.openNote', { key: 'notes/KYN202.md' });
    await waitFor(() => api.tree.view.selection[0]?.type === 'note' && (api.tree.view.selection[0] as { key: string }).key === 'notes/KYN202.md', {
      message: 'KYN202 was not selected in the tree',
    });
  });

  for (const { query, id } of [
    { query: 'shuffle sharding', id: 'ARC349-R1' },
    { query: '爆炸半径', id: 'ARC411-R' },
    { query: '企業内ドキュメント', id: 'highlights' },
    { query: 'capacity providers', id: 'CON325-R' },
  ]) {
    test(`search "${query}" opens ${id} at the matching line with the match selected`, async () => {
      const [best] = api.search(query);
      assert.equal(best.id, id);
      const editor = await searchAndPick(query);
      assert.equal(editor.document.uri.path, `/notes/${id}.md`);
      assert.equal(editor.selection.active.line + 1, best.line);
      const selected = editor.document.getText(editor.selection);
      assert.equal(selected, editor.document.lineAt(best.line - 1).text.slice(best.column, best.column + best.length));
      assert.ok(selected.length > 0);
    });
  }

  test('the search quick pick shows results as you type (screenshot)', async () => {
    // 服务 (simplified) also finds 服務 (traditional) in the highlights note
    assert.ok(api.search('服务').some(h => h.id === 'highlights'));
    const picked = vscode.commands.executeCommand('reinventNotes.search', '服务');
    await sleep(800);
    await screenshot('search-quickpick');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await picked, undefined);
  });

  test('search starts with the service name under the cursor', async () => {
    const uri = workspaceFile('cdk/service-stack.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const pos = await positionOf(uri, 'FargateService(', 2);
    editor.selection = new vscode.Selection(pos, pos);
    const picked = vscode.commands.executeCommand('reinventNotes.search');
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const target = (await picked) as { key: string } | undefined;
    assert.ok(target);
    assert.equal(target.key, `notes/${api.search('Fargate')[0].id}.md`);
  });

  test('hover on new ecs.FargateService in a CDK stack', async () => {
    const uri = workspaceFile('cdk/service-stack.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const pos = await positionOf(uri, 'FargateService(this', 3);
    const text = await hoverText(uri, pos);
    assert.match(text, /\*\*Fargate\*\*/);
    assert.match(text, /KYN202/);
    assert.match(text, /command:reinventNotes\.openNote\?/);
    assert.match(text, /command:reinventNotes\.search\?/);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('hover-cdk');
  });

  test('hover on aws_dynamodb_table in Terraform', async () => {
    const uri = workspaceFile('terraform/main.tf');
    const text = await hoverText(uri, await positionOf(uri, 'aws_dynamodb_table', 6));
    assert.match(text, /\*\*DynamoDB\*\*/);
    assert.match(text, /ARC335-R|ARC411-R/);
  });

  test('hover on AWS::SQS::Queue in CloudFormation YAML', async () => {
    const uri = workspaceFile('cloudformation/queue.yaml');
    const text = await hoverText(uri, await positionOf(uri, 'AWS::SQS::Queue', 6));
    assert.match(text, /\*\*SQS\*\*/);
    assert.match(text, /ARC411-R/);
  });

  test('no hover on Python lambda expressions, and none for services the notes never mention', async () => {
    const uri = workspaceFile('python/handler.py');
    assert.equal(await hoverText(uri, await positionOf(uri, 'lambda x: x', 2)), '');
    assert.equal(await hoverText(uri, await positionOf(uri, 'lambda record', 2)), '');
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const c = new BraketClient({}); // Amazon Braket\n' });
    assert.deepEqual(api.findServices(doc.getText(), 'typescript').map(m => m.name), ['Braket', 'Braket']);
    assert.equal(await hoverText(doc.uri, new vscode.Position(0, 16)), '');
  });

  test('boto3 clients get hovers', async () => {
    const uri = workspaceFile('python/handler.py');
    assert.match(await hoverText(uri, await positionOf(uri, '"dynamodb"', 3)), /\*\*DynamoDB\*\*/);
    assert.match(await hoverText(uri, await positionOf(uri, '"secretsmanager"', 3)), /\*\*Secrets Manager\*\*/);
  });

  test('the hover setting turns hovers off and limits them to languages', async () => {
    const uri = workspaceFile('cdk/service-stack.ts');
    const pos = await positionOf(uri, 'FargateService(this', 3);
    const cfg = vscode.workspace.getConfiguration('reinventNotes');
    try {
      await cfg.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
      assert.equal(await hoverText(uri, pos), '');
      await cfg.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      await cfg.update('hover.languages', ['python'], vscode.ConfigurationTarget.Global);
      assert.equal(await hoverText(uri, pos), '');
      await cfg.update('hover.languages', ['typescript'], vscode.ConfigurationTarget.Global);
      assert.match(await hoverText(uri, pos), /Fargate/);
    } finally {
      await cfg.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      await cfg.update('hover.languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('grouping by AWS service uses the data the hover uses', async () => {
    const cfg = vscode.workspace.getConfiguration('reinventNotes');
    try {
      await vscode.commands.executeCommand('reinventNotes.groupByService');
      await waitFor(() => api.tree.provider.groupBy === 'service');
      const roots = api.tree.provider.getChildren() as SessionsNode[];
      const fargate = roots.find(r => r.type === 'service' && r.name === 'Fargate');
      assert.ok(fargate && fargate.type === 'service');
      const keys = (api.tree.provider.getChildren(fargate) as SessionsNode[]).map(n => (n.type === 'note' ? n.key : '')).sort();
      assert.deepEqual(keys, api.index.mentionsOf('Fargate').map(m => m.note.key).sort());
      await vscode.commands.executeCommand('workbench.view.extension.reinventNotes');
      await sleep(400);
      await screenshot('sessions-by-service');
    } finally {
      await cfg.update('sessions.groupBy', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => api.tree.provider.groupBy === 'track');
  });

  test('the preview setting opens the Markdown preview', async () => {
    const cfg = vscode.workspace.getConfiguration('reinventNotes');
    try {
      await cfg.update('openMode', 'preview', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reinventNotes.openNote', { key: 'notes/ARC411-R.md' });
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label.includes('ARC411-R'), { message: 'no preview tab' });
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
      assert.ok(tab.input instanceof vscode.TabInputWebview, 'the preview is a webview');
    } finally {
      await cfg.update('openMode', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
