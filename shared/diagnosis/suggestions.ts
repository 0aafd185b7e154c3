/**
 * The last word on every fix a rule suggests: a suggestion is shown only when its prefilled
 * inputs pass the fix's own grammar (a snapshot is attacker-controlled) and the facts that were
 * read do not show it would change nothing (clearing a KMS host nobody set, setting the host
 * that is already set, starting a service that runs), and it changes the product its finding is about.
 */
import { factValue } from '../snapshot';
import { productOfFix, type Product } from '../ids';
import { isOfficeKmsClient, officeConfiguredKmsHost, officeLicences } from '../office-licences';
import { prefillIsValid, validateInputOfKind } from '../inputs';
import type { DiagnosisContext } from './context';
import { firewallCoverage } from './firewall-coverage';
import type { FixSuggestion } from './types';
import { KMS_PORT } from '../knowledge/kms';
import { configuredKmsHost, kmsHostText } from '../kms-host-settings';

/** Why a suggestion would change nothing, or null when it may do something. */
export function noOpReason(ctx: DiagnosisContext, fix: FixSuggestion): string | null {
  const licensing = factValue(ctx.snapshot.windows.licensing);
  const configured = configuredKmsHost(licensing);
  switch (fix.fixId) {
    case 'clear-kms-host':
      // Without the licence state nobody knows a host was set by hand: do not offer to clear one.
      return configured ? null : 'no KMS host is set by hand on this computer';
    case 'set-kms-host': {
      const wanted = fix.inputs.host;
      if (!wanted || !configured) return null;
      const current = validateInputOfKind('host-port', configured.portSet !== null ? kmsHostText(configured.host, configured.portSet) : configured.host, 'host');
      const next = validateInputOfKind('host-port', wanted.includes(':') || wanted.startsWith('[') ? wanted : `${wanted}:${KMS_PORT}`, 'host');
      const withDefault = (v: string) => (/:\d+$/.test(v) && !v.endsWith(']') ? v : `${v}:${KMS_PORT}`);
      return current.ok && next.ok && withDefault(current.value) === withDefault(next.value) ? `this computer is already set to ${current.value}` : null;
    }
    case 'set-kms-lookup-domain': {
      const domain = fix.inputs.domain?.toLowerCase().replace(/\.$/, '');
      const current = (ctx.product?.kmsLookupDomain ?? licensing?.service.kmsLookupDomain ?? '').toLowerCase().replace(/\.$/, '');
      return domain && domain === current ? `the lookup domain is already ${current}` : null;
    }
    case 'start-sppsvc':
    case 'restart-sppsvc-host': {
      const services = factValue(ctx.snapshot.windows.services);
      return services && services.sppsvc.exists && services.sppsvc.status === 'running' && services.sppsvc.startType !== 'disabled' ? 'sppsvc is already running' : null;
    }
    case 'enable-kms-firewall-rule': {
      const rule = factValue(ctx.snapshot.windows.firewall);
      if (!rule) return null;
      const cov = firewallCoverage(rule);
      return cov.activeKnown && cov.uncovered.length === 0 ? 'the KMS firewall rules already cover every active profile' : null;
    }
    case 'office-clear-kms-host': {
      const office = factValue(ctx.snapshot.windows.office);
      return office && officeLicences(office, (p) => officeConfiguredKmsHost(p) !== null).length === 0 ? 'no KMS host is set for Office' : null;
    }
    case 'office-set-kms-host': {
      const office = factValue(ctx.snapshot.windows.office);
      const wanted = fix.inputs.host?.toLowerCase();
      const clients = office ? officeLicences(office, isOfficeKmsClient) : [];
      if (!wanted || clients.length === 0) return null;
      const next = validateInputOfKind('host-port', wanted.includes(':') || wanted.startsWith('[') ? wanted : `${wanted}:${KMS_PORT}`, 'host');
      const same = (p: (typeof clients)[number]) => {
        const set = officeConfiguredKmsHost(p);
        return set !== null && next.ok && `${set.host.toLowerCase()}:${set.port}` === next.value.toLowerCase();
      };
      return clients.every(same) ? `Office is already set to ${fix.inputs.host}` : null;
    }
    default:
      return null;
  }
}

/**
 * The suggestions that survive every check, in their order: a fix for the finding's own product
 * (never a Windows fix for an Office finding, nor the other way round), valid prefills, not a no-op.
 */
export function keepUsefulSuggestions(ctx: DiagnosisContext, fixes: readonly FixSuggestion[], product: Product = 'windows'): FixSuggestion[] {
  return fixes.filter((f) => productOfFix(f.fixId) === product && prefillIsValid(f.fixId, f.inputs) && noOpReason(ctx, f) === null);
}
