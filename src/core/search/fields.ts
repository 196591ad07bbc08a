// What the search index holds of a note: its fields, how much each counts, and the MiniSearch options
// (the same when the index is built, loaded and queried).
import type { Options } from 'minisearch';
import { indexTerms, isCjkTerm } from '../tokenizer';
import { isStoredCjk, storedLength, toStored } from '../indexTerms';
import { stemTerm } from './stem';
import { type NoteRecord, offsetOfLine } from '../notes';
import { RENDERING_LANGS, type Rendering } from '../renderings';

/** A note's renderings, in the order of RENDERING_LANGS. */
export function renderingsOf(r: NoteRecord): Rendering[] {
  const out: Rendering[] = [];
  if (r.renderings) for (const lang of RENDERING_LANGS) if (r.renderings[lang]) out.push(r.renderings[lang] as Rendering);
  return out;
}

// (a bundled note's renderings in the readers' languages are a second index of one field, `rendered`:
// their bodies, from their `#` titles on; see RenderedDoc)
export const FIELDS = ['id', 'title', 'title_en', 'services', 'tags', 'track', 'headings', 'body'] as const;
export const BOOST: Record<string, number> = {
  id: 3,
  title: 3,
  title_en: 3,
  services: 2.5,
  tags: 2,
  track: 1.5,
  headings: 1.5,
  body: 1,
  rendered: 0.8,
};

/** The field of the renderings' text. */
export const RENDERED_FIELD = 'rendered';

/** Where a one-letter query, or the prefix of one CJK character, looks: typing starts cheap. */
export const SHORT_QUERY_FIELDS = ['id', 'title', 'title_en', 'headings'];

/** The fields that are the note's own words (not its metadata): a word found there is no typo. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set(['body', 'title', 'title_en', 'headings', 'rendered']);

export interface IndexedDoc {
  key: string;
  id: string;
  title: string;
  title_en: string;
  services: string;
  tags: string;
  track: string;
  headings: string;
  body: string;
}

/** A bundled note's renderings, as the renderings' index holds them. */
export interface RenderedDoc {
  key: string;
  rendered: string;
}

export function toDoc(r: NoteRecord): IndexedDoc {
  const bodyStart = offsetOfLine(r.text, r.bodyLine);
  return {
    key: r.key,
    id: r.id,
    title: r.title,
    title_en: r.title_en,
    services: r.services.join(' \n '),
    tags: r.tags.join(' \n '),
    track: [r.track ?? '', r.kind].join(' '),
    headings: r.headings.map(h => h.text).join(' \n '),
    body: r.text.slice(bodyStart),
  };
}

/**
 * The renderings' document of a note, when it has renderings: the lines that say something the
 * original's line does not (a line a rendering repeats, because it was in that language already,
 * is found in the original).
 */
export function toRenderedDoc(r: NoteRecord): RenderedDoc | undefined {
  const list = renderingsOf(r);
  if (!list.length) return undefined;
  const own = r.text.split('\n').slice(r.bodyLine - 1).map(l => l.trim());
  const lines: string[] = [];
  for (const x of list) {
    const body = x.text.split('\n').slice(x.bodyLine - 1);
    body.forEach((line, i) => {
      if (line.trim() && line.trim() !== own[i]) lines.push(line);
    });
  }
  return { key: r.key, rendered: lines.join('\n') };
}

/** The options of the renderings' index: the main index's, over its one field. */
export function renderedOptions(): Options<RenderedDoc> {
  const main = miniSearchOptions() as unknown as Options<RenderedDoc>;
  return { ...main, fields: [RENDERED_FIELD] };
}

/** The MiniSearch options, the same when the index is built and when it is loaded. */
export function miniSearchOptions(): Options<IndexedDoc> {
  return {
    idField: 'key',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: text => indexTerms(text).map(t => toStored(stemTerm(t), isCjkTerm(t))),
    processTerm: term => term,
    searchOptions: {
      boost: BOOST,
      combineWith: 'OR',
      tokenize: text => text.split(' '),
      processTerm: term => term,
      // CJK: a lone character finds the bigrams it starts; bigrams match exactly. Latin: the word
      // being typed (the last, see retrieve) is a prefix from three letters on; two-letter prefixes
      // expand to hundreds of terms. Typos: a second pass.
      prefix: term => (isStoredCjk(term) ? storedLength(term) === 1 : term.length >= 3),
      fuzzy: false,
      maxFuzzy: 2,
      weights: { fuzzy: 0.45, prefix: 0.4 },
    },
  };
}
