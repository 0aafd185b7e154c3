/**
 * Validates every fix input against its grammar before anything runs, with the parser the fix
 * dialog uses live (shared/fix-input.ts).
 */
import { parseFixInput } from '../../shared/fix-input';
import type { InputResult } from '../../shared/inputs';
import { maskProductKey } from '../../shared/knowledge/product-key';
import type { FixDefinition, FixInputSpec } from './types';

/** The shared parser (shared/fix-input.ts), naming the input by its CLI flag. */
export function validateInput(spec: FixInputSpec, raw: string): InputResult<string> {
  return parseFixInput(spec, raw, `--${spec.name}`);
}

export type ValidatedInputs = { ok: true; values: Record<string, string> } | { ok: false; input: string; message: string };

/** Checks every declared input; unknown inputs are refused so a typo never goes unnoticed. */
export function validateInputs(fix: FixDefinition, raw: Record<string, string>): ValidatedInputs {
  for (const name of Object.keys(raw)) {
    if (!fix.inputs.some((i) => i.name === name)) {
      const known = fix.inputs.map((i) => `--${i.name}`).join(', ') || 'none';
      return { ok: false, input: name, message: `${fix.id} has no input --${name.slice(0, 40)} (its inputs: ${known})` };
    }
  }
  const values: Record<string, string> = {};
  for (const spec of fix.inputs) {
    const value = raw[spec.name];
    if (value === undefined || value === '') {
      if (spec.required) return { ok: false, input: spec.name, message: `--${spec.name} is required: ${spec.hint}` };
      continue;
    }
    const checked = validateInput(spec, value);
    if (!checked.ok) return { ok: false, input: spec.name, message: checked.message };
    values[spec.name] = checked.value;
  }
  return { ok: true, values };
}

/** Inputs as they may appear in previews, logs and reports: secrets reduced to what is safe. */
export function maskInputs(fix: FixDefinition, values: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const spec = fix.inputs.find((i) => i.name === name);
    if (spec?.kind === 'product-key') masked[name] = maskProductKey(value);
    else if (spec?.kind === 'confirmation-id') masked[name] = `${'*'.repeat(Math.max(0, value.length - 6))}${value.slice(-6)}`.replace(/(.{6})(?=.)/g, '$1-');
    else masked[name] = value;
  }
  return masked;
}
