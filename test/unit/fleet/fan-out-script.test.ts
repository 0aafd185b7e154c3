import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { FAN_OUT_SCRIPT } from '../../../main/fleet/fan-out-script';
import { loadParser, syntaxErrors } from '../probes/windows/ps1-tools';
import { nodesOfType, rootOf } from '../collector/ps-tree';

let parser: Parser;
beforeAll(async () => {
  parser = await loadParser();
});

describe('the remoting fan-out script', () => {
  it('parses, and takes its only input as a file of base64 JSON', () => {
    expect(syntaxErrors(parser, FAN_OUT_SCRIPT)).toEqual([]);
    const block = rootOf(parser, FAN_OUT_SCRIPT).children.find((c) => c?.type === 'param_block');
    expect(nodesOfType(block!, 'script_parameter').map((p) => p.text.replace(/\s+/g, ' '))).toEqual(['[Parameter(Mandatory = $true)] [string]$ArgsFile']);
    expect(FAN_OUT_SCRIPT).toContain('[Convert]::FromBase64String(([System.IO.File]::ReadAllText($ArgsFile)).Trim())');
  });

  it('fans out over WinRM with Invoke-Command -ComputerName and -ThrottleLimit, and never evaluates text as code except its own blocks', () => {
    expect(FAN_OUT_SCRIPT).toMatch(/ComputerName {2}= \$computers\n\s+ThrottleLimit = \$throttle/);
    expect(FAN_OUT_SCRIPT).not.toMatch(/Invoke-Expression|\biex\b|Add-Type|Start-Process/i);
    // Only our own constant text becomes a script block: the remote block and the per-computer block.
    const created = [...FAN_OUT_SCRIPT.matchAll(/\[scriptblock\]::Create\((\S*)/gi)].map((m) => m[1]);
    expect(created).toEqual(['$remoteText)', "@'", '$using:remoteText))']);
  });
});
