/** Stage 2: does Windows carry the right kind of product key for how it should activate? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { azureEndpointFor, codeEvidence, gvlkFor, kmsWanted, observedCodeFor } from './helpers';
import { clientKeyFor, evaluationTargets } from '../../knowledge/gvlk';

/** A long explanation as one guidance line per sentence (each line stays within the schema's limit). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.)])\s+(?=[A-Z])/).filter((line) => line.length > 0);
}

const FD01 = 0xc004fd01;
const FD02 = 0xc004fd02;

export const noProductKey: Rule = {
  id: 'no-product-key',
  stage: 'key',
  question: 'Is a Windows product key installed?',
  sources: ['SA-ERR'],
  evaluate(ctx) {
    const licensing = factValue(ctx.snapshot.windows.licensing);
    if (!licensing) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (ctx.product && ctx.product.partialProductKey !== null) return pass(`a key ending in ${ctx.product.partialProductKey} is installed`);
    const gvlk = gvlkFor(ctx);
    const wantsKms = kmsWanted(ctx);
    return finding({
      severity: 'blocker',
      title: 'No Windows product key is installed',
      explanation: wantsKms
        ? 'Windows has no product key, so it has nothing to activate. This computer looks like it should activate through KMS: install the KMS client key (GVLK) for its edition, then activate.'
        : 'Windows has no product key, so it has nothing to activate. Install a MAK or retail key and activate online or by phone, or install the KMS client key (GVLK) if your organisation has a KMS host.',
      evidence: [evidence('windows.licensing.products', 'Windows licences with a product key', 'none', 'one', false), ...codeEvidence(ctx, 'no-product-key')],
      fixes:
        wantsKms && gvlk.ok
          ? [{ fixId: 'install-gvlk', inputs: {}, reason: `installs the KMS client key for ${gvlk.label} (${gvlk.masked})` }]
          : [{ fixId: 'install-key-and-activate', inputs: {}, reason: 'installs your MAK or retail key and activates online' }],
      strength: 0.9,
    });
  },
};

export const evaluationEdition: Rule = {
  id: 'evaluation-edition',
  stage: 'key',
  question: 'Is this a full (not evaluation) edition of Windows?',
  sources: ['WSD-CONV'],
  evaluate(ctx) {
    const os = factValue(ctx.snapshot.windows.os);
    const isEvalChannel = ctx.channel === 'TIMEBASED_EVAL';
    if (!os && !ctx.product) return unknown(['windows.os', 'windows.licensing'], 'the edition could not be read');
    const isEval = os?.isEvaluation === true || isEvalChannel;
    if (!isEval) return pass('a full edition is installed');
    const targets = os ? evaluationTargets(os.editionId) : [];
    const target = targets[0] ?? null;
    const end = ctx.product?.evaluationEndDate;
    // The key: the edition's KMS client key where the organisation has KMS, else the MAK or retail key.
    const gvlk = os && target ? clientKeyFor({ caption: os.caption, build: os.build, editionId: target, installationType: os.installationType }) : null;
    const useGvlk = kmsWanted(ctx) && gvlk?.kind === 'key';
    const keyWords =
      useGvlk && gvlk?.kind === 'key'
        ? `the KMS client key for ${gvlk.record.product} ${gvlk.record.edition} (ends in ${gvlk.record.key.slice(-5)}; activation-doctor key-for --build ${os!.build} --edition ${target} prints it)`
        : `your MAK or retail key for ${target ?? 'the target edition'}${gvlk?.kind === 'key' ? ` (or, if your organisation has a KMS host, the KMS client key for ${gvlk.record.product} ${gvlk.record.edition})` : ''}`;
    const keyArg = useGvlk ? '<KMS client key>' : '<your key>';
    return finding({
      severity: ctx.activated ? 'warning' : 'blocker',
      title: 'This is an evaluation edition',
      explanation: `Evaluation editions cannot take a production, MAK or KMS client key: installing one fails (often with 0xC004F069). Convert the edition first with DISM, which installs the key as part of the conversion and restarts the computer.${target ? ` Microsoft's conversion table lets ${os!.editionId} become ${targets.join(' or ')}${targets.length === 1 && /cor$/i.test(target) && /standard/i.test(os!.editionId) ? ' only (a Standard Core evaluation converts only to Datacenter Core)' : ''}.` : ''} Use ${keyWords}.${end ? ' The evaluation ends on the date shown below.' : ''}`,
      evidence: [
        os
          ? evidence('windows.os.editionId', 'Edition ID', os.editionId, 'not an *Eval edition', false)
          : evidence(ctx.productFact('description'), 'Licence channel', ctx.product?.description ?? 'TIMEBASED_EVAL', 'not TIMEBASED_EVAL', false),
        ...(end ? [evidence(ctx.productFact('evaluationEndDate'), 'Evaluation ends', end)] : []),
      ],
      guidance: [
        `List the editions this installation can become: DISM /online /Get-TargetEditions`,
        target
          ? `Convert: DISM /online /Set-Edition:${target} /ProductKey:${keyArg} /AcceptEula, with ${keyWords}.`
          : 'Read the edition name with DISM /online /Get-CurrentEdition, then convert: DISM /online /Set-Edition:<target edition> /ProductKey:<key> /AcceptEula.',
        'A domain controller cannot be converted: install another domain controller on a licensed edition and move the roles first.',
      ],
      strength: 0.9,
    });
  },
};

export const avmaOnAzure: Rule = {
  id: 'avma-on-azure',
  stage: 'key',
  question: 'On Azure, does Windows use the KMS client key rather than an AVMA key?',
  sources: ['AZ-FD', 'WSD-AVMA'],
  evaluate(ctx) {
    const azure = ctx.snapshot.azure;
    const isAvma = ctx.activation === 'avma';
    const fdCodes = observedCodeFor(ctx, [FD01, FD02]) || ctx.reportedCode === FD01 || ctx.reportedCode === FD02;
    if (!isAvma && !fdCodes) return ctx.product ? pass('no AVMA key is installed') : unknown(['windows.licensing'], 'the licence channel could not be read');
    if (azure.status === 'unavailable') {
      return azure.reason === 'not-windows' ? notApplicable : unknown(['azure'], 'whether this is an Azure VM could not be checked');
    }
    if (!azure.value.isAzure) return pass('AVMA is fine on a Windows Server Datacenter Hyper-V host outside Azure');
    const endpoint = azureEndpointFor(ctx);
    const gvlk = gvlkFor(ctx);
    const target = `${endpoint.current}:${endpoint.port}`;
    return finding({
      severity: 'blocker',
      title: 'An AVMA key is installed on an Azure VM',
      explanation:
        'Automatic Virtual Machine Activation only works on a Windows Server Datacenter Hyper-V host; Azure does not support it, so activation fails with 0xC004FD01 or 0xC004FD02. This usually happens to VMs migrated from on-premises Hyper-V. Azure VMs activate with the KMS client key (GVLK) against Azure KMS.',
      evidence: [
        evidence(ctx.productFact('description'), 'Licence channel', ctx.product?.description ?? 'unknown', 'VOLUME_KMSCLIENT on Azure', false),
        evidence('azure.azEnvironment', 'Azure cloud', azure.value.azEnvironment ?? 'unknown'),
        ...codeEvidence(ctx, 'avma-on-azure'),
      ],
      fixes: gvlk.ok
        ? [{ fixId: 'switch-avma-to-azure-kms', inputs: { host: target }, reason: `installs the KMS client key for ${gvlk.label} (${gvlk.masked}), points Windows at ${target} and activates` }]
        : [],
      guidance: gvlk.ok ? [] : sentences(`No KMS client key could be chosen automatically: ${gvlk.reason}`),
      strength: 1,
    });
  },
};

export const channelNotVolume: Rule = {
  id: 'channel-not-volume',
  stage: 'key',
  question: 'Does the key match the way this computer activates (KMS client key for KMS)?',
  sources: ['WSD-GVLK', 'AZ-F074', 'SA-ADBA'],
  evaluate(ctx) {
    if (!ctx.product) return unknown(['windows.licensing'], 'the licence channel could not be read');
    const nonVolume = ctx.activation === 'retail' || ctx.activation === 'oem' || ctx.activation === 'mak';
    if (!nonVolume) return pass(ctx.activation === 'kms-client' ? 'the KMS client key (GVLK) is installed' : 'no KMS client key is needed for this channel');
    if (ctx.activated) return pass(`activated with a ${ctx.activation === 'mak' ? 'MAK' : ctx.activation} key; nothing to change`);
    if (!kmsWanted(ctx)) return pass('no KMS host or Azure KMS is in use, so a MAK or retail key is the right kind');
    const gvlk = gvlkFor(ctx);
    return finding({
      severity: 'blocker',
      title: `A ${ctx.activation === 'mak' ? 'MAK' : ctx.activation === 'oem' ? 'OEM' : 'retail'} key is installed where KMS is used`,
      explanation:
        'KMS hosts, Active Directory-based activation and Azure KMS only activate Windows that carries the KMS client key (GVLK); the installed key activates only with Microsoft, online or by phone. Install the GVLK for this edition, then activate against your KMS host.',
      evidence: [
        evidence(ctx.productFact('description'), 'Licence channel', ctx.product.description, 'VOLUME_KMSCLIENT', false),
        ...(ctx.isAzure ? [evidence('azure.isAzure', 'Azure VM', 'yes')] : []),
        ...(ctx.kmsHostInUse ? [evidence(ctx.kmsHostInUse.fact, ctx.kmsHostInUse.source === 'configured' ? 'KMS host set' : 'KMS host found through DNS', `${ctx.kmsHostInUse.host}:${ctx.kmsHostInUse.port}`)] : []),
      ],
      fixes: gvlk.ok ? [{ fixId: 'install-gvlk', inputs: {}, reason: `installs the KMS client key for ${gvlk.label} (${gvlk.masked})` }] : [],
      guidance: gvlk.ok ? [] : sentences(`No KMS client key could be chosen automatically: ${gvlk.reason}`),
      strength: 0.8,
    });
  },
};

export const gvlkWithoutKms: Rule = {
  id: 'gvlk-without-kms',
  stage: 'key',
  question: 'If Windows has a KMS client key, is there a KMS host for it?',
  sources: ['WSD-GVLK', 'SA-232B', 'WSD-PLAN'],
  evaluate(ctx) {
    if (!ctx.product) return unknown(['windows.licensing'], 'the licence channel could not be read');
    if (ctx.activation !== 'kms-client' || ctx.activated) return notApplicable;
    if (ctx.isAzure) return pass('Azure KMS serves this VM');
    if (ctx.kmsHostInUse) return pass(`a KMS host is known: ${ctx.kmsHostInUse.host}`);
    const srv = ctx.snapshot.network.srv;
    if (srv.status === 'unavailable' && srv.reason !== 'no-candidates') return unknown(['network.srv'], 'DNS could not be searched for a KMS host');
    const lookups = srv.status === 'ok' ? srv.value : [];
    if (lookups.some((l) => l.result === 'found')) return pass('DNS lists a KMS host');
    if (lookups.some((l) => l.result === 'timed-out' || l.result === 'error')) return unknown(['network.srv'], 'some DNS lookups failed, so a KMS host may still exist');
    if (lookups.length === 0 && ctx.snapshot.windows.networkConfig.status === 'unavailable') {
      return unknown(['windows.networkConfig'], "this computer's DNS settings could not be read, so DNS could not be searched for a KMS host");
    }
    const net = factValue(ctx.snapshot.windows.networkConfig);
    const workgroup = net ? !net.partOfDomain : false;
    return finding({
      severity: 'blocker',
      title: 'A KMS client key is installed but there is no KMS host',
      explanation:
        'The KMS client key (GVLK) only activates against a KMS host, Active Directory-based activation or Azure KMS. None was found: no KMS host is set, none was ever discovered, and DNS has no _vlmcs._tcp record. A KMS host pays off once its one count of machines (clients and servers together) reaches 25, or 5 on a site with servers only; below that, install a MAK or retail key and activate online, or by phone when there is no internet.',
      evidence: [
        evidence(ctx.productFact('kmsMachine'), 'KMS host set on this computer', 'none'),
        evidence(ctx.productFact('discoveredKmsMachineName'), 'KMS host found earlier through DNS', 'none'),
        lookups.length > 0
          ? evidence('network.srv', 'DNS domains searched for _vlmcs._tcp', `${lookups.map((l) => l.domain).join(', ')}: no records`)
          : evidence('windows.networkConfig', 'DNS domains to search for _vlmcs._tcp', 'none (no DNS domain configured)'),
        ...(net ? [evidence('windows.networkConfig.partOfDomain', 'Domain member', net.partOfDomain ? `yes (${net.domain ?? ''})` : 'no (workgroup)')] : []),
      ],
      fixes: [
        { fixId: 'install-key-and-activate', inputs: {}, reason: 'install your MAK or retail key and activate online' },
        { fixId: 'phone-activation', inputs: {}, reason: 'activate by phone when this computer has no internet access' },
      ],
      guidance: ['If your organisation does have a KMS host, point this computer at it with "Set the KMS host".'],
      strength: workgroup ? 0.85 : 0.45,
    });
  },
};
