/** Stage 8: the licence state itself — activated, expiring, or broken in a way only a code shows. */
import type { Rule } from '../rule';
import { evidence, finding, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { licenseStatusName } from '../../knowledge/licensing';
import { codeRule } from './code-rule';
import { formatMinutes } from '../format';
import { toHex as hex } from '../../hex';

/** Microsoft shows the expiry toast 30 days before a KMS activation runs out. */
const EXPIRY_WARNING_MINUTES = 30 * 1440;

export const activationExpiring: Rule = {
  id: 'activation-expiring',
  stage: 'state',
  question: 'Will the activation stay valid (renewing in time)?',
  sources: ['WSD-KMSGEN', 'WSD-PLAN'],
  evaluate(ctx) {
    const p = ctx.product;
    if (!p) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (!ctx.activated) return pass('not activated: see the other findings');
    const events = factValue(ctx.snapshot.windows.events);
    const lastRequest = events?.e12288[0];
    const lastResponse = events?.e12289[0];
    // Only a recent request says anything about renewal today (clients renew every 7 days).
    const recentRequest = lastRequest !== undefined && Date.parse(ctx.snapshot.takenAt) - Date.parse(lastRequest.timeCreated) <= 30 * 86_400_000;
    const renewalFailing = recentRequest && lastRequest.hresult !== null && lastRequest.hresult !== 0 && (!lastResponse || lastResponse.timeCreated < lastRequest.timeCreated);
    const remaining = p.gracePeriodRemainingMinutes;
    const expiringKms = ctx.activation === 'kms-client' && remaining !== null && remaining > 0 && remaining < EXPIRY_WARNING_MINUTES;
    const evalEnd = p.evaluationEndDate ? Date.parse(p.evaluationEndDate) - Date.parse(ctx.snapshot.takenAt) : null;
    const evalSoon = evalEnd !== null && evalEnd > 0 && evalEnd < EXPIRY_WARNING_MINUTES * 60_000;
    if (!expiringKms && !renewalFailing && !evalSoon) {
      return pass(remaining ? `valid for ${formatMinutes(remaining)}` : 'no expiry');
    }
    return finding({
      severity: 'warning',
      title: expiringKms ? `The activation runs out in ${formatMinutes(remaining!)}` : evalSoon ? 'The evaluation period ends soon' : 'Renewing the KMS activation is failing',
      explanation: expiringKms
        ? 'A KMS activation lasts 180 days and the client renews it every 7 days. It is close to running out, so renewals have been failing for months: the KMS host was probably decommissioned, moved or is unreachable. Fix the cause now; when it expires Windows drops to the notification state.'
        : evalSoon
          ? 'This evaluation installation stops being licensed on the date below. Convert it to a full edition with DISM before then.'
          : 'Windows is activated, but the latest renewal request to the KMS host failed. Nothing breaks yet (the activation is valid for up to 180 days), but renewals must start working again.',
      evidence: [
        ...(remaining !== null ? [evidence(ctx.productFact('gracePeriodRemainingMinutes'), 'Activation valid for', formatMinutes(remaining), expiringKms ? 'more than 30 days' : null, expiringKms ? false : null)] : []),
        ...(renewalFailing && lastRequest ? [evidence('windows.events.e12288[0]', `Last renewal request (${lastRequest.timeCreated})`, `failed with ${hex(lastRequest.hresult!)}`, 'succeeds', false)] : []),
        ...(evalSoon && p.evaluationEndDate ? [evidence(ctx.productFact('evaluationEndDate'), 'Evaluation ends', p.evaluationEndDate)] : []),
      ],
      fixes: ctx.activation === 'kms-client' ? [{ fixId: 'activate', inputs: {}, reason: 'tries to renew now, once the cause is fixed' }] : [],
      strength: expiringKms ? 0.7 : 0.4,
    });
  },
};

export const activated: Rule = {
  id: 'activated',
  stage: 'state',
  question: 'Is Windows activated?',
  sources: ['W32-SLP'],
  evaluate(ctx) {
    const p = ctx.product;
    if (!p) return unknown(['windows.licensing'], 'the licence state could not be read');
    if (!ctx.activated) return pass(`not activated (${licenseStatusName(p.licenseStatus)})`);
    const how = p.vlActivationType === 1 ? 'through Active Directory' : p.vlActivationType === 2 ? `through KMS${p.kmsHostProductKeyId ? '' : ''}` : ctx.activation === 'avma' ? 'by the Hyper-V host (AVMA)' : ctx.activation === 'mak' ? 'with a MAK' : ctx.activation === 'retail' || ctx.activation === 'oem' ? 'with a retail or OEM licence' : '';
    return finding({
      severity: 'info',
      title: 'Windows is activated',
      explanation: `${p.name} is licensed${how ? ` ${how}` : ''}. ${ctx.activation === 'kms-client' ? 'It renews with its KMS host every 7 days.' : ''}`.trim(),
      evidence: [
        evidence(ctx.productFact('licenseStatus'), 'Licence status', licenseStatusName(p.licenseStatus), 'Licensed', true),
        evidence(ctx.productFact('partialProductKey'), 'Product key', p.partialProductKey ? `ends in ${p.partialProductKey}` : 'none'),
        evidence(ctx.productFact('description'), 'Channel', ctx.channel ?? 'unknown'),
      ],
      strength: 0,
    });
  },
};

export const productKeyInvalid = codeRule({ id: 'product-key-invalid', stage: 'key', question: 'Is the product key valid for this Windows?', title: 'The product key is not valid for this Windows', severity: 'blocker', fixes: [{ fixId: 'install-key-and-activate', reason: 'install the right key (check for dashes copied as en-dashes)' }], sources: ['SA-ERR'] });
export const productKeyBlocked = codeRule({ id: 'product-key-blocked', stage: 'key', question: 'Has Microsoft blocked the product key?', title: 'Microsoft has blocked this product key', severity: 'blocker', fixes: [{ fixId: 'install-key-and-activate', reason: 'install a new key from your Volume Licensing portal' }], sources: ['SA-ERR'] });
export const makLimitExceeded = codeRule({ id: 'mak-limit-exceeded', stage: 'key', question: 'Does the MAK have activations left?', title: 'The MAK has no activations left', severity: 'blocker', fixes: [{ fixId: 'phone-activation', reason: 'Microsoft can add activations by phone' }], sources: ['SA-ERR'] });
export const phoneDataInvalid = codeRule({ id: 'phone-activation-data-invalid', stage: 'key', question: 'Was the confirmation ID entered correctly?', title: 'The confirmation ID was not accepted', severity: 'blocker', fixes: [{ fixId: 'phone-activation', reason: 'enter the confirmation ID again, group by group' }], sources: ['SA-ERR'] });
export const licenseStoreCorrupt = codeRule({ id: 'license-store-corrupt', stage: 'state', question: 'Is the licence store (tokens.dat) healthy?', title: 'The licence store is damaged', severity: 'blocker', sources: ['SA-E002', 'SA-E015', 'SA-TOK'] });
export const hardwareChanged = codeRule({ id: 'hardware-changed', stage: 'state', question: 'Does the hardware still match the activation?', title: 'The hardware changed too much since activation', severity: 'blocker', fixes: [{ fixId: 'activate', reason: 'activate again' }], sources: ['SA-ERR'] });
export const notGenuine = codeRule({ id: 'not-genuine', stage: 'state', question: 'Does Windows pass the genuine check?', title: 'Windows reports that it is not genuine', severity: 'blocker', sources: ['SA-ERR'] });
export const dcomAccessDenied = codeRule({ id: 'dcom-access-denied', stage: 'prerequisites', question: 'Is activation allowed to run (access denied)?', title: 'Activation was denied access', severity: 'blocker', sources: ['SA-0005', 'SA-ERR'] });
