// extensionTestsPath of the runner extension (vscode-host.mjs --vsix): the workbench only runs tests
// for an extension in development mode, so this code-less extension is the development extension and
// delegates to the real suite, which then finds the INSTALLED extension with vscode.extensions.getExtension().
exports.run = function run() {
  const suite = process.env.VSCODE_HOST_SUITE;
  if (!suite) return Promise.reject(new Error('VSCODE_HOST_SUITE (the suite module to run) is not set'));
  return require(suite).run();
};
