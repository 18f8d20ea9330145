// Markdown building blocks that text from a plan can't break: no raw HTML, no early </details>, no @mention, #issue or
// GH-123 links, no broken tables, no images, no bidirectional overrides, and no name long enough to swamp a comment.

export const MAX_NAME_CHARS = 120;
const ZERO_WIDTH_SPACE = '\u200b';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks: a name holding them displays in
 * another order than it is ("Trojan Source"), so a reviewer would read another name. Shown as U+FFFD instead.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHOWN_INSTEAD = '\ufffd';

function oneLine(text: string, max: number): string {
  const flat = text.replace(CONTROL, ' ').replace(BIDI, SHOWN_INSTEAD);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Plain text for a markdown paragraph, list item or table cell. */
export function escapeText(text: string, max = MAX_NAME_CHARS): string {
  return (
    oneLine(text, max)
      // Entities would be decoded: &lt;script&gt; must stay text.
      .replace(/&(?=#?\w+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Emphasis, code, links and images, tables, strikethrough.
      .replace(/[\\`*_[\]|~]/g, '\\$&')
      // @mentions, #123 references and bare URLs are linked by GitHub after rendering: a zero-width space breaks
      // them, so text from a plan can't ping people or plant links. GitHub mentions only an @ that starts the text
      // or follows a non-word character (its MentionFilter: (?:^|\W)@name), so an email or login reads as itself.
      .replace(/(^|[^A-Za-z0-9_])@/g, `$1@${ZERO_WIDTH_SPACE}`)
      .replace(/#/g, `#${ZERO_WIDTH_SPACE}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}-`)
      .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
  );
}

/** Text that starts a line: as escapeText, and no heading, quote, list or rule either. */
export function escapeLine(text: string, max = MAX_NAME_CHARS): string {
  return escapeText(text, max)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([>+=-])/, '\\$1');
}

/** An inline code span that holds any text: the fence is longer than any run of backticks inside. */
export function code(text: string, max = MAX_NAME_CHARS): string {
  const flat = oneLine(text, max);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block that no line inside can close early. */
export function codeBlock(lines: readonly string[], language = ''): string {
  const body = lines.map((line) => line.replace(CONTROL, ' ').replace(BIDI, SHOWN_INSTEAD)).join('\n');
  const longest = Math.max(0, ...(body.match(/`{3,}|~{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

export function table(
  header: readonly string[],
  align: readonly ('left' | 'right')[],
  rows: readonly string[][],
): string {
  const rule = align.map((a) => (a === 'right' ? '--:' : ':--'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts `text` to at most `budget` bytes at a line break, with a closing note. */
export function truncateToBudget(text: string, budget: number, note: string): string {
  if (byteLength(text) <= budget) return text;
  const room = budget - byteLength(note) - 2;
  let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, room)).toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  const lastBreak = cut.lastIndexOf('\n');
  return `${lastBreak > 0 ? cut.slice(0, lastBreak) : cut}\n\n${note}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
