/**
 * Active Directory-based activation (ADBA): a forest that holds an activation object for Windows
 * activates its domain members without a KMS host, DNS records or a count; leaving the domain, or
 * an object removed from the forest, takes that activation away; a restriction to one activation
 * type (slmgr /act-type) can rule out the only way this computer has.
 */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue, type ActivationObject, type AdbaFacts } from '../../snapshot';
import type { DiagnosisContext } from '../context';
import { ADBA_FACTS, VL_ACTIVATION_TYPES, adbaClientBuild, officeProductOf } from '../../knowledge/adba';
import { codeEvidence } from './helpers';

/** The forest's activation objects, when this computer is a domain member and they were read. */
export function forestAdba(ctx: DiagnosisContext): AdbaFacts | null {
  return factValue(ctx.snapshot.windows.adba) ?? null;
}

/** Objects that may activate Windows: every object not made from a known Office host key. */
export function windowsObjects(adba: AdbaFacts): ActivationObject[] {
  return adba.objects.filter((o) => officeProductOf(o.csvlkSkuId) === null);
}

const objectLabel = (o: ActivationObject) => `${o.name ?? o.dn}${o.partialProductKey ? ` (host key ending in ${o.partialProductKey})` : ''}`;

/**
 * ADBA serves this computer: it was last activated by Active Directory and is still a domain
 * member, or it is a domain member whose forest holds an object that may be for Windows and whose
 * Windows can use ADBA. Then "no KMS host" is not a problem.
 */
export function adbaServes(ctx: DiagnosisContext): { why: string; fact: string } | null {
  const net = factValue(ctx.snapshot.windows.networkConfig);
  if (net?.partOfDomain !== true) return null;
  if (ctx.product?.vlActivationType === 1 && ctx.activated) return { why: `activated by Active Directory (activation object ${ctx.product.adActivationObjectName ?? ctx.product.adActivationObjectDn ?? 'named in the licence'})`, fact: ctx.productFact('vlActivationType') };
  const adba = forestAdba(ctx);
  const os = factValue(ctx.snapshot.windows.os);
  if (!adba || adba.container !== 'present') return null;
  if (os && !adbaClientBuild(os.build)) return null;
  const usable = windowsObjects(adba);
  if (usable.length === 0) return null;
  return { why: `the forest of ${adba.domain} holds ${usable.length === 1 ? 'an activation object' : `${usable.length} activation objects`} for Active Directory-based activation (${usable.map(objectLabel).join(', ')})`, fact: 'windows.adba.objects' };
}

/** A domain member whose forest could not be read (LDAP failed or timed out): ADBA may serve it. */
export function forestUnread(ctx: DiagnosisContext): boolean {
  const forest = ctx.snapshot.windows.adba;
  return factValue(ctx.snapshot.windows.networkConfig)?.partOfDomain === true && forest.status === 'unavailable' && forest.reason !== 'not-applicable' && forest.reason !== 'not-collected';
}

export const adbaLeftDomain: Rule = {
  id: 'adba-left-domain',
  stage: 'discovery',
  question: 'If Active Directory activated Windows, is this computer still a member of that domain?',
  sources: ['ITPRO-ADBA'],
  evaluate(ctx) {
    const p = ctx.product;
    if (!p) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (p.vlActivationType !== 1) return notApplicable;
    const net = ctx.snapshot.windows.networkConfig;
    if (net.status !== 'ok') return unknown(['windows.networkConfig'], 'whether this computer is a domain member could not be read');
    if (net.value.partOfDomain) return pass(`still a member of ${net.value.domain ?? 'its domain'}`);
    return finding({
      severity: ctx.activated ? 'warning' : 'blocker',
      title: 'Windows was activated by Active Directory, but this computer has left the domain',
      explanation: `Active Directory-based activation lasts only while the computer is a domain member. Microsoft: once it is removed from the domain and the computer or the Software Protection service restarts, Windows changes from activated to not activated and tries KMS instead. ${ctx.activated ? 'It is still activated now, but will not be after the next restart.' : 'That has happened here.'} Rejoin the domain, or activate another way: a KMS host, or a MAK or retail key.`,
      evidence: [
        evidence(ctx.productFact('vlActivationType'), 'Last volume activation', 'Active Directory'),
        ...(p.adActivationObjectName || p.adActivationObjectDn ? [evidence(ctx.productFact('adActivationObjectDn'), 'Activation object used', p.adActivationObjectName ?? p.adActivationObjectDn ?? '')] : []),
        evidence('windows.networkConfig.partOfDomain', 'Domain member', `no (workgroup ${net.value.workgroup ?? net.value.domain ?? ''})`.trim(), 'a member of the domain that activated it', false),
      ],
      fixes: [{ fixId: 'install-key-and-activate', inputs: {}, reason: 'if it stays out of the domain: install a MAK or retail key and activate online' }],
      guidance: ['To keep Active Directory-based activation, join the computer to the domain again; it reactivates when the Software Protection service next starts.'],
      strength: 0.9,
    });
  },
};

export const adbaObjectRemoved: Rule = {
  id: 'adba-object-removed',
  stage: 'discovery',
  question: 'Is the activation object that activated Windows still in the forest?',
  sources: ['ITPRO-ADBA', 'SLMGR-SRC'],
  evaluate(ctx) {
    const p = ctx.product;
    if (!p) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (p.vlActivationType !== 1 || (!p.adActivationObjectDn && !p.adActivationCsvlkSkuId)) return notApplicable;
    const fact = ctx.snapshot.windows.adba;
    if (fact.status === 'unavailable') return fact.reason === 'not-applicable' ? notApplicable : unknown(['windows.adba'], 'the forest could not be read');
    const adba = fact.value;
    const dn = p.adActivationObjectDn?.toLowerCase() ?? null;
    const sku = p.adActivationCsvlkSkuId?.toLowerCase() ?? null;
    const still = adba.objects.find((o) => (dn !== null && o.dn.toLowerCase() === dn) || (sku !== null && o.csvlkSkuId === sku));
    if (still) return pass(`${objectLabel(still)} is still in the forest`);
    return finding({
      severity: ctx.activated ? 'warning' : 'blocker',
      title: 'The activation object that activated Windows is gone from the forest',
      explanation: `This computer was activated by Active Directory from an activation object that the forest no longer holds${adba.container === 'absent' ? ' (the whole activation objects container is missing)' : ''}. Clients reactivate every ${ADBA_FACTS.reactivationDays.value} days and stay activated for up to ${ADBA_FACTS.validityDays.value} days after the last contact, then fall back to KMS. Add an activation object for this Windows version again with Volume Activation Tools, or make sure a KMS host can take over.`,
      evidence: [
        evidence(ctx.productFact('adActivationObjectDn'), 'Activation object that activated Windows', p.adActivationObjectName ?? p.adActivationObjectDn ?? p.adActivationCsvlkSkuId ?? ''),
        evidence('windows.adba.objects', `Activation objects in the forest of ${adba.domain}`, adba.objects.length === 0 ? 'none' : adba.objects.map(objectLabel).join(', '), 'includes that object', false),
      ],
      guidance: ['List the activation objects on a domain controller: slmgr.vbs /ao-list', 'Add one from a command prompt as an Enterprise Admin: slmgr.vbs /ad-activation-online <Windows KMS host key> <name>'],
      strength: 0.8,
    });
  },
};

export const adbaNoWindowsObject: Rule = {
  id: 'adba-no-windows-object',
  stage: 'discovery',
  question: 'Does the forest hold an activation object that can activate Windows?',
  sources: ['ITPRO-ADBA', 'DO-HOST', 'DO-ADBA', 'SLERR'],
  evaluate(ctx) {
    if (ctx.activation !== 'kms-client' || ctx.activated) return notApplicable;
    const fact = ctx.snapshot.windows.adba;
    if (fact.status === 'unavailable') return fact.reason === 'not-applicable' ? notApplicable : unknown(['windows.adba'], 'the forest could not be read');
    const adba = fact.value;
    if (adba.container === 'absent' || adba.objects.length === 0) return notApplicable;
    const usable = windowsObjects(adba);
    if (usable.length > 0) return pass(`${usable.map(objectLabel).join(', ')} may activate Windows`);
    const office = adba.objects.map((o) => `${objectLabel(o)}: ${officeProductOf(o.csvlkSkuId)}`);
    return finding({
      severity: ctx.kmsHostInUse ? 'warning' : 'blocker',
      title: 'The forest only has activation objects for Office, none for Windows',
      explanation:
        "Active Directory-based activation reactivates a client only when the activation object matches the product installed with its KMS client key. Every activation object in this forest was made from an Office KMS host key, so Windows finds nothing to activate from and falls back to KMS (0xC004F081 when no object fits). Add an activation object made from your organisation's Windows KMS host key (CSVLK) for this Windows version, or point Windows at a KMS host.",
      evidence: [evidence('windows.adba.objects', `Activation objects in the forest of ${adba.domain}`, office.join('; '), 'one for Windows', false), ...codeEvidence(ctx, 'adba-no-windows-object')],
      guidance: [
        'On a domain controller with the Volume Activation Services role: Volume Activation Tools (vmw.exe) > Active Directory-Based Activation > enter the Windows KMS host key (CSVLK) > activate online or by phone.',
        "Or from a command prompt as an Enterprise Admin: slmgr.vbs /ad-activation-online <Windows KMS host key> <name>",
      ],
      strength: 0.85,
    });
  },
};

export const activationTypeRestricted: Rule = {
  id: 'activation-type-restricted',
  stage: 'key',
  question: 'Does the activation type setting (slmgr /act-type) allow a way this computer can activate?',
  sources: ['WSD-SLMGR', 'TN-WMI', 'ITPRO-ADBA'],
  evaluate(ctx) {
    const p = ctx.product;
    if (!p) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (ctx.activation !== 'kms-client' || ctx.activated) return notApplicable;
    const only = p.vlActivationTypeEnabled;
    if (only === null || only === 0) return pass('every volume activation type is allowed');
    const net = factValue(ctx.snapshot.windows.networkConfig);
    const adba = forestAdba(ctx);
    const serves = adbaServes(ctx);
    let blocked: string | null = null;
    if (only === 1 && !serves) {
      if (net && !net.partOfDomain) blocked = 'This computer is not a domain member, so Active Directory cannot activate it.';
      else if (adba?.container === 'absent') blocked = "The forest's schema has no activation objects container, so Active Directory cannot activate it (0xC004F083).";
      else if (adba && windowsObjects(adba).length === 0) blocked = 'The forest holds no activation object for Windows.';
    }
    if (only === 2 && serves && !ctx.kmsHostInUse) blocked = `No KMS host is known, while ${serves.why}.`;
    if (only === 3) blocked = 'Token-based activation needs certificates issued for it; if that is not what your organisation set up, nothing can activate this computer.';
    if (!blocked) return pass(`restricted to ${VL_ACTIVATION_TYPES[only as 1 | 2 | 3].name} activation, which is available`);
    return finding({
      severity: only === 3 ? 'warning' : 'blocker',
      title: `Volume activation is restricted to ${VL_ACTIVATION_TYPES[only as 1 | 2 | 3].only}`,
      explanation: `Someone limited this computer to one volume activation type (slmgr /act-type ${only}). ${blocked} Allow every type again (slmgr /act-type 0, the default) so that Windows can use whichever way your organisation offers.`,
      evidence: [
        evidence(ctx.productFact('vlActivationTypeEnabled'), 'Allowed volume activation type', VL_ACTIVATION_TYPES[only as 1 | 2 | 3].only, 'any, or one that is available', false),
        ...(net ? [evidence('windows.networkConfig.partOfDomain', 'Domain member', net.partOfDomain ? `yes (${net.domain ?? ''})` : 'no')] : []),
      ],
      guidance: ['Allow every activation type again, in an elevated command prompt: cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /act-type 0', 'Then activate: cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato'],
      strength: 0.8,
    });
  },
};
