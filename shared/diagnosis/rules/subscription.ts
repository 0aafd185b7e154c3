/**
 * Windows subscription activation (Enterprise E3/E5, Education): the device's own Pro licence
 * must be activated, the subscription must be valid, and Windows Update must stay reachable.
 * None of these is ever fixed with a KMS client key or a KMS host.
 */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { subscriptionDevice } from '../../subscription';
import { subscriptionStatusText, SUBSCRIPTION_FACTS } from '../../knowledge/subscription';
import { licenseStatusName } from '../../knowledge/licensing';
import type { DiagnosisContext } from '../context';
import { codeEvidence } from './helpers';

/** The subscription facts of a check, when read. */
const subscriptionOf = (ctx: DiagnosisContext) => factValue(ctx.snapshot.windows.subscription) ?? null;

export function deviceOf(ctx: DiagnosisContext) {
  return subscriptionDevice(factValue(ctx.snapshot.windows.os) ?? null, factValue(ctx.snapshot.windows.licensing) ?? null, subscriptionOf(ctx));
}

const NO_KMS = 'Do not install a KMS client key (GVLK) or set a KMS host on this device: subscription activation replaces them, and Activation Doctor refuses those fixes here.';

export const subscriptionBaseNotActivated: Rule = {
  id: 'subscription-base-not-activated',
  stage: 'key',
  question: 'On a subscription (Enterprise E3/E5, Education) device, is the underlying Windows Pro licence activated?',
  sources: ['ITPRO-SUB', 'ITPRO-DEL'],
  evaluate(ctx) {
    if (!ctx.product) return unknown(['windows.licensing'], 'the licence state could not be read');
    const device = deviceOf(ctx);
    if (!device) return notApplicable;
    if (ctx.activated) return pass(`the underlying licence (${ctx.product.name}) is activated`);
    const licensing = factValue(ctx.snapshot.windows.licensing);
    const firmware = licensing?.service.oa3OriginalProductKeyDescription ?? null;
    return finding({
      severity: 'blocker',
      title: 'The Windows Pro licence under the Enterprise subscription is not activated',
      explanation: `Subscription activation steps Windows Pro up to Enterprise (or Pro Education up to Education), but it does not remove the need to activate the underlying Windows: Microsoft shows "We can't activate Windows on this device right now" with 0xC004F034 when the Pro licence is not activated. ${firmware ? `This device has a firmware key (${firmware}): apply it with changepk.exe, as Microsoft's page shows.` : 'This device reports no firmware key, so it probably started as Windows Home or was never activated: install a Windows Pro MAK or retail key and activate.'}`,
      evidence: [
        evidence(ctx.productFact('name'), 'Licence Windows carries', ctx.product.name),
        evidence(ctx.productFact('licenseStatus'), 'Its state', licenseStatusName(ctx.product.licenseStatus), 'Licensed', false),
        evidence(device.stepUp ? 'windows.os.editionId' : 'windows.subscription.statusValue', 'Subscription', device.because),
        evidence('windows.licensing.service.oa3OriginalProductKeyDescription', 'Firmware key', firmware ?? 'none'),
        ...codeEvidence(ctx, 'subscription-base-not-activated'),
      ],
      fixes: [{ fixId: 'install-key-and-activate', inputs: {}, reason: 'install a Windows Pro (or Pro Education) MAK or retail key and activate it' }],
      guidance: [
        ...(firmware ? ["Apply the firmware key in an elevated PowerShell, as Microsoft's subscription activation page shows: $(Get-CimInstance SoftwareLicensingService).OA3xOriginalProductKey | ForEach-Object { if ($_) { changepk.exe /ProductKey $_ } }"] : []),
        NO_KMS,
      ],
      strength: 0.95,
    });
  },
};

export const subscriptionNotActive: Rule = {
  id: 'subscription-not-active',
  stage: 'state',
  question: 'Is the Windows Enterprise subscription valid?',
  sources: ['PS-OSL-SUB', 'ITPRO-DEL', 'ITPRO-SUB'],
  evaluate(ctx) {
    const fact = ctx.snapshot.windows.subscription;
    if (fact.status === 'unavailable') return fact.reason === 'not-applicable' ? notApplicable : unknown(['windows.subscription'], 'the subscription state could not be read');
    const status = fact.value.statusValue;
    if (status === null) return notApplicable;
    if (status === 1) return pass('the subscription is active');
    // 0 Not Active, 120 Not Installed: nothing was applied (only a finding on a stepped-up device).
    const lapsed = status === 100 || status === 110;
    if (!lapsed && !deviceOf(ctx)?.stepUp) return notApplicable;
    return finding({
      severity: 'warning',
      title: `The Windows Enterprise subscription is ${subscriptionStatusText(status).toLowerCase()}`,
      explanation: `The licensing service reports the subscription as ${subscriptionStatusText(status)} (SubscriptionStatus, the value Microsoft's Get-SubscriptionLicenseInfo shows); Settings shows "Windows Enterprise subscription isn't valid." Without it Windows falls back to Pro (or Pro Education). The signed-in user needs a Windows Enterprise E3/E5 (or Education) licence assigned, the device must be ${SUBSCRIPTION_FACTS.joinRequirement.value}, and it renews about every ${SUBSCRIPTION_FACTS.renewalDays.value} days while online. A new assignment can take up to ${SUBSCRIPTION_FACTS.eligibilityDays.value} days.`,
      evidence: [
        evidence('windows.subscription.statusValue', 'Subscription status', `${subscriptionStatusText(status)} (${status})`, 'Active (1)', false),
        ...(fact.value.edition ? [evidence('windows.subscription.edition', 'Subscription edition', fact.value.edition)] : []),
        ...(fact.value.expiry ? [evidence('windows.subscription.expiry', 'Expiry (as the licensing service gives it)', fact.value.expiry)] : []),
      ],
      guidance: [
        'In the Microsoft 365 admin center, check that the user signing in has a Windows Enterprise E3/E5 (or A3/A5) licence; per-device licences do not work with subscription activation.',
        'Check the device is Entra joined or hybrid joined: dsregcmd /status shows AzureAdJoined : YES.',
        'Sign in with that user while the device is online, then wait: refreshing can take a while.',
        NO_KMS,
      ],
      strength: 0.7,
    });
  },
};

export const subscriptionUpdateBlocked: Rule = {
  id: 'subscription-update-blocked',
  stage: 'prerequisites',
  question: 'On a subscription device, may Windows reach Windows Update?',
  sources: ['ITPRO-DEL'],
  evaluate(ctx) {
    const fact = ctx.snapshot.windows.subscription;
    if (fact.status === 'unavailable') return fact.reason === 'not-applicable' ? notApplicable : unknown(['windows.subscription'], 'the Windows Update policy could not be read');
    if (!deviceOf(ctx)) return notApplicable;
    if (fact.value.windowsUpdateBlocked !== true) return pass('no policy blocks Windows Update');
    return finding({
      severity: 'warning',
      title: 'A policy blocks Windows Update on a subscription device',
      explanation:
        'The policy "Do not connect to any Windows Update Internet locations" is on. Microsoft: if a device is not able to connect to Windows Update, it can lose activation status or be blocked from upgrading to Windows Enterprise. The policy value must be 0 (or the policy not configured).',
      evidence: [
        evidence(
          'windows.subscription.windowsUpdateBlocked',
          'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate DoNotConnectToWindowsUpdateInternetLocations',
          '1 (on)',
          '0 or not set',
          false,
        ),
      ],
      guidance: [
        'Set the Group Policy "Do not connect to any Windows Update Internet locations" (Computer Configuration > Administrative Templates > Windows Components > Windows Update) to Disabled or Not configured, then run gpupdate /force.',
      ],
      strength: 0.6,
    });
  },
};
