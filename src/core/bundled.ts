// The bundled notes, indexed at build time by esbuild.mjs: loading them parses no Markdown.
import serialized from 'virtual:bundled-notes';
import rendered from 'virtual:bundled-renderings';
import { NotesIndex, type SerializedIndex } from './notesIndex';
import { stamp } from './userNotes';

/** A fresh NotesIndex over the bundled notes, loaded from the prebuilt index (MiniSearch loadJSON). */
export function openBundledNotes(): NotesIndex {
  if (!rendered) return NotesIndex.load(serialized);
  return NotesIndex.load({ ...(JSON.parse(serialized) as SerializedIndex), rendered });
}

let bundledStampValue: string | undefined;

/** Identifies this build's bundled notes (a cached index of user notes is only valid with them). */
export function bundledStamp(): string {
  bundledStampValue ??= stamp(serialized);
  return bundledStampValue;
}
