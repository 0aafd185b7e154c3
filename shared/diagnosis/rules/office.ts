/**
 * Office volume activation, beside Windows in the same ranked list. Every rule here says
 * `product: 'office'`: its findings are labelled Office and only Office fixes are offered for them
 * (the engine drops any other). Office keeps its own key, KMS host setting and KMS host licence,
 * read by the windows.office probe from the Software Licensing Service (never from ospp.vbs text).
 */
import type { Rule, RuleResult } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import type { DiagnosisContext } from '../context';
import type { Evidence, FixSuggestion } from '../types';
import { factValue, type OfficeFacts, type OfficeProduct } from '../../snapshot';
import { licenseStatusName } from '../../knowledge/licensing';
import { isOfficeActivated, isOfficeKmsClient, officeActivation, officeConfiguredKmsHost, officeDiscoveredKmsHost, officeErrorCode, officeFact, officeLicences } from '../../office-licences';
import {
  isMicrosoft365ProductId,
  MICROSOFT_365_GUIDANCE,
  OFFICE_ACTIVATION_THRESHOLD,
  OFFICE_KMS_HOSTS,
  OFFICE_VERSION_NAMES,
  officeGvlkFor,
  officeKmsHostFor,
  officeProductLabel,
  officeSkuFromFamily,
  ospp,
} from '../../knowledge/office';
import { lookupError, lookupOfficeError } from '../../knowledge/errors';
import { toHex as hex } from '../../hex';
import { hostLabel, kmsWanted } from './helpers';
import type { KmsHostInUse } from '../../kms-host-settings';

type Office = { kind: 'ok'; facts: OfficeFacts } | { kind: 'result'; result: RuleResult };

/** The Office facts, or the rule's answer when they could not be read. */
function officeFacts(ctx: DiagnosisContext): Office {
  const fact = ctx.snapshot.windows.office;
  if (fact.status === 'ok') return { kind: 'ok', facts: fact.value };
  if (fact.reason === 'not-windows' || fact.reason === 'not-applicable') return { kind: 'result', result: notApplicable };
  return { kind: 'result', result: unknown(['windows.office'], `the Office licence state could not be read: ${fact.detail}`) };
}

/** The product as Microsoft's table names it (from its licence family), never a localized name. */
export const officeLabel = (p: Pick<OfficeProduct, 'licenseFamily' | 'name'>): string => officeProductLabel(p.licenseFamily, p.name);

const productFact = officeFact;

/** Microsoft 365 Apps installed for this computer or user (Click-to-Run O365* IDs or the vNext licence method). */
function microsoft365(facts: OfficeFacts): boolean {
  return facts.clickToRun.productReleaseIds.some(isMicrosoft365ProductId) || facts.clickToRun.licensingNext === true;
}

/** The KMS host Windows uses (shared/kms-host-settings.ts), when it has one. */
function windowsHost(ctx: DiagnosisContext): KmsHostInUse | null {
  return ctx.kmsHostInUse;
}

const sameHost = (a: string, b: string) => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

export const officeMicrosoft365Apps: Rule = {
  id: 'office-microsoft-365-apps',
  product: 'office',
  stage: 'office',
  question: 'Is Office volume-licensed (not Microsoft 365 Apps, which activates by subscription)?',
  sources: ['DO-VNEXT', 'OS-C2RIDS', 'DO-TOOLS'],
  evaluate(ctx) {
    const office = officeFacts(ctx);
    if (office.kind === 'result') return office.result;
    const facts = office.facts;
    if (!microsoft365(facts)) return pass(facts.clickToRun.installed ? 'Click-to-Run Office is a volume or retail edition, not Microsoft 365 Apps' : 'no Click-to-Run Office is installed');
    const ids = facts.clickToRun.productReleaseIds;
    return finding({
      severity: 'info',
      title: 'Office is Microsoft 365 Apps (subscription): KMS does not activate it',
      explanation:
        'Microsoft 365 Apps are licensed by subscription: Office activates when a licensed user signs in. Since Version 1910 they no longer use the Software Licensing Service, so a KMS host, a KMS client key (GVLK) and ospp.vbs do not apply to them, and Activation Doctor offers no volume fix for them. Use the tools below instead.',
      evidence: [
        evidence('windows.office.clickToRun.productReleaseIds', 'Click-to-Run products', ids.length > 0 ? ids.join(', ') : 'none listed'),
        evidence('windows.office.clickToRun.licensingNext', 'Subscription licence method (LicensingNext = 2) for the user who ran the check', facts.clickToRun.licensingNext === null ? 'not set' : facts.clickToRun.licensingNext ? 'yes' : 'no'),
        ...(facts.clickToRun.sharedComputerLicensing ? [evidence('windows.office.clickToRun.sharedComputerLicensing', 'Shared computer activation', 'on')] : []),
      ],
      guidance: [...MICROSOFT_365_GUIDANCE],
      // Information like "Windows is activated": it ranks below every problem.
      strength: 0,
    });
  },
};

export const officeChannelNotVolume: Rule = {
  id: 'office-channel-not-volume',
  product: 'office',
  stage: 'office',
  question: 'Where KMS is used, does Office carry its KMS client key (GVLK)?',
  sources: ['DO-GVLK', 'DO-KMS', 'DO-TS'],
  evaluate(ctx) {
    const office = officeFacts(ctx);
    if (office.kind === 'result') return office.result;
    const facts = office.facts;
    if (microsoft365(facts)) return pass('Microsoft 365 Apps activate by subscription (see that finding)');
    const wrong = officeLicences(facts, (p) => !isOfficeActivated(p) && ['retail', 'oem', 'mak'].includes(officeActivation(p) ?? ''));
    if (wrong.length === 0) return pass(facts.products.length === 0 ? 'no Office licence with a key is installed' : 'every Office licence is activated or carries the KMS client key');
    if (!kmsWanted(ctx)) return pass('no KMS host is in use here, so a MAK or retail Office key is the right kind');
    const p = wrong[0]!;
    const gvlk = officeGvlkFor(p.licenseFamily);
    const sku = officeSkuFromFamily(p.licenseFamily);
    // A GVLK only installs where Office's volume (KMS client) licence for that product is present.
    const volumeLicence = sku ? facts.kmsClientLicences.find((l) => { const s = officeSkuFromFamily(l.licenseFamily); return s?.version === sku.version && s.product === sku.product; }) : undefined;
    const kind = officeActivation(p) === 'mak' ? 'MAK' : officeActivation(p) === 'oem' ? 'OEM' : 'retail';
    const fixes: FixSuggestion[] = gvlk.kind === 'key' && volumeLicence ? [{ fixId: 'office-install-gvlk', inputs: {}, reason: `installs the KMS client key for ${gvlk.record.publishedAs} (ends in ${gvlk.record.key.slice(-5)})` }] : [];
    const volumeId = sku && ['ProPlus', 'Standard', 'ProjectPro', 'ProjectStd', 'VisioPro', 'VisioStd'].includes(sku.product) && sku.version !== '2016' ? `${sku.product}${sku.version}Volume` : null;
    return finding({
      severity: 'blocker',
      title: `A ${kind} Office key is installed where KMS is used`,
      explanation: `${officeLabel(p)} carries a ${kind} key, which a KMS host cannot activate; the KMS host only activates Office that carries its KMS client key (GVLK).${
        volumeLicence ? ' The volume licence of this Office product is installed, so its GVLK can be installed directly.' : kind === 'retail' ? ' This is a retail installation: it has no volume licence to take the GVLK (installing it fails, typically with 0xC004F069), so install the volume edition instead.' : ''
      }`,
      evidence: [
        evidence(productFact(facts, p, 'description'), `Office licence channel (${officeLabel(p)})`, p.description, 'VOLUME_KMSCLIENT', false),
        evidence(productFact(facts, p, 'licenseStatus'), 'Office licence state', licenseStatusName(p.licenseStatus)),
        ...(ctx.kmsHostInUse ? [evidence(ctx.kmsHostInUse.fact, 'KMS host Windows uses', hostLabel(ctx.kmsHostInUse))] : []),
      ],
      fixes,
      guidance: fixes.length > 0
        ? [`The same by hand: ${ospp(`/inpkey:<the GVLK for ${gvlk.kind === 'key' ? gvlk.record.publishedAs : 'this product'}>`)}, then ${ospp('/act')}.`]
        : [
            volumeId
              ? `Reinstall Office as the volume edition with the Office Deployment Tool (product ID ${volumeId}, channel PerpetualVL${sku!.version}); it installs the GVLK itself.`
              : 'Reinstall Office from volume-licensing media (Office Deployment Tool, a *Volume product ID); it installs the GVLK itself.',
            'Or keep this edition and activate it with its own key online or by phone (no KMS).',
          ],
      strength: 0.85,
    });
  },
};

export const officeKmsHostMismatch: Rule = {
  id: 'office-kms-host-mismatch',
  product: 'office',
  stage: 'office',
  question: "Does Office use the same KMS host as Windows (Office keeps its own setting)?",
  sources: ['DO-TOOLS', 'DO-KMS', 'OSPP-SRC'],
  evaluate(ctx) {
    const office = officeFacts(ctx);
    if (office.kind === 'result') return office.result;
    const facts = office.facts;
    const clients = officeLicences(facts, isOfficeKmsClient);
    if (clients.length === 0) return pass('no Office KMS client licence is installed');
    const failing = clients.filter((p) => !isOfficeActivated(p));
    if (failing.length === 0) return pass('every Office KMS client licence is activated');
    const win = windowsHost(ctx);
    if (!win) return ctx.unavailable.has('windows.licensing') ? unknown(['windows.licensing'], "Windows' KMS host could not be read") : pass('Windows uses no KMS host to compare with');
    const p = failing[0]!;
    const officeHost = officeConfiguredKmsHost(p);
    const found = officeDiscoveredKmsHost(p);
    const windowsActivated = ctx.activated && ctx.activation === 'kms-client';
    const target = `${hostLabel(win)}`;
    const lines: Evidence[] = [
      evidence(productFact(facts, p, 'kmsMachine'), `Office KMS host set (${officeLabel(p)})`, officeHost ? hostLabel(officeHost) : 'not set (found through DNS)'),
      evidence(productFact(facts, p, 'discoveredKmsMachineName'), 'KMS host Office found', found ? hostLabel(found) : 'none', target),
      evidence(win.fact, `KMS host Windows uses (${win.source === 'configured' ? 'set by hand' : 'found through DNS'})`, target),
      evidence(productFact(facts, p, 'licenseStatus'), 'Office licence state', `${licenseStatusName(p.licenseStatus)}${p.licenseStatusReason !== null && (p.licenseStatusReason & 0x80000000) !== 0 ? `, ${hex(p.licenseStatusReason)}` : ''}`, 'Licensed', false),
    ];
    const setFix: FixSuggestion = { fixId: 'office-set-kms-host', inputs: { host: target }, reason: `points Office's KMS client licences at ${target}, the host ${windowsActivated ? 'that activates Windows' : 'Windows uses'}` };
    if (officeHost && !sameHost(officeHost.host, win.host)) {
      return finding({
        severity: 'blocker',
        title: "Office is set to another KMS host than Windows",
        explanation: `Office has its own KMS host setting (ospp.vbs /sethst), and it names ${hostLabel(officeHost)}, while Windows uses ${target}. Office is not activated. One KMS host serves both when it has the Office host key: point Office at Windows' host, or clear Office's setting so it finds the host through DNS.`,
        evidence: lines,
        fixes: [setFix, { fixId: 'office-clear-kms-host', inputs: {}, reason: "removes Office's own KMS host setting, so Office finds its host through DNS" }],
        guidance: [`The same by hand: ${ospp(`/sethst:${win.host}`)}, ${ospp(`/setprt:${win.port}`)}, then ${ospp('/act')}.`],
        strength: windowsActivated ? 0.9 : 0.7,
      });
    }
    if (!officeHost && win.source === 'configured' && (!found || !sameHost(found.host, win.host))) {
      return finding({
        severity: 'blocker',
        title: "Windows' KMS host is set by hand, Office's is not",
        // A host set on the Windows licence is that licence's only; whether a machine-wide one reaches
        // Office is not documented (beyond-kms-facts.md §2.6), so it is neither claimed nor denied.
        explanation:
          win.level === 'product'
            ? `Windows was pointed at ${target} on its own licence (slmgr /skms ${win.host} <Windows activation ID>), a setting that applies to that licence only, not to Office. Office has no KMS host of its own and looks for a _vlmcs._tcp record in DNS${found ? `, which led it to ${found.host}` : ', and found none'}. Office is not activated. Point Office at the same host.`
            : `Windows was pointed at ${target} by hand, machine-wide (slmgr /skms without an activation ID). Office's own tool sets Office's host on each Office licence instead (ospp.vbs /sethst), and Microsoft does not document whether the machine-wide setting reaches Office. Office has no KMS host of its own${found ? `, found ${found.host} through DNS` : ', found none through DNS'} and is not activated. Point Office at the same host explicitly: that holds whichever way Windows applies the machine-wide setting.`,
        evidence: lines,
        fixes: [setFix],
        guidance: [`The same by hand: ${ospp(`/sethst:${win.host}`)}, then ${ospp('/act')}. ospp.vbs changes only Office; slmgr.vbs only Windows.`],
        strength: windowsActivated ? 0.9 : 0.7,
      });
    }
    return pass(officeHost ? `Office is set to ${hostLabel(officeHost)}, the host Windows uses` : 'Office finds its KMS host through DNS, as Windows does');
  },
};

export const officeKmsHostPackMissing: Rule = {
  id: 'office-kms-host-pack-missing',
  product: 'office',
  stage: 'office',
  question: 'Can this KMS host activate Office (volume licence pack and activated Office host key)?',
  sources: ['DO-HOST', 'OS-F038', 'OS-2NDKMS'],
  evaluate(ctx) {
    const licensing = factValue(ctx.snapshot.windows.licensing);
    if (!licensing) return unknown(['windows.licensing'], 'whether this computer is a KMS host could not be read');
    if (!(licensing.service.isKmsHost || ctx.activation === 'kms-host')) return notApplicable;
    const office = officeFacts(ctx);
    if (office.kind === 'result') return office.result;
    const hosts = office.facts.kmsHostLicences;
    const packs = OFFICE_KMS_HOSTS.map((h) => `${OFFICE_VERSION_NAMES[h.version]}: ${h.volumeLicensePack} (host on ${h.hostOs})`);
    if (hosts.length === 0) {
      return finding({
        severity: 'info',
        title: 'This KMS host cannot activate Office: no Office volume licence pack is installed',
        explanation:
          'This computer is a Windows KMS host, but no Office KMS host licence is installed, so it cannot activate volume-licensed Office. If Office clients activate here, install the Office Volume License Pack of each Office version they run and activate an Office KMS host key for each (from the Volume Licensing Service Center). Microsoft recommends one KMS host for both Windows and Office.',
        evidence: [evidence('windows.office.kmsHostLicences', 'Office KMS host licences', 'none', 'one per Office version in use', false), evidence('windows.licensing.service.isKmsHost', 'Windows KMS host', 'yes')],
        guidance: [...packs.slice(0, 4), 'After installing a pack, activate the Office host key: slmgr.vbs /ipk <Office KMS host key>, then slmgr.vbs /ato <the version\'s Office KMS host activation ID>; never slmgr /upk without the activation ID (it removes the Windows key).'],
        strength: 0,
      });
    }
    const notActive = hosts.filter((h) => h.licenseStatus !== 1 || h.partialProductKey === null);
    if (notActive.length > 0) {
      const h = notActive[0]!;
      const record = officeKmsHostFor(h.activationId);
      const name = record ? OFFICE_VERSION_NAMES[record.version] : 'Office';
      return finding({
        severity: 'warning',
        title: `The ${name} KMS host key is not ${h.partialProductKey === null ? 'installed' : 'activated'} on this host`,
        explanation: `The ${name} volume licence pack is installed on this KMS host, but its Office KMS host key is ${h.partialProductKey === null ? 'missing' : `not activated (${licenseStatusName(h.licenseStatus)})`}, so it cannot activate ${name} clients. Install the key from the Volume Licensing Service Center and activate it by its activation ID.`,
        evidence: [evidence(`windows.office.kmsHostLicences[${hosts.indexOf(h)}]`, `${name} KMS host licence ${h.activationId}`, `${licenseStatusName(h.licenseStatus)}, key ${h.partialProductKey ?? 'not installed'}`, 'Licensed with a key', false)],
        guidance: [`slmgr.vbs /ipk <${name} KMS host key>, then slmgr.vbs /ato ${h.activationId}`, `By phone: slmgr.vbs /dti ${h.activationId}, then slmgr.vbs /atp <confirmation ID> ${h.activationId}`],
        strength: 0.7,
      });
    }
    const low = hosts.filter((h) => h.kmsCurrentCount !== null && h.kmsCurrentCount < OFFICE_ACTIVATION_THRESHOLD);
    return pass(`Office KMS host licence${hosts.length > 1 ? 's' : ''} installed and activated${low.length > 0 ? `; Office count ${low[0]!.kmsCurrentCount} of the ${OFFICE_ACTIVATION_THRESHOLD} Office needs before clients activate` : ''}`);
  },
};

export const officeActivationError: Rule = {
  id: 'office-activation-error',
  product: 'office',
  stage: 'office',
  question: 'Does any Office licence report an activation error?',
  sources: ['SLERR', 'OS-F038', 'DO-TOOLS'],
  evaluate(ctx) {
    const office = officeFacts(ctx);
    if (office.kind === 'result') return office.result;
    const facts = office.facts;
    const failing = officeLicences(facts, (p) => officeErrorCode(p) !== null);
    const p = failing.find((x) => lookupOfficeError(x.licenseStatusReason!) !== undefined) ?? failing[0];
    if (!p) return pass(facts.products.length === 0 ? 'no Office licence with a key is installed' : 'no Office licence reports an error');
    const code = p.licenseStatusReason!;
    const note = lookupOfficeError(code);
    const record = lookupError(code);
    const win = windowsHost(ctx);
    const fixes: FixSuggestion[] = (note?.fixes ?? [])
      .filter((id) => id !== 'office-set-kms-host' || win !== null)
      .map((fixId): FixSuggestion =>
        fixId === 'office-set-kms-host'
          ? { fixId, inputs: { host: hostLabel(win!) }, reason: `points Office at ${hostLabel(win!)}, the KMS host Windows uses` }
          : fixId === 'office-clear-kms-host'
            ? { fixId, inputs: {}, reason: "removes Office's own KMS host setting (back to DNS discovery)" }
            : { fixId, inputs: {}, reason: 'asks Office to activate again' },
      );
    return finding({
      severity: 'blocker',
      title: `Office reports ${hex(code)}${record?.symbol ? ` (${record.symbol})` : ''}`,
      explanation: note?.explanation ?? record?.explanation ?? `The Office licence reports ${hex(code)}, a code Activation Doctor has no explanation for.`,
      evidence: [evidence(productFact(facts, p, 'licenseStatusReason'), `Error code of ${officeLabel(p)}`, `${hex(code)}${record?.symbol ? ` (${record.symbol})` : ''}`), evidence(productFact(facts, p, 'licenseStatus'), 'Office licence state', licenseStatusName(p.licenseStatus), 'Licensed', false)],
      fixes,
      guidance: [...(note?.nextSteps ?? record?.nextSteps ?? []).slice(0, 5)],
      strength: 0.8,
    });
  },
};

export const OFFICE_RULES: readonly Rule[] = [officeMicrosoft365Apps, officeChannelNotVolume, officeKmsHostMismatch, officeActivationError, officeKmsHostPackMissing];
