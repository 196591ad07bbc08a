// Stage 5 of the search (plan → retrieve → rank → locate → snippet): the line a hit shows, cut around
// the match, Markdown block markers removed, with the matched ranges moved into the cut text.

const SNIPPET_CHARS = 120;

export interface Snippet {
  snippet: string;
  /** [start, end) ranges of the matched text inside `snippet`. */
  highlights: [number, number][];
}

/** Strip Markdown block markers and cut a long line around [from, to); `ranges` are offsets in `line`. */
export function makeSnippet(line: string, from: number, to: number, ranges: [number, number][]): Snippet {
  let start = 0;
  let end = line.length;
  const marker = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)*/.exec(line);
  if (marker && marker[0].length <= from) start = marker[0].length;
  while (end > start && /\s/.test(line[end - 1])) end--;
  let prefix = '';
  let suffix = '';
  if (end - start > SNIPPET_CHARS) {
    const before = 30;
    let s = Math.max(start, Math.min(from - before, end - SNIPPET_CHARS));
    let e = Math.min(end, s + SNIPPET_CHARS);
    if (to > e && to - from < SNIPPET_CHARS) {
      e = Math.min(end, to + 10);
      s = Math.max(start, e - SNIPPET_CHARS);
    }
    if (s > start) prefix = '…';
    if (e < end) suffix = '…';
    start = s;
    end = e;
  }
  // never cut a surrogate pair in half
  if (start > 0 && line.charCodeAt(start) >= 0xdc00 && line.charCodeAt(start) <= 0xdfff) start++;
  if (end < line.length && line.charCodeAt(end - 1) >= 0xd800 && line.charCodeAt(end - 1) <= 0xdbff) end--;
  const snippet = prefix + line.slice(start, end) + suffix;
  const highlights: [number, number][] = [];
  for (const [a, b] of ranges) {
    const hs = Math.max(a, start) - start + prefix.length;
    const he = Math.min(b, end) - start + prefix.length;
    if (he > hs) highlights.push([hs, he]);
  }
  return { snippet, highlights };
}
