/**
 * Windows 10 Extended Security Updates: the ESU add-on licences (shared/knowledge/esu.ts), read by
 * their activation IDs. They are about security updates, not about whether Windows is activated,
 * so they never change the verdict and never touch "the product" (an ESU licence is never it).
 */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import type { DiagnosisContext } from '../context';
import { type EsuFacts, type EsuLicence, type Fact, type OsFacts } from '../../snapshot';
import { ESU_CONSUMER_URL, ESU_END_OF_SUPPORT, ESU_PREREQUISITES, esuLicence, esuYearAt, isConsumerEdition, type EsuYear } from '../../knowledge/esu';
import { productForOs } from '../../knowledge/products';
import { licenseStatusName } from '../../knowledge/licensing';
import { lookupError } from '../../knowledge/errors';
import { toHex as hex } from '../../hex';
import type { Evidence } from '../types';

const esuFact = (ctx: DiagnosisContext): Fact<EsuFacts> => ctx.snapshot.windows.esu;

/** Windows 10 (not LTSC/LTSB, which have their own support dates), read from the OS facts. */
function windows10(os: OsFacts): boolean {
  return productForOs({ build: os.build, editionId: os.editionId, server: os.productType !== 1 }) === 'win10';
}

type Applicability = { status: 'applies'; os: OsFacts; esu: EsuFacts; year: EsuYear } | { status: 'result'; result: ReturnType<Rule['evaluate']> };

/** Shared gate: a Windows 10 device, inside the ESU years, whose ESU licences could be read. */
function applies(ctx: DiagnosisContext): Applicability {
  const osFact = ctx.snapshot.windows.os;
  if (osFact.status === 'unavailable') return { status: 'result', result: osFact.reason === 'not-windows' ? notApplicable : unknown(['windows.os'], 'the Windows version could not be read') };
  const os = osFact.value;
  if (!windows10(os)) return { status: 'result', result: notApplicable };
  const year = esuYearAt(ctx.snapshot.takenAt);
  if (year === null) return { status: 'result', result: pass(`the snapshot is outside the ESU years (support for Windows 10 ended on ${ESU_END_OF_SUPPORT})`) };
  const fact = esuFact(ctx);
  if (fact.status === 'unavailable') return { status: 'result', result: unknown(['windows.esu'], `the ESU licences could not be read: ${fact.detail}`) };
  return { status: 'applies', os, esu: fact.value, year };
}

const licenceLine = (l: EsuLicence): string => {
  const status = licenseStatusName(l.licenseStatus);
  const reason = l.licenseStatusReason !== null && (l.licenseStatusReason & 0x80000000) !== 0 ? `, ${hex(l.licenseStatusReason)}${lookupError(l.licenseStatusReason)?.symbol ? ` (${lookupError(l.licenseStatusReason)!.symbol})` : ''}` : '';
  return `${status}${l.partialProductKey ? `, key ending in ${l.partialProductKey}` : ', no key installed'}${reason}`;
};

const licenceEvidence = (l: EsuLicence, ok: boolean | null, limit: string | null = null): Evidence =>
  evidence(`windows.esu.licences[${l.year}]`, `ESU Year ${l.year} (activation ID ${l.activationId})`, licenceLine(l), limit, ok);

const yearPrefill = (year: EsuYear) => ({ year: String(year) });

const isAzureVm = (ctx: DiagnosisContext) => ctx.isAzure;

export const esuNotActivated: Rule = {
  id: 'esu-not-activated',
  stage: 'state',
  question: 'Is every Windows 10 ESU key that is installed also activated?',
  sources: ['IT-ESU'],
  evaluate(ctx) {
    const gate = applies(ctx);
    if (gate.status === 'result') return gate.result;
    const keyed = gate.esu.licences.filter((l) => l.partialProductKey !== null);
    if (keyed.length === 0) return pass('no ESU key is installed');
    const failing = keyed.filter((l) => l.licenseStatus !== 1);
    if (failing.length === 0) return pass(`ESU ${keyed.map((l) => `Year ${l.year}`).join(', ')} activated`);
    const first = failing[0]!;
    const codes = failing.map((l) => l.licenseStatusReason).filter((c): c is number => c !== null && (c & 0x80000000) !== 0);
    const codeNote = codes.length > 0 ? ` Windows reports ${[...new Set(codes)].map((c) => `${hex(c)}${lookupError(c) ? ` (${lookupError(c)!.message.replace(/\.$/, '')})` : ''}`).join('; ')}.` : '';
    return finding({
      severity: 'warning',
      title: failing.length === 1 ? `The ESU Year ${first.year} key is installed but not activated` : `ESU keys are installed but not activated (Years ${failing.map((l) => l.year).join(', ')})`,
      explanation: `An Extended Security Updates key is installed on this Windows 10 device, but its ESU licence is not activated, so the device does not receive the security updates released under ESU (the first that needs the activation was the November 2025 update). Windows itself stays activated: ESU is an add-on licence with its own activation ID, activated with "slmgr /ato <activation ID>" — plain "slmgr /ato" activates Windows, not ESU.${codeNote}`,
      evidence: failing.map((l) => licenceEvidence(l, false, 'Licensed')),
      fixes: [{ fixId: 'install-esu-key', inputs: yearPrefill(first.year), reason: `activates ESU Year ${first.year} by its activation ID ${esuLicence(first.year).activationId} (enter the ESU MAK again only if it was never installed)` }],
      guidance: [
        'The device needs internet access to Microsoft\'s activation servers (activation.sls.microsoft.com, validation.sls.microsoft.com and the other endpoints on Microsoft\'s ESU page); without it, activate by phone: slmgr /dti <activation ID>, call the Licensing Activation Center, then slmgr /atp <confirmation ID> <activation ID>.',
        'If the MAK has no activations left, request an increase in the Microsoft 365 admin centre.',
      ],
      strength: 0.9,
    });
  },
};

export const esuYearNotCovered: Rule = {
  id: 'esu-year-not-covered',
  stage: 'state',
  question: 'Does the activated ESU licence cover the current ESU year?',
  sources: ['IT-ESU', 'IT-ESUPROG'],
  evaluate(ctx) {
    const gate = applies(ctx);
    if (gate.status === 'result') return gate.result;
    const { esu, year } = gate;
    const licensed = esu.licences.filter((l) => l.licenseStatus === 1 && l.partialProductKey !== null);
    if (licensed.length === 0) return pass('no ESU licence is activated (see the other ESU checks)');
    if (licensed.some((l) => l.year >= year)) return pass(`ESU Year ${year} is covered`);
    const current = esu.licences.find((l) => l.year === year);
    // Bought and installed, only not activated: that is esu-not-activated's finding, not "buy it".
    if (current && current.partialProductKey !== null) return pass(`the ESU Year ${year} key is installed (whether it is activated is the ESU activation check)`);
    const newest = licensed.reduce((a, b) => (b.year > a.year ? b : a));
    return finding({
      severity: 'warning',
      title: `ESU Year ${newest.year} is activated, but this is ESU Year ${year}`,
      explanation: `Windows 10 ESU is bought and activated year by year, each year with its own licence and activation ID. This device is activated for ESU Year ${newest.year} only, and the snapshot was taken on ${ctx.snapshot.takenAt.slice(0, 10)}, in Year ${year} (each ESU year runs from the anniversary of the end of support on ${ESU_END_OF_SUPPORT}; derived from Microsoft's programme page). Updates released in Year ${year} need the Year ${year} licence: buy it (ESU years are cumulative) and install and activate its MAK.`,
      evidence: [
        licenceEvidence(newest, null),
        ...(current ? [licenceEvidence(current, false, 'Licensed')] : [evidence(`windows.esu.licences[${year}]`, `ESU Year ${year}`, 'not present in SoftwareLicensingProduct', 'present and Licensed', false)]),
      ],
      fixes: [{ fixId: 'install-esu-key', inputs: yearPrefill(year), reason: `installs the Year ${year} ESU MAK and activates it by the Year ${year} activation ID` }],
      strength: 0.7,
    });
  },
};

export const esuPrerequisitesMissing: Rule = {
  id: 'esu-prerequisites-missing',
  stage: 'state',
  question: `Does this Windows 10 device meet the ESU prerequisites (version ${ESU_PREREQUISITES.version} with ${ESU_PREREQUISITES.update} or later)?`,
  sources: ['IT-ESU'],
  evaluate(ctx) {
    const gate = applies(ctx);
    if (gate.status === 'result') return gate.result;
    const { os, esu } = gate;
    const oldVersion = os.build < ESU_PREREQUISITES.build;
    const noLicences = esu.licences.length === 0;
    if (!oldVersion && !noLicences) return pass(`Windows 10 ${ESU_PREREQUISITES.version} with the ESU licences present`);
    if (isAzureVm(ctx) && !oldVersion) return pass('an Azure VM receives ESU at no cost, with no keys or configuration');
    const build = `${os.build}${os.ubr !== null ? `.${os.ubr}` : ''}`;
    return finding({
      severity: 'warning',
      title: oldVersion ? `Windows 10 must be version ${ESU_PREREQUISITES.version} for ESU` : `The ESU licences are missing: install ${ESU_PREREQUISITES.update} or a later update`,
      explanation: oldVersion
        ? `Extended Security Updates need Windows 10, version ${ESU_PREREQUISITES.version} (build ${ESU_PREREQUISITES.build}) with ${ESU_PREREQUISITES.update} or a later update. This device runs build ${build}: update it to ${ESU_PREREQUISITES.version} and install the latest cumulative update, then install and activate the ESU key.`
        : `Extended Security Updates need Windows 10, version ${ESU_PREREQUISITES.version} with ${ESU_PREREQUISITES.update} or a later update. None of the three ESU licences is in SoftwareLicensingProduct on this device, so an ESU key has nothing to install into (derived: the licences arrive with that update). Install the latest cumulative update, restart, and check again.`,
      evidence: [
        evidence('windows.os.build', 'Windows build', build, `${ESU_PREREQUISITES.build} (${ESU_PREREQUISITES.version}) with ${ESU_PREREQUISITES.update} or later`, oldVersion ? false : null),
        evidence('windows.esu.licences', 'ESU licences in SoftwareLicensingProduct', noLicences ? 'none' : esu.licences.map((l) => `Year ${l.year}`).join(', '), 'Years 1, 2 and 3', noLicences ? false : null),
      ],
      fixes: [],
      guidance: [`Install ${ESU_PREREQUISITES.update} or any later cumulative update for Windows 10 ${ESU_PREREQUISITES.version} (${ESU_PREREQUISITES.updateUrl}) through Windows Update or your update management, then check again.`],
      strength: 0.8,
    });
  },
};

export const esuNotEnrolled: Rule = {
  id: 'esu-not-enrolled',
  stage: 'state',
  question: 'Is this Windows 10 device enrolled in Extended Security Updates?',
  sources: ['IT-ESU', 'IT-ESUPROG'],
  evaluate(ctx) {
    const gate = applies(ctx);
    if (gate.status === 'result') return gate.result;
    const { os, esu, year } = gate;
    if (esu.licences.length === 0) return pass('the ESU licences are missing (see the ESU prerequisites)');
    if (esu.licences.some((l) => l.partialProductKey !== null)) return pass('an ESU key is installed');
    if (isAzureVm(ctx)) return pass('an Azure VM receives ESU at no cost, with no keys or configuration');
    const consumer = isConsumerEdition(os.editionId);
    const keyless = evidence('windows.esu.licences', 'ESU keys installed', 'none (all three ESU licences present without a key)', null, null);
    const edition = evidence('windows.os.editionId', 'Edition', os.editionId);
    if (consumer) {
      return finding({
        severity: 'info',
        title: 'Consumer ESU enrolment cannot be seen from here',
        explanation: `This is Windows 10 Home, whose owners enrol in Microsoft's consumer ESU programme (in Settings, with a Microsoft account) rather than with a MAK. How that enrolment shows in the licensing service is not documented, so the absence of an ESU key here does not prove the device is not enrolled. Without ESU, Windows 10 has received no security updates since ${ESU_END_OF_SUPPORT}.`,
        evidence: [edition, keyless],
        fixes: [],
        guidance: [`Check Settings > Update & Security > Windows Update for the ESU enrolment, or see Microsoft's consumer ESU page: ${ESU_CONSUMER_URL}. An organisation that bought ESU can still install its ESU MAK here.`],
        strength: 0.3,
      });
    }
    return finding({
      severity: 'warning',
      title: 'No Windows 10 ESU key is installed',
      explanation: `Support for Windows 10 ended on ${ESU_END_OF_SUPPORT}. This ${os.editionId} device has the ESU licences but no ESU key, so unless it is covered another way (Windows 365, Azure Virtual Desktop, a consumer enrolment) it receives no security updates. Organisations buy ESU by year in the Microsoft 365 admin centre and activate its MAK with "slmgr /ipk <ESU MAK>" and "slmgr /ato <activation ID>".`,
      evidence: [edition, keyless],
      fixes: [{ fixId: 'install-esu-key', inputs: yearPrefill(year), reason: `installs your ESU MAK and activates ESU Year ${year} by its activation ID` }],
      guidance: ['No key yet: ESU MAKs are in the Microsoft 365 admin centre (Billing > Your products > Volume licensing > View contracts > View product keys).'],
      strength: 0.5,
    });
  },
};
