/**
 * Finds the command inside a line of advice ("Test from this computer: Test-NetConnection kms1
 * -Port 1688 (TcpTestSucceeded must be True).") so the wizard can give it a copy button and the
 * CLI can print it on a line of its own (a command broken over two lines runs half of itself).
 */
const COMMAND = /(?:^|[\s:(“"'`])((?:cscript\s+(?:\/\/nologo\s+)?\S*slmgr\.vbs|slmgr(?:\.vbs)?|w32tm|Test-NetConnection|Resolve-DnsName|nslookup|net\s+(?:start|stop)|sc\.exe|netsh|dism(?:\.exe)?|DISM|Set-NetFirewallRule|Get-NetFirewallRule|Enable-NetFirewallRule|Install-WindowsFeature|Add-DnsServerResourceRecord\w*|Get-WindowsFeature|slui(?:\.exe)?)\b[^\n]*)/i;

/** Where a command stops inside prose: before " (", "; ", ", then", " on the ", " as ", or a sentence end. */
const COMMAND_END = /\s+\((?!\S*\))|;\s|,\s+(?:then|and|or)\b|\s+(?:on|in|from)\s+the\s|\s+as\s+an?\s|\s+and\s+(?:then|restart|check)\b|[.”"'`](?:\s|$)|\.$/;

export interface CommandInText {
  before: string;
  command: string;
  after: string;
}

export function findCommand(text: string): CommandInText | null {
  const match = COMMAND.exec(text);
  if (!match || match.index === undefined) return null;
  const startInMatch = match[0].indexOf(match[1]!);
  const start = match.index + startInMatch;
  const tail = text.slice(start);
  const end = COMMAND_END.exec(tail);
  const command = (end ? tail.slice(0, end.index) : tail).trim();
  if (command.length < 4 || !/\s/.test(command)) return null;
  return { before: text.slice(0, start), command, after: text.slice(start + command.length) };
}
