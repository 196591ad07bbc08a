// The MCP server as a client sees it: `node dist/cli.js mcp` driven over stdio by the SDK's own
// client. (Needs `npm run build` first, as the other CLI tests do.)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');

type TextContent = { type: 'text'; text: string };

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as TextContent[]).map(c => c.text).join('\n');
}

async function connect(args: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...args], stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const client = new Client({ name: 'reinvent-notes-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

describe('MCP server (node dist/cli.js mcp)', function () {
  this.timeout(30_000);
  let client: Client;
  let folder: string;

  before(async () => {
    assert.ok(existsSync(CLI), 'run npm run build first');
    folder = mkdtempSync(join(tmpdir(), 'reinvent-mcp-'));
    writeFileSync(join(folder, 'mine.md'), '---\nid: MINE-1\ntitle: 我的笔记\ntitle_en: My notes on Fargate\ntrack: Containers\n---\n# 我的笔记\n\nFargate Spot 很便宜。\n');
    ({ client } = await connect(['--notes-folder', folder]));
  });

  after(async () => {
    await client?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names itself and lists the three tools with their input schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'reinvent-notes');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map(t => t.name).sort(), ['read_note', 'search_notes', 'service_mentions']);
    const search = tools.find(t => t.name === 'search_notes');
    assert.ok(search?.description?.includes('track:'), 'the description teaches the query syntax');
    assert.deepEqual(search?.inputSchema.required, ['query']);
    assert.ok(search?.inputSchema.properties && 'limit' in search.inputSchema.properties);
    assert.equal(tools.find(t => t.name === 'read_note')?.annotations?.readOnlyHint, true);
  });

  it('searches in English, Chinese, and with the query syntax', async () => {
    const en = textOf(await client.callTool({ name: 'search_notes', arguments: { query: 'blast radius', limit: 3 } }));
    assert.match(en, /^1\. \[ARC411-R\]/m, en);
    assert.match(en, /reinvent-notes:\/\/note\/ARC411-R#L\d+/);
    assert.match(en, /English: Reducing blast radius with cell-based architectures/);
    const zh = textOf(await client.callTool({ name: 'search_notes', arguments: { query: '爆炸半径' } }));
    assert.match(zh, /^1\. \[ARC411-R\]/m, zh);
    const filtered = textOf(await client.callTool({ name: 'search_notes', arguments: { query: 'track:containers -kubernetes' } }));
    assert.deepEqual([...filtered.matchAll(/^\d+\. \[([^\]]+)\]/gm)].map(m => m[1]).sort(), ['CON323-R1', 'CON325-R', 'MINE-1']);
    const typo = await client.callTool({ name: 'search_notes', arguments: { query: 'trak:containers' } });
    assert.equal(typo.isError, true);
    assert.match(textOf(typo), /did you mean track:/);
  });

  it('finds the user\'s notes from --notes-folder', async () => {
    const r = textOf(await client.callTool({ name: 'search_notes', arguments: { query: '便宜' } }));
    assert.match(r, /^1\. \[MINE-1\] 我的笔记 \(English: My notes on Fargate\)/m, r);
  });

  it('lists every line that mentions a service, by any of its names', async () => {
    const r = await client.callTool({ name: 'service_mentions', arguments: { service: 'AWS Fargate' } });
    const text = textOf(r);
    assert.ok(!r.isError);
    assert.match(text, /^The notes mention Fargate \d+ times in 4 notes:/, text);
    for (const id of ['CON325-R', 'KYN202', 'highlights', 'MINE-1']) assert.match(text, new RegExp(`^\\[${id}\\]`, 'm'), id);
    assert.match(text, /line \d+: .*fargate/i);
    const unknown = await client.callTool({ name: 'service_mentions', arguments: { service: 'Frobnicator' } });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /not an AWS service/);
  });

  it('reads a note in a reader\'s language, and the original of a note that has no rendering', async () => {
    const ja = textOf(await client.callTool({ name: 'read_note', arguments: { id: 'KYN202', lang: 'ja' } }));
    assert.match(ja, /^id: KYN202$/m);
    assert.match(ja, /^language: ja /m);
    assert.match(ja, /^lang: ja$/m, 'the Japanese rendering file');
    assert.match(ja, /オンプレミス/);
    const original = textOf(await client.callTool({ name: 'read_note', arguments: { id: 'KYN202' } }));
    assert.match(original, /language: the original/);
    assert.match(original, /# KYN202/);
    assert.doesNotMatch(original, /^lang: ja$/m);
    const mine = textOf(await client.callTool({ name: 'read_note', arguments: { id: 'MINE-1', lang: 'en' } }));
    assert.match(mine, /language: the original \(no en rendering of this note\)/);
    assert.match(mine, /Fargate Spot 很便宜/);
    const missing = await client.callTool({ name: 'read_note', arguments: { id: 'NOPE-1' } });
    assert.equal(missing.isError, true);
  });

  it('offers the notes as resources and reads one', async () => {
    const { resources } = await client.listResources();
    assert.equal(resources.length, 19);
    assert.ok(resources.some(r => r.uri === 'reinvent-notes://note/ARC411-R' && r.mimeType === 'text/markdown'));
    const read = await client.readResource({ uri: 'reinvent-notes://note/ARC411-R' });
    const [content] = read.contents as { uri: string; text: string }[];
    assert.match(content.text, /^---\nid: ARC411-R/);
    await assert.rejects(client.readResource({ uri: 'reinvent-notes://note/NOPE' }), /NOPE/);
  });

  it('answers bad arguments with a clear error and keeps serving', async () => {
    const bad = await client.callTool({ name: 'search_notes', arguments: { query: 42, limit: 'ten' } });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /Invalid arguments for tool search_notes/);
    const noArgs = await client.callTool({ name: 'read_note', arguments: {} });
    assert.equal(noArgs.isError, true);
    const unknownTool = await client.callTool({ name: 'delete_everything', arguments: {} });
    assert.equal(unknownTool.isError, true);
    assert.match(textOf(unknownTool), /not found/);
    const still = textOf(await client.callTool({ name: 'search_notes', arguments: { query: 'shuffle sharding', limit: 1 } }));
    assert.match(still, /\[ARC349-R1\]/);
  });

  it('reports a notes folder it cannot read on stderr and still serves the bundled notes', async () => {
    const { client: other, stderr } = await connect(['--notes-folder', join(folder, 'does-not-exist')]);
    try {
      const r = textOf(await other.callTool({ name: 'search_notes', arguments: { query: 'id:KYN*' } }));
      assert.match(r, /3 notes match/);
      assert.match(stderr(), /does-not-exist/);
    } finally {
      await other.close();
    }
  });
});

describe('CLI with the query syntax and --notes-folder', () => {
  let folder: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'reinvent-cli-'));
    writeFileSync(join(folder, 'mine.md'), '---\nid: MINE-2\ntitle: Team retro\ntrack: Containers\nservices: [EKS]\n---\n# Team retro\n\nWe moved the cluster to EKS managed node groups.\n');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('searches with filters and exclusions, a dash-word being a word and not an option', () => {
    const r = run('search', '--json', 'track:containers', '-kubernetes', '--notes-folder', folder);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { id: string }[]).map(h => h.id).sort(), ['CON323-R1', 'CON325-R', 'MINE-2']);
  });

  it('lists the notes folder in sessions, and the notes about each service a file names', () => {
    assert.match(run('sessions', '--notes-folder', folder).stdout, /^MINE-2\s+Containers\s+Team retro/m);
    const file = join(folder, 'stack.ts');
    writeFileSync(file, "new eks.Cluster(this, 'C');\n");
    const found = JSON.parse(run('services', file, '--json', `--notes-folder=${folder}`).stdout) as { name: string; notes: string[] }[];
    assert.equal(found[0].name, 'EKS');
    assert.ok(found[0].notes.includes('MINE-2') && found[0].notes.includes('CON421-R'), found[0].notes.join(', '));
  });

  it('says what is wrong with a misspelled filter or a bad option', () => {
    const typo = run('search', 'trak:containers');
    assert.equal(typo.status, 1);
    assert.match(typo.stderr, /did you mean track:/);
    const bad = run('search', 'x', '--limt', '3');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option --limt/);
  });
});
