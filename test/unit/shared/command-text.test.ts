import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { findCommand } from '../../../shared/command-text';
import { ERROR_RECORDS } from '../../../shared/knowledge/errors';
import { SCENARIOS } from '../diagnosis/scenarios';

function balanced(command: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: string[] = [];
  for (const c of command) {
    if ('([{'.includes(c)) open.push(c);
    else if (c in pairs && open.pop() !== pairs[c]) return false;
  }
  return open.length === 0;
}

/** Every line of advice the rules produce on the scenario table, and the error records' next steps. */
const ADVICE = [
  ...new Set([
    ...SCENARIOS.flatMap((sc) => diagnose(sc.snapshot, { reportedCode: sc.reportedCode ?? null }).findings.flatMap((f) => [...f.guidance, f.explanation])),
    ...ERROR_RECORDS.flatMap((r) => r.nextSteps),
  ]),
];

describe('commands found inside advice', () => {
  it('collects enough advice to mean something', () => {
    expect(ADVICE.length).toBeGreaterThan(80);
    expect(ADVICE.filter((t) => findCommand(t)).length).toBeGreaterThan(20);
  });

  it.each(ADVICE.map((t) => [t]))('extracts a whole, pasteable command from %j', (text) => {
    const found = findCommand(text);
    if (!found) return;
    expect(found.before + found.command + found.after).toBe(text);
    expect(balanced(found.command), found.command).toBe(true);
    expect(found.command).not.toMatch(/[.,;:!?]$/);
    expect(found.command).not.toMatch(/<[^>]+>/);
    expect(found.command).not.toMatch(/,\s+[a-z]|\s(?:when|with|then)\s/);
  });

  it.each([
    ["Microsoft recommends turning off KMS host caching on the clients (slmgr /ckhc) when using them (Microsoft's pages disagree).", 'slmgr /ckhc'],
    ['Run slmgr.vbs /dlv: the Description line names the host key group.', 'slmgr.vbs /dlv'],
    ['Then run DISM /online /Set-Edition:ServerDatacenter /ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula, with the key shown above.', 'DISM /online /Set-Edition:ServerDatacenter /ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula'],
  ])('stops at an unmatched bracket, a colon, a comma before words: %j', (text, command) => {
    expect(findCommand(text)?.command).toBe(command);
  });

  it('offers no command that holds a placeholder to replace', () => {
    expect(findCommand('Convert: DISM /online /Set-Edition:ServerDatacenter /ProductKey:<KMS client key> /AcceptEula, with the KMS client key for Windows Server 2022 Datacenter.')).toBeNull();
    expect(findCommand('Check the port: Test-NetConnection -ComputerName <kms-host> -Port 1688 (TcpTestSucceeded must be True).')).toBeNull();
  });
});
