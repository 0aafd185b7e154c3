/**
 * `activation-doctor fix`: list the fixes, preview one, and with --yes run it.
 * Nothing runs without --yes; a refusal (e.g. replacing a working activation) needs --override.
 * Exit 0 = previewed or fixed, 1 = refused or failed, 2 = bad usage or invalid input.
 */
import packageJson from '../../../package.json';
import type { FixOutcome, FixPreview } from '../../fixes/engine';
import { FIXES, findFix, fixInfo } from '../../fixes/registry';
import { createLocalComputer, type LocalComputer } from '../../local-computer';
import { parseArgs, hasSwitch, type FlagSpec } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { printable } from '../index';

const USAGE = `Usage: activation-doctor fix --list [--json]
       activation-doctor fix <fix-id> [--<input> <value> ...] [--yes] [--override] [--json]

Shows what a fix will change and the equivalent commands; with --yes it runs the fix, records it in
the audit log, re-checks this computer and says whether the problem is gone.

  --list        every fix with its inputs
  --yes         run the fix after showing the preview (without it nothing is changed)
  --override    accept a refusal that can be overridden (e.g. replacing a working activation)
  --json        machine-readable output

Exit status: 0 previewed or fixed, 1 refused or failed, 2 bad usage or invalid input.`;

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
    io.stdout(hasSwitch(parsed, 'json') ? `${JSON.stringify(listJson(), null, 2)}\n` : listText());
    return EXIT.ok;
  }
  const fix = findFix(first);
  if (!fix) throw new UsageError(`there is no fix '${printable(first)}'; see activation-doctor fix --list`);
  const specs: Record<string, FlagSpec> = { ...BASE_FLAGS };
  for (const input of fix.inputs) specs[input.name] = { value: true };
  const parsed = parseArgs(args.slice(1), specs, 0);
  const inputs: Record<string, string> = {};
  for (const input of fix.inputs) {
    const value = parsed.flags.get(input.name)?.[0];
    if (value !== undefined) inputs[input.name] = value;
  }
  const json = hasSwitch(parsed, 'json');
  const computer = runtime.computer ?? (await createLocalComputer({ platform: runtime.platform, kind: 'cli', version: packageJson.version }));
  try {
    if (!hasSwitch(parsed, 'yes')) {
      const preview = await computer.fixes.preview(fix.id, inputs);
      if ('status' in preview) return invalid(preview, io);
      io.stdout(json ? `${JSON.stringify({ preview }, null, 2)}\n` : `${previewText(preview)}\nNothing was changed. Run again with --yes to apply this fix.\n`);
      return EXIT.ok;
    }
    const outcome = await computer.fixes.run(fix.id, inputs, {
      confirmed: true,
      override: hasSwitch(parsed, 'override'),
      onProgress: json ? undefined : (step) => io.stderr(`  ... ${step}\n`),
    });
    if (outcome.status === 'invalid-input' || outcome.status === 'unknown-fix') return invalid(outcome, io);
    io.stdout(json ? `${JSON.stringify(outcome, null, 2)}\n` : outcomeText(outcome));
    return outcome.status === 'succeeded' ? EXIT.ok : EXIT.problems;
  } finally {
    if (!runtime.computer) await computer.dispose();
  }
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
  if (p.refusal) {
    lines.push('', `REFUSED: ${p.refusal.message}`);
    if (p.refusal.overridable) lines.push('  Add --override to do it anyway.');
  }
  return `${lines.join('\n')}\n`;
}

function outcomeText(o: FixOutcome): string {
  switch (o.status) {
    case 'refused':
      return `${previewText(o.preview)}\nNothing was changed.\n`;
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
  run: (args, io) => runFix(args, io, { platform: process.platform }),
};
