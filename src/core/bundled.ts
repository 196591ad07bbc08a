// The bundled notes, indexed at build time by esbuild.mjs: loading them parses no Markdown.
import serialized from 'virtual:bundled-notes';
import { NotesIndex } from './notesIndex';
import { stamp } from './userNotes';

/** A fresh NotesIndex over the bundled notes, loaded from the prebuilt index (MiniSearch loadJSON). */
export function openBundledNotes(): NotesIndex {
  return NotesIndex.load(serialized);
}

/** The prebuilt index as text: what the indexing worker opens (its own bundle leaves it out). */
export function bundledIndexText(): string {
  return serialized;
}

let bundledStampValue: string | undefined;

/** Identifies this build's bundled notes (a cached index of user notes is only valid with them). */
export function bundledStamp(): string {
  bundledStampValue ??= stamp(serialized);
  return bundledStampValue;
}
