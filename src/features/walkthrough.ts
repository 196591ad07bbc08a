// The first-run walkthrough's two commands: open the sample CDK stack (to hover a service in it) and
// open chat with a question for #reinventNotes. The steps themselves are package.json `walkthroughs`.
import * as vscode from 'vscode';
import type { NotesHost } from './shared';

export const SAMPLE_FILE = 'media/walkthrough/cdk-sample-stack.ts';

export function registerWalkthrough(context: vscode.ExtensionContext, host: NotesHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reinventNotes.openSample', async () => {
      // an untitled copy: the reader can edit it, and nothing in the extension's folder changes
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, SAMPLE_FILE));
      const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: new TextDecoder().decode(bytes) });
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const at = doc.getText().indexOf('FargateService');
      if (at !== -1) {
        const pos = doc.positionAt(at + 1);
        editor.selection = new vscode.Selection(pos, pos);
        editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
      }
      return doc;
    }),
    vscode.commands.registerCommand('reinventNotes.askAgent', async () => {
      const query = vscode.l10n.t('#reinventNotes What do my re:Invent notes say about cell-based architecture?');
      try {
        await vscode.commands.executeCommand('workbench.action.chat.open', { query, isPartialQuery: true });
      } catch (e) {
        host.log.info(`chat is not available here: ${(e as Error).message}`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Chat is not available in this editor. Ask with {0} in an editor that has chat.', '#reinventNotes'));
      }
    }),
  );
}
