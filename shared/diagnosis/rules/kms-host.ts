/** Stage 6: can the KMS host activate this computer (version, count, its own activation, key)? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { hostCanActivate, KMS_THRESHOLDS } from '../../knowledge/kms';
import { productForOs, productForBuild, productLabel } from '../../knowledge/products';
import { codeRule } from './code-rule';
import { codeEvidence, observedCodeFor } from './helpers';

/** The KMS host's build, from the extended PID it gave us ("...-03-1031-9600.0000-0802017"). */
export function hostBuildFromEpid(epid: string | null | undefined): number | null {
  const match = epid ? /-(\d{4,5})\.\d{4}-\d{7}$/.exec(epid) : null;
  return match ? Number(match[1]) : null;
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
    const codeSeen = observedCodeFor(ctx, [0xc004f042, 0xc004f015]) || ctx.reportedCode === 0xc004f042 || ctx.reportedCode === 0xc004f015;
    if (build === null || client === null) {
      return codeSeen
        ? finding({
            severity: 'blocker',
            title: 'The KMS host cannot activate this version of Windows',
            explanation:
              'The KMS host answered that it cannot activate this product (0xC004F042 / 0xC004F015): its host key (CSVLK) is too old for this Windows version, or it lacks the update that teaches it about newer clients. Install the required update on the host and, if needed, a newer CSVLK from the Volume Licensing Service Center.',
            evidence: codeEvidence(ctx, 'kms-host-version-mismatch'),
            strength: 0.8,
          })
        : unknown([], "the KMS host's Windows version is only known after it has activated this computer once");
    }
    const host = productForBuild(build, true);
    if (!host) return unknown([], `the KMS host's build ${build} is not in the compatibility tables`);
    const answer = hostCanActivate({ product: host }, client);
    if (answer.answer === 'yes') return pass(`${productLabel(host)} can activate ${productLabel(client)}`);
    return finding({
      severity: answer.answer === 'no' || codeSeen ? 'blocker' : 'warning',
      title: answer.answer === 'no' ? `A ${productLabel(host)} KMS host cannot activate ${productLabel(client)}` : `The ${productLabel(host)} KMS host needs ${answer.kb} for ${productLabel(client)}`,
      explanation: answer.reason,
      evidence: [
        evidence('windows.licensing.products[0].kmsHostProductKeyId', "KMS host's Windows build (from its extended PID)", `${build} (${productLabel(host)})`),
        evidence('windows.os.build', "This computer's Windows", `${os.build} (${productLabel(client)})`),
        ...codeEvidence(ctx, 'kms-host-version-mismatch'),
      ],
      guidance: answer.answer === 'yes-after-update' ? [`On the KMS host, install ${answer.kb} or a later cumulative update, then restart sppsvc.`] : ['Move the KMS role to a newer Windows Server, or add a newer host key (CSVLK) that covers this client.'],
      strength: codeSeen ? 0.95 : 0.6,
    });
  },
};

export const kmsCountInsufficient: Rule = {
  id: 'kms-count-insufficient',
  stage: 'kms-host',
  question: 'Does the KMS host have enough clients to activate (25 clients / 5 servers)?',
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
        explanation: `A KMS host activates nobody until ${KMS_THRESHOLDS.servers} unique servers or ${KMS_THRESHOLDS.clients} unique Windows clients (counted over the last 30 days) have asked it. Clients below the threshold get 0xC004F038, which still proves they reach the host. If the count stays stuck at 1 or 2 although many machines ask, they share a client machine ID (images not generalised with sysprep).`,
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
    return finding({
      severity: 'blocker',
      title: 'The KMS host does not have enough clients yet',
      explanation: stuck
        ? 'The KMS host answered, but its count stays at 1 or 2 over several attempts. That is the sign of duplicate client machine IDs: the machines were cloned from an image that was not generalised with sysprep, so the host counts them as one. Run slmgr.vbs /rearm on the clones (or rebuild the image with sysprep /generalize) so each gets its own CMID.'
        : `The KMS host answered but will not activate anyone until it has seen ${KMS_THRESHOLDS.clients} Windows clients or ${KMS_THRESHOLDS.servers} servers in the last 30 days. Below that, a KMS host does not pay off: use MAK or retail keys, or Active Directory-based activation.`,
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

export const kmsKeyMismatch = codeRule({
  id: 'kms-key-mismatch',
  stage: 'kms-host',
  question: "Does the KMS host's key cover this product?",
  title: 'The KMS host cannot be used for this product',
  severity: 'blocker',
  fixes: [{ fixId: 'clear-kms-host', reason: 'go back to DNS discovery to find another host' }],
  sources: ['SA-F042', 'SA-ERR'],
});
