import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { CollectorDocumentSchema, RawResolutionSchema, RawSrvLookupSchema, RawSrvRecordSchema, RawTcpAttemptSchema, RawTcpCheckSchema, RawTimeCheckSchema } from '../../../main/collector/document';
import { EMBEDDED_PROBES } from '../../../main/collector/probes';
import { PS_NETWORK_FUNCTIONS } from '../../../main/collector/ps/network';
import { PS_CONTACT_FUNCTIONS } from '../../../main/collector/ps/contact';
import { PS_NETWORK_RUN } from '../../../main/collector/ps/main';
import { PROLOGUE_LINE, buildCollectorScript, readProbeScripts } from '../../../main/collector/script';
import { isHostName, isIPv4 } from '../../../shared/inputs';
import { lintScript, loadParser, syntaxErrors, type LintProblem } from '../probes/windows/ps1-tools';
import { enclosingFunction, insideTry, nodesOfType, rootOf, withoutComments } from './ps-tree';

const PROBES_DIR = resolve(__dirname, '../../../main/probes/windows');
const lf = (text: string) => text.replace(/\r\n/g, '\n');

let parser: Parser;
let script: string;
beforeAll(async () => {
  parser = await loadParser();
  script = buildCollectorScript({ version: '0.1.0' });
});

/**
 * The collector lint rules that make sense for this script. Not these: it has its own parameters
 * (param-block) and writes a file instead of printing JSON (final-json); and it talks to the
 * technician, so Write-Host is wanted here.
 */
function collectorLint(source: string): LintProblem[] {
  return lintScript(parser, source).filter((p) => p.rule !== 'param-block' && p.rule !== 'final-json' && !(p.rule === 'forbidden-command' && p.message.startsWith('Write-Host ')));
}

describe('the generated collector script', () => {
  it('parses cleanly with tree-sitter-powershell', () => {
    expect(syntaxErrors(parser, script)).toEqual([]);
  });

  it('passes the collector lint: no Invoke-Expression, iex, -EncodedCommand, Add-Type, computed command names or state-changing cmdlets', () => {
    expect(collectorLint(script)).toEqual([]);
  });

  it('would fail that lint if a probe brought in a forbidden construct (the filter is not a blanket pass)', () => {
    const scripts = readProbeScripts(PROBES_DIR);
    const tainted = { ...scripts, os: `${scripts.os}\n$c = 'Get-Date'\n& $c\nInvoke-Expression -Command $c\nAdd-Type -TypeDefinition 'x'\nSet-Service -Name sppsvc\n` };
    const rules = collectorLint(buildCollectorScript({ version: '0.1.0', probeScripts: tainted })).map((p) => p.message);
    expect(rules.join('\n')).toMatch(/Invoke-Expression/);
    expect(rules.join('\n')).toMatch(/Add-Type/);
    expect(rules.join('\n')).toMatch(/Set-Service/);
    expect(rules.join('\n')).toMatch(/& \$c/);
  });

  it('is ASCII only, with CRLF line ends and no backtick escapes', () => {
    expect([...script].every((c) => c === '\r' || c === '\n' || c === '\t' || (c >= ' ' && c <= '~'))).toBe(true);
    expect(script.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(script).not.toContain('`');
  });

  it('starts with a header that says what it does and how to run it', () => {
    const header = script.split('\r\n[CmdletBinding()]')[0] ?? '';
    expect(header).toContain('powershell -ExecutionPolicy Bypass -File .\\activation-doctor-collector.ps1 [-KmsHost host[:port]] [-Domain corp.example] [-OutFile path] [-TimeoutMs 3000]');
    expect(header).toContain('activation-doctor diagnose --snapshot <file>');
    expect(header).toContain('Activation Doctor 0.1.0');
    expect(header.split('\r\n').every((line) => line.startsWith('#'))).toBe(true);
  });

  it('takes exactly -KmsHost, -Domain, -OutFile (strings), -TimeoutMs (int) and the -Unattended switch, and rejects any other parameter', () => {
    const root = rootOf(parser, script);
    const block = root.children.find((c) => c?.type === 'param_block');
    expect(block?.text).toMatch(/^\[CmdletBinding\(\)\]/);
    const parameters = nodesOfType(block!, 'script_parameter').map((p) => p.text.replace(/\s+/g, ' '));
    expect(parameters).toEqual(["[string]$KmsHost = ''", "[string]$Domain = ''", "[string]$OutFile = ''", '[int]$TimeoutMs = 3000', '[switch]$Unattended']);
  });

  it('checks the PowerShell version first, before anything 3.0-only runs', () => {
    const afterParams = lf(script).split('\n)\n')[1] ?? '';
    const statements = afterParams.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    expect(statements.slice(0, 3)).toEqual(["$ProgressPreference = 'SilentlyContinue'", "$ErrorActionPreference = 'Continue'", 'if ($PSVersionTable.PSVersion.Major -lt 3) {']);
    expect(afterParams).toMatch(/needs PowerShell 3\.0 or newer[^\n]*\n\s+exit 2\n/);
  });

  it('validates -KmsHost, -Domain, -TimeoutMs and -OutFile with strict rules before use, each failure with a message and exit 2', () => {
    const code = lf(script);
    expect(code).toContain("$collectorKmsTarget = ConvertFrom-KmsTarget -Text $KmsHost");
    expect(code).toContain("$collectorDomain = ConvertFrom-DomainText -Text $Domain");
    // The grammar's regexes (anchored with \z: $ would also match before a trailing newline).
    expect(code).toContain("'^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\z'");
    expect(code).toContain("'^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\z'");
    expect(code).toContain("'^[\\x21-\\x7E]+\\z'");
    const messages = code.split('\n').filter((line) => line.includes('$Host.UI.WriteErrorLine(') && !line.includes('could not write'));
    expect(messages.length).toBeGreaterThanOrEqual(7);
    for (const line of messages) {
      const next = code.slice(code.indexOf(line) + line.length).split('\n')[1]?.trim();
      expect(next, line).toBe('exit 2');
    }
    // User input is echoed only through Get-Printable (printable ASCII, bounded).
    for (const name of ['$KmsHost', '$Domain', '$OutFile']) {
      const echoes = messages.filter((line) => line.includes(name));
      for (const line of echoes) expect(line).toContain(`Get-Printable -Text ${name}`);
    }
  });

  it("embeds every probe script verbatim (its prologue line aside), as a script block run with the app's parameters", () => {
    const code = lf(script);
    for (const probe of EMBEDDED_PROBES) {
      const source = lf(readFileSync(join(PROBES_DIR, `${probe.script}.ps1`), 'utf8')).replace(/\n+$/, '');
      expect(source.split('\n').filter((line) => line === PROLOGUE_LINE), probe.script).toHaveLength(1);
      const body = source.replace(PROLOGUE_LINE, '. Invoke-ProbePrologue');
      const at = code.indexOf(`@(& {\n${body}\n        } @collectorProbeArgs)`);
      expect(at, probe.script).toBeGreaterThan(0);
      const args = code.slice(0, at).split('\n').reverse().find((line) => line.includes('$collectorProbeArgs = '));
      const base64 = /ArgsBase64 = '([A-Za-z0-9+/=]+)'/.exec(args ?? '')?.[1] ?? '';
      expect(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')), probe.script).toEqual(probe.params);
    }
    expect(code).toContain(`$collectorProbeArgs = @{ ArgsBase64 = '${Buffer.from('{"maxEvents":10}').toString('base64')}' }`);
  });

  it('embeds the shared prologue once, unchanged, as the function every probe dot-sources', () => {
    const code = lf(script);
    const prologue = lf(readFileSync(join(PROBES_DIR, '_prologue.ps1'), 'utf8')).replace(/\n+$/, '');
    expect(code.split(`function Invoke-ProbePrologue {\n${prologue}\n}`)).toHaveLength(2);
    expect(code).not.toContain('$PSScriptRoot');
    expect(code.split('\n').filter((line) => line.trim() === '. Invoke-ProbePrologue')).toHaveLength(EMBEDDED_PROBES.length);
  });

  it('refuses a probe that does not dot-source the prologue exactly once', () => {
    const scripts = readProbeScripts(PROBES_DIR);
    expect(() => buildCollectorScript({ version: '0.1.0', probeScripts: { ...scripts, os: (scripts.os ?? '').replace(PROLOGUE_LINE, '') } })).toThrow(/prologue exactly once/);
    const { _prologue: _omitted, ...withoutPrologue } = scripts;
    expect(() => buildCollectorScript({ version: '0.1.0', probeScripts: withoutPrologue })).toThrow(/_prologue\.ps1 is missing/);
  });

  it('changes when a probe script changes (one source of truth)', () => {
    const scripts = readProbeScripts(PROBES_DIR);
    const changed = buildCollectorScript({ version: '0.1.0', probeScripts: { ...scripts, licensing: `${scripts.licensing}# a new line\n` } });
    expect(changed).not.toBe(buildCollectorScript({ version: '0.1.0', probeScripts: scripts }));
    expect(lf(changed)).toContain('# a new line\n        } @collectorProbeArgs)');
  });

  it('refuses a probe script or version that would break the rules instead of embedding it', () => {
    const scripts = readProbeScripts(PROBES_DIR);
    expect(() => buildCollectorScript({ version: '0.1.0', probeScripts: { ...scripts, os: `${scripts.os}# Jürgen\n` } })).toThrow(/not ASCII/);
    expect(() => buildCollectorScript({ version: "0.1.0'; Remove-Item C:\\ -Recurse; '" })).toThrow(/not a version/);
    const { os: _os, ...missing } = scripts;
    expect(() => buildCollectorScript({ version: '0.1.0', probeScripts: missing })).toThrow(/os\.ps1 is missing/);
  });

  it('writes the file as UTF-8 without a BOM, through WriteAllText, never Out-File or Set-Content', () => {
    const code = withoutComments(script, rootOf(parser, script));
    expect(code).toMatch(/New-Object -TypeName 'System\.Text\.UTF8Encoding' -ArgumentList \$false\s+\[System\.IO\.File\]::WriteAllText\(\$collectorOutPath, \$collectorJson, \$collectorEncoding\)/);
    expect(code).not.toMatch(/\b(Out-File|Set-Content|Add-Content|Export-\w+)\b/i);
  });

  it('restores the console encoding the probes change, and exits with its own status', () => {
    expect(lf(script)).toMatch(/finally \{\n\s+if \(\$null -ne \$collectorSavedEncoding\) \{\n\s+try \{\n\s+\[Console\]::OutputEncoding = \$collectorSavedEncoding/);
    expect(lf(script).trimEnd().endsWith('exit $collectorExitCode')).toBe(true);
  });

  it('falls back to WMI only when CIM does not work, through a Get-CimInstance function the probes then use', () => {
    const code = lf(script);
    expect(code).toMatch(/try \{\n\s+\$null = Get-CimInstance -ClassName 'Win32_OperatingSystem' -ErrorAction Stop\n\s*\}\n\s*catch \{\n\s+\$collectorFactsVia = 'wmi'/);
    const root = rootOf(parser, script);
    const shims = nodesOfType(root, 'function_statement').filter((f) => f.children.some((c) => c?.type === 'function_name' && c.text === 'Get-CimInstance'));
    expect(shims).toHaveLength(1);
    // Defined in the else branch of "if CIM works": only where CIM does not.
    expect(code).toMatch(/else \{\n(\s+#[^\n]*\n)*\s+\$PSDefaultParameterValues = @\{\}\n\s+function Get-CimInstance \{/);
    expect(shims[0]?.text).toContain('Get-WmiObject @query');
    expect(shims[0]?.text).toContain('ManagementDateTimeConverter]::ToDateTime');
  });

  it('defines no function that would take the place of a command the probes call, except the Get-CimInstance fallback', () => {
    const probeTexts = Object.values(readProbeScripts(PROBES_DIR));
    const probeCommands = new Set(probeTexts.flatMap((text) => nodesOfType(rootOf(parser, text), 'command_name').map((n) => n.text.toLowerCase())));
    const probeFunctions = new Set(probeTexts.flatMap((text) => nodesOfType(rootOf(parser, text), 'function_name').map((n) => n.text.toLowerCase())));
    const collectorFunctions = nodesOfType(rootOf(parser, script), 'function_name')
      .map((n) => n.text.toLowerCase())
      .filter((name) => !probeFunctions.has(name));
    expect(collectorFunctions.filter((name) => probeCommands.has(name))).toEqual(['get-ciminstance']);
  });

  it('serialises with an explicit -Depth everywhere (the default of 2 would cut the document)', () => {
    const code = withoutComments(script, rootOf(parser, script));
    const calls = code.match(/ConvertTo-Json[^\n]*/g) ?? [];
    expect(calls.length).toBeGreaterThan(8);
    for (const call of calls) expect(call).toMatch(/-Depth (6|4|12)\b/);
  });
});

describe('PowerShell 3.0 (and a parse under 2.0)', () => {
  /** Cmdlets of PowerShell 3.0 itself, on every Windows it installs on. */
  const PS3_CMDLETS = new Set(
    ['ConvertFrom-Json', 'ConvertTo-Json', 'ForEach-Object', 'Get-ChildItem', 'Get-Command', 'Get-Culture', 'Get-UICulture', 'Get-ItemProperty', 'Get-WinEvent', 'Get-WmiObject', 'Get-CimInstance', 'New-Object', 'Select-Object', 'Sort-Object', 'Test-Path', 'Where-Object', 'Write-Host'].map((c) => c.toLowerCase()),
  );
  /** Modules of Windows 8 / Server 2012 and later: only where a failure is caught and reported. */
  const NEWER_WINDOWS = new Set(['resolve-dnsname', 'get-netfirewallrule', 'get-netfirewalladdressfilter', 'get-netconnectionprofile']);

  it('uses no syntax or switch newer than 3.0', () => {
    const code = withoutComments(script, rootOf(parser, script));
    for (const [pattern, what] of [
      [/-NoProxy\b/i, '-NoProxy (6.0)'],
      [/\?\?/, '?? (7.0)'],
      [/\?\./, '?. (7.0)'],
      [/\$\w+\s*\?\s*[^:\s]+\s*:/, 'the ternary operator (7.0)'],
      [/-AsHashtable\b/i, '-AsHashtable (6.0)'],
      [/-EnumsAsStrings\b/i, '-EnumsAsStrings (7.0)'],
      [/\[System\.Net\.Http/i, 'System.Net.Http (.NET 4.5)'],
      [/^\s*class\s+\w+/im, 'class definitions (5.0)'],
      [/^\s*enum\s+\w+/im, 'enum definitions (5.0)'],
      [/\busing\s+(namespace|module)\b/i, 'using (5.0)'],
      [/::new\(/i, '::new( (5.0)'],
      [/\.(ForEach|Where)\(/, '.ForEach()/.Where() (4.0)'],
      [/\bclean\s*\{/i, 'clean blocks (7.3)'],
      [/-Parallel\b/i, '-Parallel (7.0)'],
      [/&&|\|\|/, 'pipeline chains (7.0)'],
      [/-Encoding\s+utf8NoBOM/i, 'utf8NoBOM (6.0)'],
    ] as const) {
      expect(code, what).not.toMatch(pattern);
    }
  });

  it('runs no cmdlet newer than 3.0, except the Windows 8 / 2012 ones, and those only where their failure is caught', () => {
    const root = rootOf(parser, script);
    const own = new Set(nodesOfType(root, 'function_name').map((n) => n.text.toLowerCase()));
    for (const name of nodesOfType(root, 'command_name')) {
      const lower = name.text.toLowerCase();
      if (own.has(lower) && lower !== 'get-ciminstance') continue;
      if (PS3_CMDLETS.has(lower)) continue;
      expect(NEWER_WINDOWS.has(lower), `${name.text} is not a PowerShell 3.0 cmdlet`).toBe(true);
      expect(insideTry(name), `${name.text} must be inside a try with a catch`).toBe(true);
    }
    // Resolve-DnsName is only called from the SRV lookup, which only runs when the command exists.
    const resolves = nodesOfType(root, 'command_name').filter((n) => n.text.toLowerCase() === 'resolve-dnsname');
    expect(resolves.map(enclosingFunction)).toEqual(['Find-KmsSrvRecord']);
    expect(lf(script)).toMatch(/\$collectorSrvAvailable = \$null -ne \(Get-Command -Name 'Resolve-DnsName' -ErrorAction SilentlyContinue\)\n\s+\$collectorSrvDetail = \$null\n\s+if \(\$collectorSrvAvailable\) \{/);
  });

  it('uses no operator or redirection PowerShell 2.0 cannot parse, so 2.0 reaches the version check', () => {
    const root = rootOf(parser, script);
    const operators = new Set(nodesOfType(root, 'comparison_operator').map((n) => n.text.toLowerCase()));
    for (const op of ['-shl', '-shr', '-in', '-notin', '-iin', '-cin', '-inotin', '-cnotin']) expect(operators.has(op), op).toBe(false);
    const code = withoutComments(script, root);
    expect(code).not.toMatch(/\s[*3-6]>/);
    expect(code).not.toMatch(/\$using:/i);
    expect(code).not.toMatch(/^\s*workflow\s/im);
  });
});

describe('the grammar the script checks -KmsHost and -Domain with', () => {
  /** A regex from the generated script, for JavaScript (\z → $; no newline can reach it in these tests). */
  function scriptRegex(name: string, pattern: RegExp): RegExp {
    const body = lf(script).split(`function ${name} {`)[1]?.split('\n}\n')[0] ?? '';
    const found = pattern.exec(body)?.[1];
    if (!found) throw new Error(`no regex in ${name}`);
    return new RegExp(found.replace(/\\z$/, '$'));
  }

  it('accepts exactly the IPv4 addresses shared/inputs.ts accepts', () => {
    const ipv4 = scriptRegex('Test-Ipv4Text', /-cmatch '([^']+)'/);
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '010', '-1', '', 'a'));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        expect(ipv4.test(text), text).toBe(isIPv4(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the host-name labels shared/inputs.ts accepts', () => {
    const label = scriptRegex('Test-HostNameText', /-cnotmatch '([^']+)'/);
    const chars = fc.constantFrom('a', 'Z', '0', '9', '-', '_', '.', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 70 }), (list) => {
        const text = list.join('');
        if (text.includes('.') || text === '') return;
        // isHostName on a single label without an all-digit ending is the label rule.
        if (/^[0-9]+$/.test(text)) return;
        expect(label.test(text), text).toBe(isHostName(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the script and the reader agree on the document', () => {
  /** The keys of the `[ordered]@{ ... }` that follows `marker` in a PowerShell source. */
  function orderedKeys(source: string, marker: string): string[] {
    const start = source.indexOf(marker);
    if (start < 0) throw new Error(`${marker} not found`);
    const open = source.indexOf('[ordered]@{', start) + '[ordered]@{'.length;
    let depth = 1;
    let end = open;
    while (depth > 0 && end < source.length) {
      const c = source[end++];
      if (c === '{') depth++;
      if (c === '}') depth--;
    }
    const body = source.slice(open, end - 1);
    const keys: string[] = [];
    let level = 0;
    for (const part of body.split(/(\{|\}|;|\n)/)) {
      if (part === '{') level++;
      else if (part === '}') level--;
      else if (level === 0) {
        const key = /^\s*([A-Za-z0-9]+)\s*=/.exec(part)?.[1];
        if (key) keys.push(key);
      }
    }
    return keys;
  }
  const shapeKeys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape).sort();

  it('writes the document fields the reader expects ("raw" is spliced in after)', () => {
    expect([...orderedKeys(PS_NETWORK_RUN, '$collectorDocument = '), 'raw'].sort()).toEqual(shapeKeys(CollectorDocumentSchema));
  });

  it.each([
    ['an SRV lookup', '$lookup = ', RawSrvLookupSchema],
    ['an SRV record', '$records.Add(', RawSrvRecordSchema],
    ['a TCP attempt', 'function Test-TcpAddress', RawTcpAttemptSchema],
    ['a TCP check', 'function Test-KmsHostPort', RawTcpCheckSchema],
    ['a time check', 'function Test-TimeHost', RawTimeCheckSchema],
    ['a name resolution', "$State.result = [ordered]@{ addresses = $addresses.ToArray()", RawResolutionSchema],
  ] as const)('writes %s with the fields the reader expects', (_what, marker, schema) => {
    // notContacted: only on a check the contact policy kept the script from (below).
    expect(orderedKeys(PS_NETWORK_FUNCTIONS, marker).sort()).toEqual(shapeKeys(schema).filter((key) => key !== 'notContacted'));
  });

  it('writes a check it may not contact with every field of a TCP check, notContacted included', () => {
    expect(orderedKeys(PS_CONTACT_FUNCTIONS, 'function New-NotContactedCheck').sort()).toEqual(shapeKeys(RawTcpCheckSchema));
  });

  it('writes a time attempt with the fields of both of its shapes', () => {
    const keys = orderedKeys(PS_NETWORK_FUNCTIONS, 'function Test-SntpAddress').sort();
    expect(keys).toEqual(['address', 'errorCode', 'message', 'outcome', 'reply', 'request', 'socketError', 't4UnixMs', 'waitedMs']);
  });
});
