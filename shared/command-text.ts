/**
 * Finds the command inside a line of advice ("Test from this computer: Test-NetConnection kms1
 * -Port 1688 (TcpTestSucceeded must be True).") so the wizard can give it a copy button and the
 * CLI can print it on a line of its own (a command broken over two lines runs half of itself).
 * A command that holds a placeholder (`<KMS client key>`) is not offered: pasted as it is, it
 * fails or does the wrong thing, so it stays in the prose that says what to put there.
 */
const COMMAND = /(?:^|[\s:(“"'`])((?:cscript\s+(?:\/\/nologo\s+)?\S*slmgr\.vbs|slmgr(?:\.vbs)?|w32tm|Test-NetConnection|Resolve-DnsName|nslookup|net\s+(?:start|stop)|sc\.exe|netsh|dism(?:\.exe)?|DISM|Set-NetFirewallRule|Get-NetFirewallRule|Enable-NetFirewallRule|Install-WindowsFeature|Add-DnsServerResourceRecord\w*|Get-WindowsFeature|slui(?:\.exe)?)\b[^\n]*)/i;

/**
 * Where a command stops inside prose: before " (", "; ", ": ", ", " followed by a word
 * (", with the key …", ", then …"), " on the ", " as ", or a sentence end.
 */
const COMMAND_END = /\s+\((?!\S*\))|;\s|:\s|,\s+[a-z]|\s+(?:on|in|from)\s+the\s|\s+as\s+an?\s|\s+and\s+(?:then|restart|check)\b|\s+when\s|[.!?”"'`](?:\s|$)|\.$/;

/** A placeholder the technician must fill in: `<KMS client key>`, `<client subnets>`. */
const PLACEHOLDER = /<[^<>]+>/;

export interface CommandInText {
  before: string;
  command: string;
  after: string;
}

/** The length of the command up to the first closing bracket that has no opening one. */
function beforeUnmatchedClose(text: string): number {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (c in pairs) {
      if (open[open.length - 1] !== pairs[c]) return i;
      open.pop();
    }
  }
  return text.length;
}

/** Tools named in prose ("if slmgr then reports …") rather than run: their next word is not an argument. */
const SWITCHED_TOOL = /^(?:cscript|slmgr|w32tm|dism|slui|netsh|sc\.exe)/i;
const PROSE_WORD = /^[a-z]+$/;

function commandAt(text: string, from: number): { found: CommandInText | null; next: number } | null {
  const match = COMMAND.exec(text.slice(from));
  if (!match || match.index === undefined) return null;
  const start = from + match.index + match[0].indexOf(match[1]!);
  let tail = text.slice(start);
  tail = tail.slice(0, beforeUnmatchedClose(tail));
  const end = COMMAND_END.exec(tail);
  const command = (end ? tail.slice(0, end.index) : tail).trim().replace(/[.,;:!?]+$/, '');
  const next = start + Math.max(1, command.length);
  const [tool, argument] = command.split(/\s+/);
  if (command.length < 4 || argument === undefined || PLACEHOLDER.test(command)) return { found: null, next };
  if (tool && SWITCHED_TOOL.test(tool) && PROSE_WORD.test(argument)) return { found: null, next };
  return { found: { before: text.slice(0, start), command, after: text.slice(start + command.length) }, next };
}

/** The first command in the text that can be pasted as it stands, or null. */
export function findCommand(text: string): CommandInText | null {
  for (let from = 0; from < text.length; ) {
    const at = commandAt(text, from);
    if (!at) return null;
    if (at.found) return at.found;
    from = at.next;
  }
  return null;
}
