// Paths and loaders shared by the unit tests (they run from out/test/unit, bundled by esbuild.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RENDERING_LANGS, parseRendering, type NoteFile, type Rendering } from '../../src/core/index';

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

/** The bundled notes with their renderings (notes/i18n/<lang>/<file>), the way esbuild.mjs reads them. */
export function bundledNoteFilesWithRenderings(): NoteFile[] {
  return bundledNoteFiles().map(file => {
    const name = file.path.slice('notes/'.length);
    const renderings: Rendering[] = [];
    for (const lang of RENDERING_LANGS) {
      const path = `notes/i18n/${lang}/${name}`;
      if (!existsSync(join(ROOT, path))) continue;
      const { rendering } = parseRendering(path, readFileSync(join(ROOT, path), 'utf8'));
      if (rendering) renderings.push(rendering);
    }
    return { ...file, renderings };
  });
}
