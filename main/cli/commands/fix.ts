/**
 * `activation-doctor fix`: list the fixes, preview one, and with --yes run it.
 * Nothing runs without --yes; a refusal (e.g. replacing a working activation) needs --override.
 * A product key is read from a prompt or standard input, never required on the command line.
 * Exit 0 = previewed or fixed, 1 = refused or failed, 2 = bad usage or invalid input.
 */
import packageJson from '../../../package.json';
import type { FixOutcome, FixPreview } from '../../fixes/engine';
import { FIXES, findFix, fixInfo } from '../../fixes/registry';
import type { FixDefinition } from '../../fixes/types';
import { createLocalComputer, type LocalComputer } from '../../local-computer';
import { prepareCliShellEnvironment } from '../../powershell/environment';
import { parseArgs, hasSwitch, type FlagSpec } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { printable } from '../../../shared/printable';
import { writeData } from './output';

const USAGE = `Usage: activation-doctor fix --list [--json]
       activation-doctor fix <fix-id> [--<input> <value> ...] [--yes] [--override] [--json]

Shows what a fix will change and the equivalent commands; with --yes it runs the fix, records it in
the audit log, re-checks this computer and says whether the problem is gone.

  --list        every fix with its inputs ('activation-doctor fix <fix-id> --help' for one fix)
  --yes         run the fix after showing the preview (without it nothing is changed)
  --override    accept a refusal that can be overridden (e.g. replacing a working activation)
  --json        machine-readable output

A product key is never needed on the command line (shell history keeps it): leave --key out and
type it at the prompt (it is not shown), or pipe it in: Get-Content key.txt | activation-doctor fix ...

Exit status: 0 previewed or fixed, 1 refused or failed, 2 bad usage or invalid input.`;

/** `fix <fix-id> --help`: what the fix does and each of its inputs. */
export function fixHelp(fix: FixDefinition): string {
  const lines = [
    `Usage: activation-doctor fix ${fix.id}${fix.inputs.map((i) => (i.kind === 'product-key' ? ` [--${i.name} -]` : i.required ? ` --${i.name} <${i.kind}>` : ` [--${i.name} <${i.kind}>]`)).join('')} [--yes] [--override] [--json]`,
    '',
    `${fix.title}.`,
    fix.summary,
    '',
  ];
  if (fix.inputs.length === 0) lines.push('Inputs: none.');
  else {
    lines.push('Inputs:');
    for (const input of fix.inputs) {
      lines.push(`  --${input.name} <${input.kind}>  ${input.label}${input.required ? '' : ' (optional)'}: ${input.hint}`);
      if (input.kind === 'product-key') lines.push(`      Leave it out to be asked for it (typing is not shown), or give "--${input.name} -" and pipe it in on standard input.`);
    }
  }
  lines.push('', `Needs administrator rights: ${fix.needsElevation ? 'yes' : 'no'}. Without --yes only the preview is shown and nothing changes.`);
  lines.push('', 'Exit status: 0 previewed or fixed, 1 refused or failed, 2 bad usage or invalid input.');
  return lines.join('\n');
}

const BASE_FLAGS: Record<string, FlagSpec> = { list: { value: false }, json: { value: false }, yes: { value: false }, override: { value: false } };

export interface FixRuntime {
  platform: string;
  /** Tests pass a prepared computer (fake shell); production builds the local one. */
  computer?: LocalComputer;
}

export async function runFix(args: string[], io: CliIo, runtime: FixRuntime): Promise<ExitCode> {
  const first = args[0];
  if (first === undefined) throw new UsageError('name a fix, or use --list (see activation-doctor fix --help)');
  if (first === '--list' || (first === '--json' && args.includes('--list'))) {
    const parsed = parseArgs(args, BASE_FLAGS, 0);
    if (hasSwitch(parsed, 'json')) writeData(io, `${JSON.stringify(listJson(), null, 2)}\n`);
    else io.stdout(listText());
    return EXIT.ok;
  }
  const fix = findFix(first);
  if (!fix) throw new UsageError(`there is no fix '${printable(first)}'; see activation-doctor fix --list`);
  const specs: Record<string, FlagSpec> = { ...BASE_FLAGS };
  for (const input of fix.inputs) specs[input.name] = { value: true };
  const parsed = parseArgs(args.slice(1), specs, 0);
  const inputs: Record<string, string> = {};
  let keyOnCommandLine: string | null = null;
  for (const input of fix.inputs) {
    const value = parsed.flags.get(input.name)?.[0];
    if (input.kind === 'product-key' && (value === undefined || value === '-')) {
      const secret = await readKey(io, input.label);
      if (secret !== null) inputs[input.name] = secret;
      continue;
    }
    if (value !== undefined) inputs[input.name] = value;
    if (input.kind === 'product-key') keyOnCommandLine = input.name;
  }
  // Said after the input was accepted, so a bad key still gets exactly one line.
  const historyNote = () => {
    if (keyOnCommandLine) io.stderr(`Note: a key typed on the command line stays in the shell's history. Next time leave --${keyOnCommandLine} out and type it at the prompt, or pipe it in.\n`);
  };
  const json = hasSwitch(parsed, 'json');
  // The key travels in the PowerShell parameters: no DEBUG tracing may print them (elevated or not).
  prepareCliShellEnvironment();
  const computer = runtime.computer ?? (await createLocalComputer({ platform: runtime.platform, kind: 'cli', version: packageJson.version }));
  try {
    if (!hasSwitch(parsed, 'yes')) {
      const preview = await computer.fixes.preview(fix.id, inputs);
      if ('status' in preview) return invalid(preview, io);
      historyNote();
      if (json) writeData(io, `${JSON.stringify({ preview }, null, 2)}\n`);
      else io.stdout(`${previewText(preview)}\n${previewAdvice(preview)}\n`);
      // A refused preview is a refusal, whatever the output format: exit 1 as documented.
      return preview.refusal ? EXIT.problems : EXIT.ok;
    }
    const outcome = await computer.fixes.run(fix.id, inputs, {
      confirmed: true,
      override: hasSwitch(parsed, 'override'),
      onProgress: json ? undefined : (step) => io.stderr(`  ... ${step}\n`),
    });
    if (outcome.status === 'invalid-input' || outcome.status === 'unknown-fix') return invalid(outcome, io);
    historyNote();
    if (json) writeData(io, `${JSON.stringify(outcome, null, 2)}\n`);
    else io.stdout(outcomeText(outcome));
    return outcome.status === 'succeeded' ? EXIT.ok : EXIT.problems;
  } finally {
    if (!runtime.computer) await computer.dispose();
  }
}

/** The key from a prompt (echo off) or standard input; never from the command line unless the user chose to. */
async function readKey(io: CliIo, label: string): Promise<string | null> {
  if (!io.readSecret) return null;
  return io.readSecret(`${label} (typing is not shown; Enter when done): `);
}

/** What to do after a preview: never "run again with --yes" for something that will be refused. */
function previewAdvice(p: FixPreview): string {
  if (!p.refusal) return 'Nothing was changed. Run the same command again with --yes to apply this fix.';
  if (p.refusal.overridable) return 'Refused, so nothing was changed. To do it anyway, run the same command again with --yes --override.';
  return 'Refused, so nothing was changed. The equivalent commands above show what it would do.';
}

function invalid(outcome: Extract<FixOutcome, { status: 'invalid-input' | 'unknown-fix' }>, io: CliIo): ExitCode {
  io.stderr(`activation-doctor fix: ${outcome.message}\n`);
  return EXIT.usage;
}

function listJson() {
  return FIXES.map((f) => ({ ...fixInfo(f), verify: f.verify }));
}

function listText(): string {
  const width = Math.max(...FIXES.map((f) => f.id.length));
  const lines = FIXES.map((f) => `  ${f.id.padEnd(width)}  ${f.title}${f.inputs.length > 0 ? `  (${f.inputs.map((i) => `--${i.name} <${i.kind}>`).join(' ')})` : ''}`);
  return `Fixes:\n${lines.join('\n')}\n\nPreview one with: activation-doctor fix <fix-id> [inputs]; add --yes to run it.\n`;
}

export function previewText(p: FixPreview): string {
  const lines = [`${p.title} [${p.fixId}]`, `  ${p.summary}`, '', 'It will:'];
  for (const change of p.changes) lines.push(`  - ${change}`);
  lines.push('', 'Equivalent commands (what you would type yourself):');
  for (const command of p.commands) lines.push(`  ${command}`);
  for (const note of p.notes) lines.push('', note);
  if (p.refusal) lines.push('', `Refused: ${p.refusal.message}`);
  return `${lines.join('\n')}\n`;
}

function outcomeText(o: FixOutcome): string {
  switch (o.status) {
    case 'refused':
      return `${previewText(o.preview)}\nRefused, so nothing was changed.${o.refusal.overridable ? ' Add --override to do it anyway.' : ''}\n`;
    case 'busy':
    case 'not-confirmed':
      return `${o.message}\n`;
    case 'succeeded':
    case 'failed': {
      const lines = [o.status === 'succeeded' ? `Done: ${o.message}` : `FAILED: ${o.message}`];
      for (const step of o.steps) lines.push(`  [${step.ok ? 'ok' : 'x'}] ${step.describe}${step.attempts > 1 ? ` (${step.attempts} attempts)` : ''}${step.code ? ` ${step.code}` : ''}`);
      lines.push('', o.verification.note);
      for (const change of o.verification.changes) lines.push(`  ${change.label}: ${change.before} -> ${change.after}`);
      return `${lines.join('\n')}\n`;
    }
    default:
      return `${o.message}\n`;
  }
}

export const fixCommand: CliCommand = {
  name: 'fix',
  summary: 'preview a fix, and with --yes apply it and re-check',
  usage: USAGE,
  helpFor: (args) => {
    const fix = args[0] === undefined ? undefined : findFix(args[0]);
    return fix ? fixHelp(fix) : null;
  },
  run: (args, io) => runFix(args, io, { platform: process.platform }),
};
