// Markdown that never trusts note text: every ASCII punctuation character is backslash-escaped (so
// `command:` links, HTML tags, emphasis, headings and autolinks in a note render as plain text) and
// line breaks become spaces. The extension's own links are built separately with commandLink().

const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** `text` as inert Markdown inline text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(PUNCTUATION, ch => '\\' + ch);
}

/** A `command:` URI with JSON arguments, for Markdown links to the extension's own commands. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** A line of Markdown as a reader sees it: autolinks `<https://…>` and links `[text](url)` reduced to their text. */
export function readableLine(line: string): string {
  return line.replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1').replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, '$1');
}
