/** Live validation of fix inputs: the fix engine's own parser (shared/fix-input.ts), so the dialog says what main would. */
import type { FixInfo, FixInputInfo } from '../../../shared/fix-types';
import { parseFixInput } from '../../../shared/fix-input';

/** Why the value cannot be used, or null when it can: named by the input's label. */
export function validateFixInput(input: Pick<FixInputInfo, 'kind' | 'keyPurpose' | 'label'>, value: string): string | null {
  if (value.trim() === '') return 'Required.';
  const r = parseFixInput(input, value, input.label);
  return r.ok ? null : r.message;
}

/** Edit distance of at most one (one character added, removed or changed), without building a matrix. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * A likely typo in a host input, answered with what was probably meant: a name one edit away from
 * a KMS host this computer knows of, or an IPv6 address whose last group looks like a port
 * (`2001:db8::5:1688` is a valid address, but `[2001:db8::5]:1688` is what people mean).
 */
export function hostSuggestion(kind: FixInfo['inputs'][number]['kind'], value: string, known: readonly string[]): { text: string; value: string } | null {
  if (kind !== 'host' && kind !== 'host-port') return null;
  const raw = value.trim();
  if (kind === 'host-port') {
    const ipv6WithPort = /^([0-9a-f:]*::?[0-9a-f]{0,4}):(1688|[1-9][0-9]{3,4})$/i.exec(raw);
    if (ipv6WithPort && raw.includes('::') && !raw.startsWith('[')) {
      const meant = `[${ipv6WithPort[1]}]:${ipv6WithPort[2]}`;
      return { text: `Did you mean ${meant}? An IPv6 address with a port needs brackets; as typed, ${ipv6WithPort[2]} is part of the address.`, value: meant };
    }
  }
  const [host, port] = kind === 'host-port' && !raw.startsWith('[') && (raw.match(/:/g) ?? []).length === 1 ? raw.split(':') : [raw, undefined];
  const name = (host ?? '').replace(/\.$/, '').toLowerCase();
  if (name === '' || known.includes(name)) return null;
  const near = known.find((k) => oneEditApart(name, k));
  if (!near) return null;
  const meant = port !== undefined ? `${near}:${port}` : near;
  return { text: `Did you mean ${meant}? This computer knows a KMS host by that name.`, value: meant };
}

/** A count of computers: a whole number from 0 to 999999. `abc` and `-3` are mistakes, never 0. */
export function parseCount(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Type a number, such as 30.' };
  if (/^-\s*\d/.test(t)) return { ok: false, message: 'A count cannot be negative.' };
  if (!/^\d{1,6}$/.test(t)) return { ok: false, message: `“${t.slice(0, 20)}” is not a whole number: type digits only, such as 30.` };
  return { ok: true, value: Number(t) };
}
