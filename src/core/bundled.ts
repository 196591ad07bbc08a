// The bundled notes, indexed at build time by esbuild.mjs: loading them parses no Markdown.
import serialized from 'virtual:bundled-notes';
import { NotesIndex } from './notesIndex';

/** A fresh NotesIndex over the bundled notes, loaded from the prebuilt index (MiniSearch loadJSON). */
export function openBundledNotes(): NotesIndex {
  return NotesIndex.load(serialized);
}
