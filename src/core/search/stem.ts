// English stemming, the same when the index is built and when a query is planned: "strategies" and
// "strategy: pilot light" meet at one term, "deploys" and "deployment" at another. The Porter
// stemmer (the `stemmer` package) does the work; two choices are ours:
// - only words of four letters or more, letters only, are stemmed ("aws", "ec2" and session codes
//   stay as written), and a stem shorter than three letters is not used;
// - a stem's final "i" is spelled "y" again: Porter turns "deploys" into "deploi" but "deployment"
//   into "deploy" (its steps run in an order that leaves a final y only sometimes).
import { stemmer } from 'stemmer';

const STEMMABLE = /^[a-z]{4,}$/;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/** The term a normalized word is indexed and searched under (CJK terms and short words are themselves). */
export function stemTerm(word: string): string {
  if (!STEMMABLE.test(word)) return word;
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stem.endsWith('i')) stem = stem.slice(0, -1) + 'y';
    if (stem.length < 3) stem = word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}
