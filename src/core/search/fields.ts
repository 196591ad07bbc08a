// What the search index holds of a note: its fields, how much each counts, and the MiniSearch options
// (the same when the index is built, loaded and queried).
import type { Options } from 'minisearch';
import { indexTerms, isCjkTerm } from '../tokenizer';
import { isStoredCjk, storedLength, toStored } from '../indexTerms';
import { type NoteRecord, offsetOfLine } from '../notes';

export const FIELDS = ['id', 'title', 'title_en', 'services', 'tags', 'track', 'headings', 'body'] as const;
export const BOOST: Record<string, number> = { id: 3, title: 3, title_en: 3, services: 2.5, tags: 2, track: 1.5, headings: 1.5, body: 1 };

/** Where a one-letter query, or the prefix of one CJK character, looks: typing starts cheap. */
export const SHORT_QUERY_FIELDS = ['id', 'title', 'title_en', 'headings'];

/** The fields that are the note's own words (not its metadata): a word found there is no typo. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set(['body', 'title', 'title_en', 'headings']);

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

/** The MiniSearch options, the same when the index is built and when it is loaded. */
export function miniSearchOptions(): Options<IndexedDoc> {
  return {
    idField: 'key',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: text => indexTerms(text).map(t => toStored(t, isCjkTerm(t))),
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
