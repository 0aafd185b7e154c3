/**
 * Validates every fix input against its grammar before anything runs. A valid value is returned
 * normalised (lower-case host, dashed product key, 48-digit confirmation ID); an invalid one gets
 * one line naming the input and the rule it broke.
 */
import { parseConfirmationId, validateInputOfKind, type InputResult } from '../../shared/inputs';
import { maskProductKey, normaliseProductKey } from '../../shared/knowledge/product-key';
import { refuseKeyFor } from '../../shared/knowledge/key-purpose';
import type { FixDefinition, FixInputSpec } from './types';

export function validateInput(spec: FixInputSpec, raw: string): InputResult<string> {
  const what = `--${spec.name}`;
  switch (spec.kind) {
    case 'host-port':
    case 'host':
    case 'dns-domain':
      return validateInputOfKind(spec.kind, raw, what);
    case 'product-key': {
      const r = normaliseProductKey(raw);
      if (!r.ok) return { ok: false, message: `${what}: ${r.reason}` };
      const refused = spec.keyPurpose ? refuseKeyFor(spec.keyPurpose, r.key) : null;
      return refused ? { ok: false, message: `${what}: ${refused}` } : { ok: true, value: r.key };
    }
    case 'confirmation-id': {
      const r = parseConfirmationId(raw);
      return r.ok ? { ok: true, value: r.value.join('') } : { ok: false, message: `${what}: ${r.message}` };
    }
  }
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
