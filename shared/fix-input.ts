/**
 * The one parser of a fix input, used live by the fix dialog and before anything runs by the fix
 * engine (main/fixes/inputs.ts), so the dialog says exactly what main would refuse. A valid value
 * comes back normalised (lower-case host, dashed product key, 48-digit confirmation ID); an
 * invalid one gets one line naming the input (`what`) and the rule it broke. A product key for a
 * MAK/retail, ESU or KMS host key input is also refused when it is a published GVLK, AVMA or placeholder key.
 */
import type { FixInputInfo } from './fix-types';
import { parseConfirmationId, validateInputOfKind, type InputResult } from './inputs';
import { refuseKeyFor } from './knowledge/key-purpose';
import { normaliseProductKey } from './knowledge/product-key';

export function parseFixInput(spec: Pick<FixInputInfo, 'kind' | 'keyPurpose'>, raw: string, what: string): InputResult<string> {
  switch (spec.kind) {
    case 'host-port':
    case 'host':
    case 'dns-domain':
    case 'esu-year':
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
