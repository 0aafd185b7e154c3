import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { lintScript, loadParser, syntaxErrors, withPrologue } from '../probes/windows/ps1-tools';
import { FIXES } from '../../../main/fixes/registry';
import { officeKmsClient } from '../../support/snapshot-builder';

const DIR = resolve('main/fixes/windows');
const SHIPPED = readdirSync(DIR).filter((n) => n.endsWith('.ps1')).sort();
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
/** A fix script as it runs: with the shared prologue (main/probes/windows/_prologue.ps1) it dot-sources. */
const running = (name: string) => withPrologue(read(name), readFileSync(resolve('main/probes/windows/_prologue.ps1'), 'utf8'));

/**
 * Fix scripts change the machine, so the collectors' read-only rule does not apply to them; every
 * other rule does (no code from text, parameters only as base64 JSON, UTF-8, error envelope, JSON out).
 * These are the only state-changing commands they may use, each with constant arguments.
 */
const ALLOWED_CHANGES = ['Install-WindowsFeature', 'Invoke-CimMethod', 'Start-Service', 'Restart-Service', 'Set-Service', 'Enable-NetFirewallRule', 'Start-Sleep', 'New-Item', 'Set-Acl'];
/** Run by the audit log before every write (main/fixes/audit-folder.ts), not by a fix. */
const AUDIT_SCRIPTS = ['audit-folder.ps1'];

let parser: Parser;
beforeAll(async () => {
  parser = await loadParser();
});

describe('fix operation scripts', () => {
  it('ship exactly the scripts the fixes call', () => {
    const called = new Set<string>(AUDIT_SCRIPTS);
    for (const fix of FIXES) {
      // Office LTSC 2021 not activated, so the Office fixes plan their fix-office steps.
      const office = officeKmsClient();
      office.products[0]!.licenseStatus = 5;
      const state = { elevated: true, os: null, licensing: null, services: null, office, snapshot: null };
      for (const step of [...fix.plan(state, { host: 'kms1', domain: 'corp.example', key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y', 'confirmation-id': '1'.repeat(48) }, []).steps, ...(fix.prepare?.(state) ?? [])]) called.add(`${step.script}.ps1`);
    }
    expect(SHIPPED).toEqual([...called].sort());
  });

  it.each(SHIPPED)('%s parses cleanly with tree-sitter-powershell', (name) => {
    expect(syntaxErrors(parser, read(name))).toEqual([]);
  });

  it.each(SHIPPED)('%s follows the script rules (changes only through the allowed commands)', (name) => {
    expect(running(name)).not.toBe(read(name));
    const problems = lintScript(parser, running(name)).filter(
      (p) => !(p.rule === 'forbidden-command' && ALLOWED_CHANGES.some((cmd) => p.message.toLowerCase().startsWith(cmd.toLowerCase()))),
    );
    expect(problems).toEqual([]);
  });

  it.each(SHIPPED)('%s never parses localized command output (exit codes and CIM only)', (name) => {
    const code = running(name).replace(/<#[\s\S]*?#>/g, '').split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    expect(code).not.toMatch(/slmgr|cscript|Select-String|-match\s+['"].*(activated|aktiviert)/i);
    expect(code).not.toMatch(/\?\?|\?\.|-NoProxy|-AsHashtable/);
    // External programs run by absolute path from the system folder; their output is discarded
    // and only $LASTEXITCODE is read.
    expect(code).not.toMatch(/^\s*(\$null = )?(w32tm|sc)(\.exe)?\s/im);
    const calls = code.split('\n').filter((l) => /&\s*\$(w32tm|sc)\b/.test(l));
    for (const line of calls.filter((l) => !/^\s*\$null = & \$(w32tm|sc) .*?(2>\$null)?$/.test(l))) {
      expect(line).toBe('(external program output must be discarded)');
    }
  });
});
