/**
 * The CLI's output boundary. Everything a command prints passes through here once:
 *  - control and bidirectional-override characters are removed (a snapshot is attacker-controlled,
 *    and a host name carrying ESC ] 0 ; … BEL would retitle the window, ESC ] 52 would write to the
 *    clipboard, CSI sequences rewrite lines, U+202E reverses what the technician reads);
 *  - readable text is wrapped to the terminal's width with a hanging indent, except lines that are
 *    commands to paste (a hard line break inside a command would run half of it);
 *  - machine output (JSON, the collector script) is never wrapped, and characters a terminal would
 *    act on are written as \u escapes, which keeps the JSON identical in meaning.
 */

/** Width used when stdout is not a terminal (a pipe, a file, a ticket). */
export const DEFAULT_COLUMNS = 100;
/** Narrower than this and wrapping does more harm than good. */
const MIN_COLUMNS = 40;

// Escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC (ESC P|X|^|_ … ESC \), and two-byte ESC x.
// Built from code points so the source holds no raw control characters (and no-control-regex stays quiet).
const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
const ESCAPE_SEQUENCE = new RegExp(
  [`${ESC}\\[[0-?]*[ -/]*[@-~]`, `${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?`, `${ESC}[PX^_][^${ESC}]*(?:${ESC}\\\\)?`, `${ESC}[ -~]?`].join('|'),
  'g',
);

/** True for a code point a terminal acts on or that reorders text: C0 (but tab and newline), DEL, C1, bidi controls. */
export function isTerminalControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a) return false;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  // Bidirectional formatting: LRM, RLM, ALM, LRE…RLO, LRI…PDI.
  return code === 0x200e || code === 0x200f || code === 0x061c || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Text safe to print: escape sequences and control characters removed, CRLF kept as a newline. */
export function stripTerminalControls(text: string): string {
  const withoutSequences = text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCE, '');
  let out = '';
  for (const char of withoutSequences) {
    const code = char.codePointAt(0)!;
    if (!isTerminalControl(code)) out += char;
  }
  return out;
}

/**
 * JSON (or a script) safe to print: the same characters written as \u escapes, nothing removed.
 * CRLF line ends stay (the collector script has them; JSON never carries a raw CR).
 */
export function escapeTerminalControls(text: string): string {
  const chars = [...text];
  return chars
    .map((char, i) => {
      const code = char.codePointAt(0)!;
      const lineEnd = code === 0x0d && chars[i + 1] === '\n';
      return isTerminalControl(code) && !lineEnd ? `\\u${code.toString(16).padStart(4, '0')}` : char;
    })
    .join('');
}

const COMMAND_START = /^(?:\$ |activation-doctor |cscript |slmgr|powershell |pwsh |w32tm |Test-NetConnection |Resolve-DnsName |nslookup |net (?:start|stop) |sc\.exe |netsh |dism |Set-NetFirewallRule |Install-WindowsFeature |Add-DnsServerResourceRecord)/i;

/** A line that is a command to paste: never broken, the terminal soft-wraps it instead. */
export function isCommandLine(line: string): boolean {
  return COMMAND_START.test(line.trim());
}

/** Where a continuation line starts: the indent plus a list marker ("- ", "12. ", "[ok] ", "Next: ", "Licence:   "). */
function hangingIndent(line: string): number {
  const marker = /^(\s*)(?:[-*] |\d{1,3}\. |\[[^\]]{1,3}\] |[A-Z][A-Za-z]{1,11}(?: [a-z]{1,8})?: +)?/.exec(line);
  return marker?.[0].length ?? 0;
}

/**
 * Wraps one line at spaces to `columns`; continuation lines hang under the line's text. Runs of
 * spaces inside the line (table columns, "1. BLOCKER  title") are kept; a line break replaces the
 * run it falls on. A word longer than the line (a URL, a path) stays whole: cutting it breaks it.
 */
export function wrapLine(line: string, columns: number): string[] {
  if (line.length <= columns || isCommandLine(line)) return [line];
  let indent = hangingIndent(line);
  // A marker so wide that little room is left hangs under the line's own indent instead.
  if (columns - indent < 24) indent = /^\s*/.exec(line)![0].length + 2;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  const tokens = line.slice(indent).split(/( +)/).filter((t) => t !== '');
  let current = line.slice(0, indent);
  let hasWord = false;
  let gap = '';
  for (const token of tokens) {
    if (token.startsWith(' ')) {
      gap = token;
      continue;
    }
    const candidate = hasWord ? `${current}${gap}${token}` : `${current}${token}`;
    if (candidate.length <= columns || !hasWord) {
      current = candidate;
      hasWord = true;
    } else {
      out.push(current);
      current = `${pad}${token}`;
    }
    gap = '';
  }
  out.push(current);
  return out;
}

/** Wraps every line of readable text to `columns`. */
export function wrapText(text: string, columns: number): string {
  const width = Math.max(MIN_COLUMNS, columns);
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

/** The width to wrap to: the terminal's, or 100 when the output is not a terminal. */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS;
}

/** Readable text for a terminal: cleaned, then wrapped. */
export function forTerminal(text: string, columns: number): string {
  return wrapText(stripTerminalControls(text), columns);
}
