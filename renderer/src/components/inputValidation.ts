/** Live validation of fix inputs, with the same grammars the fix engine applies. */
import type { FixInfo } from '../../../shared/fix-types';
import { parseConfirmationId, parseDnsDomain, parseHost, parseHostAndPort } from '../../../shared/inputs';
import { normaliseProductKey } from '../../../shared/knowledge/product-key';

export function validateFixInput(kind: FixInfo['inputs'][number]['kind'], value: string): string | null {
  if (value.trim() === '') return 'Required.';
  switch (kind) {
    case 'host-port': {
      const r = parseHostAndPort(value, 'The KMS host');
      return r.ok ? null : r.message;
    }
    case 'host': {
      const r = parseHost(value, 'The host');
      return r.ok ? null : r.message;
    }
    case 'dns-domain': {
      const r = parseDnsDomain(value);
      return r.ok ? null : r.message;
    }
    case 'product-key': {
      const r = normaliseProductKey(value);
      return r.ok ? null : r.reason;
    }
    case 'confirmation-id': {
      const r = parseConfirmationId(value);
      return r.ok ? null : r.message;
    }
  }
}
