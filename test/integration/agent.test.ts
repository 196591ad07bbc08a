// Where assistants and power users reach the notes: the language model tools, Go to Symbol in
// Workspace, the query language in the quick pick, and the walkthrough.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReinventNotesApi } from '../../src/extension';
import { getExtension, hoverText, screenshot, sleep, waitFor } from './helpers';

const TOOLS = ['reinventNotes_readNote', 'reinventNotes_search', 'reinventNotes_service'];

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('\n');
}

/** The note ids of a tool answer, in order ("1. [ARC411-R] …" lines, or "[ID] …" for service mentions). */
function idsOf(text: string): string[] {
  return [...text.matchAll(/^(?:\d+\. )?\[([^\]]+)\]/gm)].map(m => m[1]);
}

suite('agent tools, Go to Symbol, query syntax, walkthrough', () => {
  let api: ReinventNotesApi;
  let extension: vscode.Extension<unknown>;
  /** How the tools were called: through vscode.lm.invokeTool, or (when the host refuses without a chat session) the extension's API. */
  let invokeVia: 'lm.invokeTool' | 'api' = 'lm.invokeTool';

  async function invoke(name: string, input: object): Promise<string> {
    if (invokeVia === 'lm.invokeTool') {
      try {
        return textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));
      } catch (e) {
        console.log(`vscode.lm.invokeTool(${name}) failed outside a chat session (${(e as Error).message}); using the extension's API`);
        invokeVia = 'api';
      }
    }
    const tools = api.agentTools;
    const answer = name === 'reinventNotes_search' ? tools.search(input as never) : name === 'reinventNotes_service' ? tools.service(input as never) : tools.read(input as never);
    return answer.text;
  }

  suiteSetup(async () => {
    const ext = await getExtension();
    extension = ext.extension;
    api = ext.exports as ReinventNotesApi;
    await api.userNotes.ready;
    // these tests read the notes as the author wrote them; the reader's language has its own test below
    await vscode.workspace.getConfiguration('reinventNotes').update('noteLanguage', 'original', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(() => vscode.workspace.getConfiguration('reinventNotes').update('noteLanguage', undefined, vscode.ConfigurationTarget.Global));

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('vscode.lm.tools lists the three tools with their input schemas', async () => {
    const ours = await waitFor(() => {
      const found = vscode.lm.tools.filter(t => t.name.startsWith('reinventNotes_'));
      return found.length === 3 ? found : undefined;
    }, { message: 'the tools in vscode.lm.tools' });
    assert.deepEqual(ours.map(t => t.name).sort(), TOOLS);
    const search = ours.find(t => t.name === 'reinventNotes_search');
    assert.ok(search);
    const schema = search.inputSchema as { properties: Record<string, { type: string }>; required: string[] };
    assert.deepEqual(schema.required, ['query']);
    assert.equal(schema.properties.query.type, 'string');
    assert.deepEqual(Object.keys(schema.properties).sort(), ['limit', 'query', 'service', 'track']);
    assert.match(search.description, /track:containers/);
    for (const t of ours) assert.ok(t.tags.includes('reinvent-notes'), `${t.name} tags`);
    const contributed = (extension.packageJSON.contributes.languageModelTools as { name: string; toolReferenceName: string; canBeReferencedInPrompt: boolean }[]);
    assert.deepEqual(contributed.map(t => [t.name, t.toolReferenceName, t.canBeReferencedInPrompt]).sort(), [
      ['reinventNotes_readNote', 'reinventNotesRead', true],
      ['reinventNotes_search', 'reinventNotes', true],
      ['reinventNotes_service', 'reinventNotesService', true],
    ]);
  });

  test('the search tool finds the right notes for an English, a Chinese and a filtered query', async () => {
    const en = await invoke('reinventNotes_search', { query: 'shuffle sharding', limit: 3 });
    assert.equal(idsOf(en)[0], 'ARC349-R1', en);
    assert.match(en, /English: Beyond five 9s/);
    assert.match(en, /line \d+: .*shuffle shard/i);
    assert.match(en, /reinvent-notes:\/notes\/ARC349-R1\.md#L\d+/);
    const zh = await invoke('reinventNotes_search', { query: '爆炸半径' });
    assert.equal(idsOf(zh)[0], 'ARC411-R', zh);
    const filtered = await invoke('reinventNotes_search', { query: 'control plane', track: 'Containers' });
    assert.ok(idsOf(filtered).length > 0 && idsOf(filtered).every(id => id.startsWith('CON')), filtered);
    console.log(`tools invoked via ${invokeVia}`);
  });

  test('the service tool lists every mention, by any name of the service', async () => {
    const text = await invoke('reinventNotes_service', { service: 'Amazon Elastic Kubernetes Service' });
    assert.match(text, /^The notes mention EKS \d+ times/, text);
    for (const id of ['CON325-R', 'CON421-R', 'KYN202', 'highlights']) assert.ok(idsOf(text).includes(id), `${id} in ${text}`);
    const read = await invoke('reinventNotes_readNote', { id: 'ARC411-R', lang: 'en' });
    assert.match(read, /^id: ARC411-R$/m);
    assert.match(read, /# ARC411-R/);
    assert.match(read, /^language: en /m, 'the English rendering');
    assert.match(read, /Reducing blast radius with cell-based architectures/);
  });

  test('the tools see the notes folders exactly as search does (Workspace Trust)', async () => {
    const text = await invoke('reinventNotes_search', { query: 'Step Functions orchestrate' });
    const fromSearch = api.search('Step Functions orchestrate', { limit: 10 }).map(h => h.id);
    assert.deepEqual(idsOf(text), fromSearch);
    assert.equal(idsOf(text).includes('SVS401'), vscode.workspace.isTrusted, `trusted ${vscode.workspace.isTrusted}: ${text}`);
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'SVS401');
    assert.equal(symbols.some(s => s.name.startsWith('SVS401')), vscode.workspace.isTrusted);
  });

  test('Go to Symbol in Workspace lists notes and headings, and stays out of the way', async () => {
    const byId = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ARC411');
    const note = byId.find(s => s.location.uri.toString() === 'reinvent-notes:/notes/ARC411-R.md');
    assert.ok(note, byId.map(s => `${s.name} ${s.location.uri.toString()}`).join(', '));
    assert.equal(note.kind, vscode.SymbolKind.File);
    assert.match(note.name, /^ARC411-R /);
    const patterns = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'patterns');
    const heading = patterns.find(s => s.kind === vscode.SymbolKind.String && s.name === '10 patterns');
    assert.ok(heading, patterns.map(s => s.name).join(', '));
    assert.equal(heading.location.uri.path, '/notes/ARC349-R1.md');
    const doc = await vscode.workspace.openTextDocument(heading.location.uri);
    assert.equal(doc.lineAt(heading.location.range.start.line).text, '## 10 patterns', 'the symbol is at its heading');
    // a word of the text: the line, named by its text so that Ctrl+T's own filter keeps it
    const shuffle = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'shuffle');
    const line = shuffle.find(s => s.location.uri.path === '/notes/ARC349-R1.md' && /shuffle/i.test(s.name));
    assert.ok(line, shuffle.map(s => s.name).join(', '));
    assert.match(doc.lineAt(line.location.range.start.line).text, /shuffle/i);
    assert.match(line.containerName, /10 patterns · ARC349-R1/);
    // ours point at a position; the built-in Markdown provider also answers, for the notes it has open, with sections
    const ours = (list: vscode.SymbolInformation[]) => list.filter(s => s.location.uri.scheme === 'reinvent-notes' && s.location.range.isEmpty);
    const one = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'a');
    assert.deepEqual(ours(one), [], 'one character is too short');
    const many = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'aws');
    assert.ok(ours(many).length > 0 && ours(many).length <= 50, `${ours(many).length} symbols`);
    // what a user sees with Ctrl+T
    await vscode.commands.executeCommand('workbench.action.quickOpen', '#shuffle');
    await sleep(1500);
    await screenshot('go-to-symbol-shuffle');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('Go to Symbol answers in the reader\'s language and opens the rendering at the heading', async () => {
    const cfg = vscode.workspace.getConfiguration('reinventNotes');
    await cfg.update('noteLanguage', 'ja', vscode.ConfigurationTarget.Global);
    try {
      const byId = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ARC411');
      const note = byId.find(s => s.kind === vscode.SymbolKind.File && s.name.startsWith('ARC411-R'));
      assert.ok(note, byId.map(s => `${s.name} ${s.location.uri.toString()}`).join(', '));
      assert.equal(note.location.uri.path, '/notes/i18n/ja/ARC411-R.md');
      assert.match(note.name, /[\p{Script=Hiragana}\p{Script=Katakana}]/u, `a Japanese title: ${note.name}`);
      assert.match(note.containerName, /通过基于细胞的架构减小爆炸半径/, 'the author\'s title beside it');
      const doc = await vscode.workspace.openTextDocument(note.location.uri);
      assert.match(doc.lineAt(note.location.range.start.line).text, /^# ARC411-R/, 'at the title heading of the rendering');
      // an English word of an English heading: found in the original, named and opened as written
      const patterns = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'patterns');
      const heading = patterns.find(s => s.kind === vscode.SymbolKind.String && s.name === '10 patterns');
      assert.ok(heading, patterns.map(s => `${s.name} ${s.location.uri.path}`).join(', '));
    } finally {
      await cfg.update('noteLanguage', 'original', vscode.ConfigurationTarget.Global);
    }
  });

  test('the quick pick turns a misspelled filter into an item that fixes it', async () => {
    const picked = vscode.commands.executeCommand('reinventNotes.search', 'trak:containers');
    await sleep(500);
    await screenshot('search-misspelled-filter');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the fix: track:containers
    await sleep(400);
    await screenshot('search-track-filter');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the first Containers note
    const target = (await picked) as { key: string } | undefined;
    assert.ok(target, 'a note was opened');
    assert.match(target.key, /^notes\/CON/);
  });

  test('track: alone lists the tracks, and picking one filters by it', async () => {
    const picked = vscode.commands.executeCommand('reinventNotes.search', 'track:');
    await sleep(500);
    await screenshot('search-track-values');
    // (the quick pick orders items that match what was typed by itself: which track comes first is VS Code's choice)
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // a track:… item
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the first note of that track
    const target = (await picked) as { key: string } | undefined;
    assert.ok(target, 'a note was opened');
    const track = api.index.note(target.key)?.track;
    assert.ok(track, `${target.key} has a track`);
    assert.ok(api.notes().filter(n => n.track === track).length < api.notes().length, 'a track is a filter');
  });

  test('the walkthrough is contributed with five steps, each with a completion event and its own Markdown', async () => {
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as {
      id: string;
      title: string;
      steps: { id: string; title: string; media: { markdown?: string }; completionEvents: string[] }[];
    }[];
    assert.equal(walkthrough.title, 'Get started with re:Invent Notes');
    assert.deepEqual(walkthrough.steps.map(s => s.id), ['sessions', 'hover', 'search', 'notesFolder', 'agent']);
    const media = new Set<string>();
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      assert.ok(step.media.markdown && !step.media.markdown.includes('%'), `${step.id}: ${step.media.markdown}`);
      media.add(step.media.markdown);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown));
    }
    assert.equal(media.size, 5, 'each step has its own Markdown');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension.id}#${walkthrough.id}`, false);
    await sleep(4000);
    await screenshot('walkthrough');
  });

  test('the walkthrough\'s sample CDK file opens, and its services have hovers', async () => {
    const doc = (await vscode.commands.executeCommand('reinventNotes.openSample')) as vscode.TextDocument;
    assert.equal(doc.languageId, 'typescript');
    assert.equal(doc.uri.scheme, 'untitled');
    const at = doc.positionAt(doc.getText().indexOf('FargateService') + 2);
    const text = await hoverText(doc.uri, at);
    assert.match(text, /\*\*Fargate\*\*/);
    assert.match(text, /CON325-R/);
  });
});
