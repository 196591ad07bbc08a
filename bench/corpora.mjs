// Real Markdown corpora for `node bench/real-corpus.mjs`, taken from bare git mirrors of public
// repositories into bench/corpora/<corpus>/ (ignored by git), with a manifest.json that records the
// repository, the commit and the files each corpus took.
//
//   node bench/corpora.mjs --mirrors /work/.mirror [--corpus en,zh,ja,til]
//
// --mirrors is a folder holding one bare git directory per repository, as <owner>+<name>/repo
// (or <owner>+<name> itself); a repository that is missing there is left out and said so. The
// selection is deterministic: the files of each source sorted by path, each source capped, the
// corpus cut at its size in the order of its sources.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'corpora');

/**
 * Corpus → its size and sources: repository, which paths (a RegExp on the path), most files taken.
 * The PowerShell references keep one version beside the conceptual docs: a vault holds one copy of
 * a page, and five near-identical versions of each cmdlet page would make "the" document of a
 * title a coin toss for any search. (For the same reason, tldr's traditional Chinese pages stay
 * out: the search folds them onto the simplified ones, near-copies of the same title.)
 */
export const CORPORA = {
  en: {
    size: 10_000,
    sources: [
      { repo: 'MicrosoftDocs/PowerShell-Docs', paths: /^reference\/(docs-conceptual|7\.5)\/.*\.md$/ },
      { repo: 'ruby/www.ruby-lang.org', paths: /^en\/.*\.md$/ },
      { repo: 'obsidianmd/obsidian-help', paths: /^(en|Release notes)\/.*\.md$/ },
      { repo: 'tldr-pages/tldr', paths: /^pages\/.*\.md$/ },
    ],
  },
  zh: {
    size: 5_000,
    sources: [
      { repo: 'pingcap/docs-cn', paths: /^(?!\.github\/).*\.md$/ },
      { repo: 'Stzx/PowerShell-Docs.zh-cn', paths: /^reference\/(docs-conceptual|7\.1)\/.*\.md$/ },
      { repo: 'ruby/www.ruby-lang.org', paths: /^zh_cn\/.*\.md$/ },
      { repo: 'tldr-pages/tldr', paths: /^pages\.zh\/.*\.md$/ },
    ],
  },
  ja: {
    size: 5_000,
    sources: [
      { repo: 'sashizaki/PowerShell-Docs.ja-jp', paths: /^reference\/(docs-conceptual|7\.2)\/.*\.md$/ },
      { repo: 'NuGet/docs.microsoft.com-nuget.ja-jp', paths: /^docs\/.*\.md$/ },
      { repo: 'OfficeDev/office-js-docs-pr.ja-jp', paths: /^docs\/.*\.md$/ },
      { repo: 'ruby/www.ruby-lang.org', paths: /^ja\/.*\.md$/ },
      { repo: 'tldr-pages/tldr', paths: /^pages\.ja\/.*\.md$/ },
      { repo: 'vuejs-translations/docs-ja', paths: /^src\/.*\.md$/ },
      { repo: 'asciidwango/js-primer', paths: /^source\/.*\.md$/ },
      { repo: 'MicrosoftDocs/edge-developer.ja-JP', paths: /^microsoft-edge\/.*\.md$/ },
    ],
  },
  til: {
    size: 5_000,
    sources: [{ repo: 'jbranchaud/til', paths: /^(?!README\.md$).*\/.*\.md$/ }],
  },
};

function gitDir(mirrors, repo) {
  const base = join(mirrors, repo.replace('/', '+'));
  for (const d of [join(base, 'repo'), base]) if (existsSync(join(d, 'HEAD'))) return d;
  return undefined;
}

const git = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** The blobs of a list of paths at HEAD, through one `git cat-file --batch`. */
function readBlobs(dir, entries) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--git-dir', dir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', c => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const all = Buffer.concat(chunks);
      const blobs = [];
      let at = 0;
      for (let i = 0; i < entries.length; i++) {
        const nl = all.indexOf(10, at);
        const [, , size] = all.subarray(at, nl).toString().split(' ');
        const n = Number(size);
        blobs.push(all.subarray(nl + 1, nl + 1 + n));
        at = nl + 1 + n + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(entries.map(e => e.sha).join('\n') + '\n');
  });
}

async function makeCorpus(name, mirrors) {
  const spec = CORPORA[name];
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = { corpus: name, made: new Date().toISOString(), size: spec.size, files: 0, bytes: 0, sources: [], missing: [] };
  for (const source of spec.sources) {
    const left = spec.size - manifest.files;
    if (left <= 0) break;
    const gd = gitDir(mirrors, source.repo);
    if (!gd) {
      manifest.missing.push(source.repo);
      process.stderr.write(`corpora: ${name}: no mirror of ${source.repo} in ${mirrors}; left out\n`);
      continue;
    }
    const commit = git(gd, 'rev-parse', 'HEAD').trim();
    const entries = git(gd, 'ls-tree', '-r', '-z', 'HEAD')
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const [meta, path] = line.split('\t');
        const [mode, type, sha] = meta.split(' ');
        return { mode, type, sha, path };
      })
      .filter(e => e.type === 'blob' && e.mode !== '120000' && source.paths.test(e.path))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, Math.min(left, source.max ?? Infinity));
    const blobs = await readBlobs(gd, entries);
    const folder = source.repo.replace('/', '+');
    let bytes = 0;
    entries.forEach((e, i) => {
      const file = join(dir, folder, e.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, blobs[i]);
      bytes += blobs[i].length;
    });
    manifest.sources.push({ repo: source.repo, commit, paths: String(source.paths), files: entries.length, bytes, folder });
    manifest.files += entries.length;
    manifest.bytes += bytes;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stderr.write(`corpora: ${name}: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB from ${manifest.sources.map(s => `${s.repo}@${s.commit.slice(0, 10)}`).join(', ')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i !== -1 ? process.argv[i + 1] : fallback;
  };
  const mirrors = arg('mirrors');
  if (!mirrors) {
    process.stderr.write('usage: node bench/corpora.mjs --mirrors <folder of owner+name/repo bare git dirs> [--corpus en,zh,ja,til]\n');
    process.exit(64);
  }
  for (const name of arg('corpus', Object.keys(CORPORA).join(',')).split(',')) {
    if (!CORPORA[name]) throw new Error(`unknown corpus ${name}`);
    await makeCorpus(name, mirrors);
  }
}
