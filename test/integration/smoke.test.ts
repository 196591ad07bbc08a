// Smoke test of the integration harness: the extension loads in a real VS Code.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, getExtension, screenshot, skipTest } from './helpers';

suite('smoke', () => {
  test(`extension ${extensionId} is present and activates`, async () => {
    const { extension } = await getExtension();
    assert.strictEqual(extension.isActive, true);
  });

  test('in a --vsix run, it is the installed package that runs', async function () {
    // the harness's runner extension sets VSCODE_HOST_SUITE; the extension is then an installed one
    if (typeof process === 'undefined' || !process.env?.VSCODE_HOST_SUITE) return skipTest(this, 'not a --vsix run');
    const { extension } = await getExtension();
    assert.strictEqual(extension.packageJSON.isUnderDevelopment, false);
    assert.match(extension.extensionPath, /reinvent-notes\.reinvent-notes-\d+\.\d+\.\d+/);
  });

  test('command reinventNotes.search is registered', async () => {
    await getExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('reinventNotes.search'), 'reinventNotes.search is not registered');
  });

  test('sessions view container opens', async function () {
    await getExtension();
    const open = 'workbench.view.extension.reinventNotes';
    if (!(await vscode.commands.getCommands(true)).includes(open)) return this.skip(); // not contributed yet
    await vscode.commands.executeCommand(open);
    await screenshot('smoke', { settleMs: 1000 });
  });
});
