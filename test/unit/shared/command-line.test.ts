// @vitest-environment jsdom
/**
 * Command lines a technician copies are quoted for their shell, and a value that fails its fix's
 * grammar (a snapshot is attacker-controlled) never becomes a command: not in the CLI's text,
 * not in the HTML report.
 */
import { describe, expect, it } from 'vitest';
import { fixCommandLine, quoteForCmd, quoteForPowerShell } from '../../../shared/command-line';
import { diagnose } from '../../../shared/diagnosis';
import type { Diagnosis } from '../../../shared/diagnosis/types';
import { renderHtmlReport } from '../../../shared/report';
import { formatDiagnosis } from '../../../main/cli/format-diagnosis';
import { checkCommand } from '../../../shared/diagnosis/rules/helpers';
import { hostCheck, notActivated, product, scenario, timeCheck } from '../../support/snapshot-builder';
import { reportInput } from '../report/inputs';
import { parseHtml } from '../report/dom';

const EVIL = 'kms2.corp.example & calc.exe & rem .corp.example';

describe('quoting for the shell a line is meant for', () => {
  it('leaves plain host names, ports and switches alone', () => {
    expect(quoteForCmd('kms1.corp.example:1688')).toBe('kms1.corp.example:1688');
    expect(quoteForPowerShell('kms1.corp.example')).toBe('kms1.corp.example');
  });

  it('quotes what a shell would read as syntax, and refuses what it cannot quote safely', () => {
    expect(quoteForCmd('[fd00::5]:1688')).toBe('"[fd00::5]:1688"');
    expect(quoteForCmd('a & b')).toBe('"a & b"');
    expect(quoteForCmd('100%path%')).toBeNull();
    expect(quoteForCmd('say "hi"')).toBeNull();
    expect(quoteForPowerShell("a'; Start-Process calc; '")).toBe("'a''; Start-Process calc; '''");
    expect(quoteForPowerShell('$(calc)')).toBe("'$(calc)'");
    expect(quoteForPowerShell('x\u001b]0;t\u0007')).toBeNull();
  });

  it('builds no fix command from a prefilled value its grammar refuses', () => {
    expect(fixCommandLine({ fixId: 'set-kms-host', inputs: { host: 'kms2.corp.example:1688' } }, 'cmd')).toBe('activation-doctor fix set-kms-host --host kms2.corp.example:1688');
    expect(fixCommandLine({ fixId: 'set-kms-host', inputs: { host: EVIL } }, 'cmd')).toBeNull();
    expect(fixCommandLine({ fixId: 'set-kms-host', inputs: { host: EVIL } }, 'powershell')).toBeNull();
  });

  it('never puts an invalid recorded host into a check command', () => {
    expect(checkCommand('Test', 'nslookup', [EVIL], 'cmd')).toMatch(/not shown, because the recorded host name is not a valid host name/);
    expect(checkCommand('Test', 'Test-NetConnection', ['kms1.corp.example', '-Port', '1688'], 'powershell')).toBe('Test: Test-NetConnection kms1.corp.example -Port 1688');
  });
});

describe('a hostile host name in a snapshot', () => {
  // The configured host is the hostile name and it "times out": the guidance would name it.
  const snapshot = scenario((s) => {
    notActivated(s);
    product(s).kmsMachine = EVIL;
    product(s).kmsPort = 1688;
    s.network.kmsHosts = { status: 'ok', value: [hostCheck(EVIL, 'timed-out', ['configured']), hostCheck('kms1.corp.example', 'open', ['srv'])], durationMs: 5 };
    s.network.time = { status: 'ok', value: [timeCheck(EVIL, null)], durationMs: 5 };
  });
  const diagnosis = diagnose(snapshot, { reportedCode: 0xc004f074 });

  it('never reaches a command line in the CLI text', () => {
    const text = formatDiagnosis(diagnosis);
    // Commands stand on lines of their own, below the fix or advice they belong to.
    const commandLines = text.split('\n').filter((l) => /(activation-doctor fix|Test-NetConnection|nslookup) /.test(l));
    expect(commandLines.length).toBeGreaterThan(0);
    for (const line of commandLines) expect(line).not.toContain('calc.exe');
  });

  it('never reaches a command line in the HTML report, even in a diagnosis built by hand', () => {
    const forged: Diagnosis = structuredClone(diagnosis);
    forged.findings[0]!.fixes = [{ fixId: 'set-kms-host', inputs: { host: EVIL }, reason: 'forged' }];
    const html = renderHtmlReport({ ...reportInput(snapshot, { reportedCode: 0xc004f074 }), diagnosis: forged });
    const doc = parseHtml(html);
    const lines = Array.from(doc.querySelectorAll('li')).map((li) => li.textContent ?? '').filter((t) => t.includes('Command line'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/activation-doctor fix set-kms-host --host .*calc\.exe/);
    expect(lines.join('\n')).toMatch(/not shown: a prefilled value is not a valid input/);
  });
});
