// How terms are spelled inside the MiniSearch index. Latin terms are themselves. A CJK term (a
// bigram or one character) is stored as '_' plus four base-36 digits per code point: MiniSearch's
// radix tree finds a child by scanning its node's keys, and thousands of distinct Han first
// characters at the root made every lookup, insert and load scan hundreds of keys. Spelled this way
// every node has at most 37 children, and a character is still a prefix of the bigrams it starts.
const MARK = '_';
const WIDTH = 4;

export function isStoredCjk(term: string): boolean {
  return term.charCodeAt(0) === 95; // '_'
}

/** A tokenizer term as stored in the index. */
export function toStored(term: string, cjk: boolean): string {
  if (!cjk) return term;
  let out = MARK;
  for (const ch of term) out += (ch.codePointAt(0) as number).toString(36).padStart(WIDTH, '0');
  return out;
}

/** A stored term as the tokenizer spelled it. */
export function fromStored(term: string): string {
  if (!isStoredCjk(term)) return term;
  let out = '';
  for (let i = 1; i + WIDTH <= term.length; i += WIDTH) out += String.fromCodePoint(parseInt(term.slice(i, i + WIDTH), 36));
  return out;
}

/** Characters a stored CJK term spells (1 for a lone character). */
export function storedLength(term: string): number {
  return isStoredCjk(term) ? (term.length - 1) / WIDTH : term.length;
}
