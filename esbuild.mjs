// Build: node esbuild.mjs [--production] [--watch]
//
// 1. Generates the Han folding table (Japanese shinjitai / traditional → simplified) from OpenCC's
//    dictionaries (opencc-js, a build-time dependency): module `virtual:han-fold`.
// 2. Builds the core once, indexes notes/*.md with it and serializes the index (MiniSearch toJSON):
//    module `virtual:bundled-notes`. Activation then loads it with loadJSON and parses no Markdown.
// 3. Bundles the extension (one file for the Node and the web worker extension hosts), dist/core.js
//    and dist/cli.js (CommonJS, no vscode), and the unit and integration test suites into out/test/.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);
const t0 = Date.now();

// ---- 1. Han folding table -------------------------------------------------------------------
async function loadDict(name) {
  const text = (await import(`opencc-js/dict/${name}`)).default;
  const map = new Map();
  for (const entry of text.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1) map.set(from, to);
  }
  return map;
}

async function hanFoldPairs() {
  const jp = await loadDict('JPShinjitaiCharacters'); // 会 → 會
  const tw = await loadDict('TWVariantsRev'); // Taiwan variant → standard traditional
  const hk = await loadDict('HKVariantsRev');
  const ts = await loadDict('TSCharacters'); // 會 → 会
  const fold = c => {
    let x = jp.get(c) ?? c;
    x = tw.get(x) ?? hk.get(x) ?? x;
    return ts.get(x) ?? x;
  };
  const keys = new Set([...jp.keys(), ...tw.keys(), ...hk.keys(), ...ts.keys()]);
  let pairs = '';
  for (const c of [...keys].sort()) {
    const f = fold(c);
    // the fold must keep lengths: one UTF-16 unit to one unit
    if (f !== c && c.length === 1 && f.length === 1) pairs += c + f;
  }
  return pairs;
}

function virtualModules(modules) {
  return {
    name: 'virtual-modules',
    setup(build) {
      build.onResolve({ filter: /^virtual:/ }, args => ({ path: args.path, namespace: 'virtual' }));
      build.onLoad({ filter: /.*/, namespace: 'virtual' }, args => {
        if (!(args.path in modules)) return { errors: [{ text: `unknown virtual module ${args.path}` }] };
        return { contents: `export default ${JSON.stringify(modules[args.path])};`, loader: 'js' };
      });
    },
  };
}

// gray-matter requires `fs` for matter.read(), which the extension never calls; the web worker has no fs.
const emptyFsForBrowser = {
  name: 'empty-fs',
  setup(build) {
    build.onResolve({ filter: /^(fs|node:fs)$/ }, () => ({ path: 'fs', namespace: 'empty-fs' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-fs' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const hanFold = await hanFoldPairs();

// ---- 2. Index the bundled notes -------------------------------------------------------------
const buildDir = join(root, 'out', 'build');
mkdirSync(buildDir, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'src/core/index.ts')],
  outfile: join(buildDir, 'core-bootstrap.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  plugins: [virtualModules({ 'virtual:han-fold': hanFold, 'virtual:bundled-notes': '' })],
});
const bootstrap = require(join(buildDir, 'core-bootstrap.js'));
const notesDir = join(root, 'notes');
const noteFiles = readdirSync(notesDir)
  .filter(f => f.endsWith('.md'))
  .sort()
  .map(f => ({ path: `notes/${f}`, text: readFileSync(join(notesDir, f), 'utf8'), renderings: renderingsOf(f) }));
// the renderings of each note in the readers' languages (notes/i18n/<lang>/<same file>), kept in its record
function renderingsOf(file) {
  const found = [];
  for (const lang of bootstrap.RENDERING_LANGS) {
    const path = `notes/i18n/${lang}/${file}`;
    if (!existsSync(join(root, path))) continue;
    const { rendering, problem } = bootstrap.parseRendering(path, readFileSync(join(root, path), 'utf8'));
    if (problem) {
      console.error(`notes: ${problem}`);
      process.exit(1);
    }
    found.push(rendering);
  }
  return found;
}
const renderingCount = noteFiles.reduce((n, f) => n + f.renderings.length, 0);
const bundledIndex = bootstrap.buildNotesIndex(noteFiles, { source: 'bundled' });
const bundledProblems = bundledIndex.problems();
if (bundledProblems.length) {
  for (const p of bundledProblems) console.error(`notes: ${p.path}: ${p.reason}`);
  process.exit(1);
}
// (without the renderings' search index: the records hold the renderings, and it is built from them after activation)
const { rendered: _renderingsIndex, ...bundledData } = bundledIndex.serialize();
const bundledNotes = JSON.stringify(bundledData);
const modules = { 'virtual:han-fold': hanFold, 'virtual:bundled-notes': bundledNotes };

// ---- 3. Bundles ------------------------------------------------------------------------------
const common = {
  bundle: true,
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  charset: 'utf8',
};
const nodeTarget = { ...common, platform: 'node', target: 'node20' };

const testEntries = dir => {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map(f => join(full, f));
};

const builds = [
  // One bundle for both extension hosts (package.json `main` and `browser`): Node (desktop, remote)
  // and the web worker (vscode.dev, code-server's web host). It uses no Node built-ins; gray-matter's
  // `fs` is an empty module and its `Buffer` a small shim (src/shims/buffer.ts).
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: [join(root, 'src/extension.ts')],
    outfile: join(root, 'dist/extension.js'),
    // node:worker_threads is required only where the host is Node (src/features/userNotes.ts)
    external: ['vscode', 'node:worker_threads'],
    mainFields: ['module', 'main'],
    inject: [join(root, 'src/shims/buffer.ts')],
    plugins: [virtualModules(modules), emptyFsForBrowser],
  },
  {
    ...nodeTarget,
    minify: false,
    entryPoints: { core: join(root, 'src/core/index.ts'), cli: join(root, 'src/cli.ts') },
    outdir: join(root, 'dist'),
    plugins: [virtualModules(modules)],
  },
  // The desktop host's indexing worker (in the .vsix): it is sent the bundled notes' index, so its
  // bundle leaves it out
  {
    ...nodeTarget,
    entryPoints: { notesWorker: join(root, 'src/worker/notesWorker.ts') },
    outdir: join(root, 'dist'),
    plugins: [virtualModules({ ...modules, 'virtual:bundled-notes': '' })],
  },
];
if (!production) {
  builds.push(
    {
      ...nodeTarget,
      sourcemap: 'inline',
      entryPoints: testEntries('test/unit'),
      outdir: join(root, 'out/test/unit'),
      external: ['mocha'],
      plugins: [virtualModules(modules)],
    },
    {
      ...nodeTarget,
      sourcemap: 'inline',
      entryPoints: testEntries('test/integration'),
      outdir: join(root, 'out/test/integration'),
      external: ['vscode', 'mocha'],
      plugins: [virtualModules(modules)],
    },
    // Web test bundle: the same integration test files for the WEB WORKER extension host
    // (`node test/host/vscode-host.mjs test --web`; entry test/web/index.ts). The worker evaluates the
    // suite with a `require` that knows only `vscode`, so mocha's browser build, the npm `assert`
    // polyfill and a module-local `process` (inject: test/web/process-shim.ts) are bundled in.
    // `module`/`exports` are undefined so that mocha's UMD (a "type": "module" package, whose free
    // `module` would be the worker's) sets globals instead of replacing this bundle's exports.
    {
      ...common,
      platform: 'browser',
      target: 'es2022',
      sourcemap: 'inline',
      entryPoints: [join(root, 'test/web/index.ts')],
      outfile: join(root, 'out/test/web/index.js'),
      external: ['vscode'],
      inject: [join(root, 'test/web/process-shim.ts')],
      define: { module: 'undefined', exports: 'undefined' },
      plugins: [virtualModules(modules)],
    },
  );
}

if (production) rmSync(join(root, 'dist'), { recursive: true, force: true });
if (watch) {
  const contexts = await Promise.all(builds.filter(b => b.entryPoints.length !== 0).map(b => esbuild.context(b)));
  await Promise.all(contexts.map(c => c.watch()));
  console.log('[esbuild] watching (the bundled notes index is rebuilt on restart)');
} else {
  await Promise.all(builds.filter(b => Object.keys(b.entryPoints).length !== 0).map(b => esbuild.build(b)));
  writeFileSync(join(root, 'dist/notes-index.json'), bundledNotes);
  console.log(
    `[esbuild] ${production ? 'production' : 'development'} build: ${noteFiles.length} notes indexed (${renderingCount} renderings), ` +
      `index ${(bundledNotes.length / 1024).toFixed(0)} KB, Han fold ${hanFold.length / 2} pairs, ${Date.now() - t0} ms`,
  );
}
