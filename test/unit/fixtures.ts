// Paths and loaders shared by the unit tests (they run from out/test/unit, bundled by esbuild.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, found from the working directory (npm runs tests at the root). */
export const ROOT = resolve(process.cwd());
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const NOTES_DIR = join(ROOT, 'notes');

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function readJsonFixture<T>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/** The bundled notes as files, the way esbuild.mjs reads them. */
export function bundledNoteFiles(): { path: string; text: string }[] {
  return readdirSync(NOTES_DIR)
    .filter(f => f.endsWith('.md'))
    .sort()
    .map(f => ({ path: `notes/${f}`, text: readFileSync(join(NOTES_DIR, f), 'utf8') }));
}
