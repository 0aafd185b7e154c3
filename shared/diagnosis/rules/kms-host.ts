/** Stage 6: can the KMS host activate this computer (version, count, its own activation, key)? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { csvlkGroup, describeHostOptions, hostCanActivate, hostOptionsFor, KMS_THRESHOLDS, type HostAnswer } from '../../knowledge/kms';
import { productForOs, productForBuild, productLabel, type ProductId } from '../../knowledge/products';
import { lookupError } from '../../knowledge/errors';
import { codesToExplain, type DiagnosisContext } from '../context';
import { codeRule } from './code-rule';
import { codeEvidence, hostLabel, observedCodeFor, openHosts } from './helpers';

/** The KMS host's build, from the extended PID it gave us ("...-03-1031-9600.0000-0802017"). */
export function hostBuildFromEpid(epid: string | null | undefined): number | null {
  const match = epid ? /-(\d{4,5})\.\d{4}-\d{7}$/.exec(epid) : null;
  return match ? Number(match[1]) : null;
}

/**
 * What the KMS host's build can be. A build number alone does not say whether the host is a
 * server or a client (9600 is Windows Server 2012 R2 and Windows 8.1; 14393 is Windows Server
 * 2016 and Windows 10): both readings are kept, never just the server one.
 */
export function hostProductsForBuild(build: number): ProductId[] {
  return [productForBuild(build, true), productForBuild(build, false)].filter((p): p is ProductId => p !== null);
}

const F042 = 0xc004f042;
const F015 = 0xc004f015;

/** What the tables say about the host that answered, when its build is known. */
function hostVerdict(ctx: DiagnosisContext): { build: number; client: ProductId; answers: Array<{ host: ProductId; answer: HostAnswer }> } | null {
  const os = factValue(ctx.snapshot.windows.os);
  const build = hostBuildFromEpid(ctx.product?.kmsHostProductKeyId);
  if (!os || build === null) return null;
  const client = productForOs({ build: os.build, editionId: os.editionId, server: os.productType !== 1 });
  if (!client) return null;
  const answers = hostProductsForBuild(build).map((host) => ({ host, answer: hostCanActivate({ product: host }, client) }));
  return answers.length > 0 ? { build, client, answers } : null;
}

export const kmsHostVersionMismatch: Rule = {
  id: 'kms-host-version-mismatch',
  stage: 'kms-host',
  question: 'Is the KMS host new enough for this version of Windows?',
  sources: ['WSD-PLAN', 'SA-F015', 'SA-F042'],
  evaluate(ctx) {
    if (ctx.activation !== 'kms-client') return notApplicable;
    const os = factValue(ctx.snapshot.windows.os);
    if (!os) return unknown(['windows.os'], 'the Windows version could not be read');
    // A host that activated this computer can evidently activate it.
    if (ctx.activated && ctx.product?.vlActivationType === 2) return pass('the KMS host activated this computer, so it supports this version');
    const build = hostBuildFromEpid(ctx.product?.kmsHostProductKeyId);
    const client = productForOs({ build: os.build, editionId: os.editionId, server: os.productType !== 1 });
    const codeSeen = observedCodeFor(ctx, [F042, F015]) || ctx.reportedCode === F042 || ctx.reportedCode === F015;
    if (build === null || client === null) {
      if (!codeSeen) return unknown([], "the KMS host's Windows version is only known after it has activated this computer once");
      // The host's version is unknown: say from the tables which hosts, keys and updates can.
      const options = client ? describeHostOptions(hostOptionsFor(client)) : [];
      const clientName = client ? productLabel(client) : `this Windows (build ${os.build})`;
      return finding({
        severity: 'blocker',
        title: `The KMS host cannot activate ${clientName}`,
        explanation: `The KMS host answered that it cannot activate this product (0xC004F042 / 0xC004F015): the host key (CSVLK) it carries does not cover ${clientName}, or the host lacks the update that lets it carry a key that does. Which Windows the host runs is not known from this computer until it has activated once${options.length > 0 ? `; from Microsoft's tables, ${clientName} is activated by ${options.join('; or ')}` : ''}. Check the host's version and key with slmgr.vbs /dlv on the host.`,
        evidence: [evidence('windows.os.build', "This computer's Windows", `${os.build}${client ? ` (${productLabel(client)})` : ''}`), ...codeEvidence(ctx, 'kms-host-version-mismatch')],
        guidance: [
          'On the KMS host, run slmgr.vbs /dlv: the Description line names the host key group (for example "VOLUME_KMS_2022 channel"), and winver shows its Windows version.',
          ...(client ? hostOptionsFor(client).length > 0 ? ["If the host's Windows is not in that list, no update helps: move the KMS role to a Windows Server that is."] : [] : []),
        ],
        strength: 0.9,
      });
    }
    const verdict = hostVerdict(ctx);
    if (!verdict) return unknown([], `the KMS host's build ${build} is not in the compatibility tables`);
    const { answers } = verdict;
    const hostNames = answers.map((a) => productLabel(a.host)).join(' or ');
    // The host's build comes from the extended PID stored when a host last activated this computer:
    // it says who activated it then, not who is refusing now. Without the host's own refusal
    // (0xC004F042 / 0xC004F015) it is at most a possibility, never a blocker.
    if (answers.every((a) => a.answer.answer === 'yes')) return pass(`last activated by a ${hostNames} KMS host, which can activate ${productLabel(client)}`);
    // Without a refusal, a reading of the host that can serve this computer is the likely one (it did activate it).
    if (!codeSeen && answers.some((a) => a.answer.answer === 'yes')) {
      return pass(`last activated by a ${answers.filter((a) => a.answer.answer === 'yes').map((a) => productLabel(a.host)).join(' or ')} KMS host, which can activate ${productLabel(client)}`);
    }
    const worst = answers.find((a) => a.answer.answer === 'no') ?? answers.find((a) => a.answer.answer === 'yes-after-update')!;
    const options = hostOptionsFor(client);
    const guidance: string[] = [];
    const cond = (host: ProductId) => (!codeSeen ? `If the host still runs ${productLabel(host)}: ` : answers.length > 1 ? `If the host is ${productLabel(host)}: ` : '');
    if (!codeSeen) guidance.push('On the KMS host this computer uses now, run slmgr.vbs /dlv: the Description line names its host key group, and winver shows its Windows version.');
    for (const { host, answer } of answers) {
      if (answer.answer === 'yes-after-update') guidance.push(`${cond(host) || 'On the KMS host, '}install ${answer.kb} or a later cumulative update${answer.csvlkGroup ? ` and the "${csvlkGroup(answer.csvlkGroup).name}" host key` : ''}, then restart sppsvc.`);
      else if (answer.answer === 'no') {
        const carryable = options.filter((o) => o.host === host);
        guidance.push(
          carryable.length > 0
            ? `${cond(host)}install a host key that covers ${productLabel(client)}: ${describeHostOptions(carryable).join('; or ')}.`
            : `${cond(host)}no host key that ${productLabel(host)} can carry activates ${productLabel(client)}, and no update changes that. Move the KMS role to ${[...new Set(options.map((o) => productLabel(o.host)))].join(', ') || 'a newer Windows Server'}.`,
        );
      }
    }
    const certain = answers.every((a) => a.answer.answer !== 'yes');
    const hostEvidence = evidence(ctx.productFact('kmsHostProductKeyId'), "Build of the KMS host that last activated this computer (its extended PID)", `${build} (${hostNames})`);
    const clientEvidence = evidence('windows.os.build', "This computer's Windows", `${os.build} (${productLabel(client)})`);
    if (!codeSeen) {
      return finding({
        severity: 'warning',
        title: `The ${hostNames} KMS host that last activated this computer may not serve ${productLabel(client)}`,
        explanation: `This computer was last activated by a ${hostNames} KMS host (its build is stored from that activation). ${productLabel(client)} is newer than such a host serves with its current key${answers.some((a) => a.answer.answer === 'yes-after-update') ? ' unless it has the update and host key listed below' : ''}, which happens after an in-place upgrade. No KMS host has refused this computer (no 0xC004F042 or 0xC004F015 was seen), so this is a possibility to check, not the established cause.`,
        evidence: [hostEvidence, clientEvidence],
        guidance,
        strength: certain ? 0.4 : 0.3,
      });
    }
    return finding({
      severity: 'blocker',
      title:
        worst.answer.answer === 'no'
          ? `A ${hostNames} KMS host cannot activate ${productLabel(client)} with its current host key`
          : `The ${hostNames} KMS host needs ${worst.answer.answer === 'yes-after-update' ? worst.answer.kb : 'an update'} for ${productLabel(client)}`,
      explanation: answers.length > 1 ? answers.map((a) => `If the host is ${productLabel(a.host)}: ${a.answer.reason}`).join(' ') : worst.answer.reason,
      evidence: [hostEvidence, clientEvidence, ...codeEvidence(ctx, 'kms-host-version-mismatch')],
      guidance,
      // Measured (the host's build against the tables) and confirmed by the code beats either alone.
      strength: certain ? 1 : 0.85,
    });
  },
};

export const kmsCountInsufficient: Rule = {
  id: 'kms-count-insufficient',
  stage: 'kms-host',
  question: 'Has the KMS host counted enough machines (one count: clients need 25, servers 5)?',
  sources: ['SA-F038', 'WSD-PLAN', 'SA-CMID'],
  evaluate(ctx) {
    const events = factValue(ctx.snapshot.windows.events);
    const service = factValue(ctx.snapshot.windows.licensing)?.service;
    // On the KMS host itself: its own count against the threshold.
    if (service?.isKmsHost && service.kmsCurrentCount !== null && service.requiredClientCount !== null) {
      const { kmsCurrentCount: count, requiredClientCount: required } = service;
      if (count >= required) return pass(`count ${count}, threshold ${required}`);
      return finding({
        severity: 'warning',
        title: `This KMS host has ${count} of the ${required} clients it needs`,
        explanation: `A KMS host keeps one count of every machine that asked in the last 30 days, clients and servers together. Servers activate once that count is ${KMS_THRESHOLDS.servers} or more, Windows clients once it is ${KMS_THRESHOLDS.clients} or more${count >= KMS_THRESHOLDS.servers && count < KMS_THRESHOLDS.clients ? ': at ' + count + ' this host already activates servers, but not yet Windows clients' : ''}. Machines below the threshold get 0xC004F038, which still proves they reach the host. If the count stays stuck at 1 or 2 although many machines ask, they share a client machine ID (cloned images).`,
        evidence: [evidence('windows.licensing.service.kmsCurrentCount', 'Current count', String(count), `${required} or more`, false)],
        strength: 0.6,
      });
    }
    const code = observedCodeFor(ctx, [0xc004f038]) || ctx.reportedCode === 0xc004f038;
    if (!code) return ctx.activation === 'kms-client' ? pass('no count error reported') : notApplicable;
    const response = events?.e12289.find((e) => e.currentCount !== null);
    const request = events?.e12288.find((e) => e.requiredCount !== null);
    const counts = (events?.e12289 ?? []).map((e) => e.currentCount).filter((c): c is number => c !== null);
    const stuck = counts.length >= 3 && counts.every((c) => c <= 2);
    const os = factValue(ctx.snapshot.windows.os);
    const isServer = os ? os.productType !== 1 : null;
    return finding({
      severity: 'blocker',
      title: 'The KMS host does not have enough clients yet',
      explanation: stuck
        ? 'The KMS host answered, but its count stays at 1 or 2 over several attempts. That is the sign of duplicate client machine IDs (CMIDs): the machines were cloned from one image, so the host counts them as one. If the image was generalised with sysprep but with SkipRearm set (as Azure Marketplace images are), run slmgr.vbs /rearm on each clone and restart it, then check with slmgr.vbs /dlv that the CMID changed. Otherwise the image was never generalised: rebuild it with sysprep /generalize and redeploy the clones.'
        : `The KMS host answered but will not activate ${isServer === false ? 'a Windows client' : isServer ? 'a server' : 'this computer'} yet. It keeps one count of every machine that asked in the last 30 days, clients and servers together: servers activate once the count is ${KMS_THRESHOLDS.servers} or more, Windows clients once it is ${KMS_THRESHOLDS.clients} or more${response?.currentCount != null ? ` (the host reported ${response.currentCount})` : ''}. If your site will never reach that, a KMS host does not pay off: use MAK or retail keys, or Active Directory-based activation.`,
      evidence: [
        ...(response?.currentCount != null ? [evidence('windows.events.e12289[0].currentCount', "KMS host's count (event 12289)", String(response.currentCount), request?.requiredCount != null ? `${request.requiredCount} or more` : null, false)] : []),
        ...(stuck ? [evidence('windows.events.e12289', 'Counts over the last attempts', counts.join(', '), 'rising as machines ask', false)] : []),
        ...codeEvidence(ctx, 'kms-count-insufficient'),
      ],
      fixes: [{ fixId: 'install-key-and-activate', inputs: {}, reason: 'activate this computer with a MAK instead' }],
      strength: 0.9,
    });
  },
};

export const kmsHostNotActivated = codeRule({
  id: 'kms-host-not-activated',
  stage: 'kms-host',
  question: 'Is the KMS host itself activated?',
  title: 'The KMS host itself is not activated',
  severity: 'blocker',
  sources: ['SA-ERR'],
});

/**
 * 0xC004F042 / 0xC004F015 when the tables say the host's version is not the reason (its build
 * is known and can activate this client): the host that answered carries another product's key
 * (an Office KMS host) or a different key than expected. When the host's build is known and too
 * old, the version finding says it all and this one stays quiet.
 */
export const kmsKeyMismatch: Rule = {
  id: 'kms-key-mismatch',
  stage: 'kms-host',
  question: "Does the KMS host's key cover this product?",
  sources: ['SA-F042', 'SA-ERR'],
  evaluate(ctx) {
    const code = codesToExplain(ctx).find((c) => lookupError(c)?.findings.includes('kms-key-mismatch'));
    if (code === undefined) return pass('no error code points at this');
    const verdict = hostVerdict(ctx);
    if (verdict && verdict.answers.every((a) => a.answer.answer !== 'yes')) return pass("the KMS host's version explains the refusal (see the version check)");
    const record = lookupError(code)!;
    const target = ctx.kmsHostInUse;
    const known = verdict !== null;
    return finding({
      severity: 'blocker',
      title: 'The KMS host that answered cannot be used for this product',
      explanation: `${record.explanation}${known ? ' The host\'s Windows version can activate this client, so the host most likely carries another product\'s key (for example an Office KMS host) or the wrong host key.' : ''}${target ? ` This computer ${target.source === 'configured' ? 'is set to use' : 'found'} ${target.host} ${target.source === 'configured' ? '(slmgr /skms)' : 'through DNS'}.` : ''}`,
      evidence: [...codeEvidence(ctx, 'kms-key-mismatch'), ...(target ? [evidence(target.fact, `KMS host (${target.source})`, hostLabel(target))] : [])],
      fixes: [
        ...openHosts(ctx)
          .filter((h) => !(target && h.host.toLowerCase() === target.host.toLowerCase()))
          .slice(0, 1)
          .map((h) => ({ fixId: 'set-kms-host' as const, inputs: { host: hostLabel(h) }, reason: `use ${hostLabel(h)}, another KMS host that answers` })),
        { fixId: 'clear-kms-host', inputs: {}, reason: 'remove the host set by hand and go back to DNS discovery to find another host' },
      ],
      guidance: record.nextSteps.slice(0, 5),
      strength: known ? 0.9 : 0.6,
    });
  },
};
