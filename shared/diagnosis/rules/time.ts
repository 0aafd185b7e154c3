/** Stage 5: do this computer's and the KMS host's clocks agree within 4 hours (UTC)? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { formatOffset } from '../format';
import { codeEvidence, nothingToCheck, observedCodeFor, openHosts, relevantHostChecks } from './helpers';
import { KMS_MAX_SKEW_MS, KMS_MAX_SKEW_TEXT } from '../../knowledge/kms';

const HOUR = 3_600_000;
/** KMS rejects requests whose time is more than 4 hours from the host's (0xC004F06C): the knowledge table's limit. */
export const SKEW_LIMIT_MS = KMS_MAX_SKEW_MS;
/** Above one hour we warn: the clock is drifting towards the limit. */
export const SKEW_WARN_MS = 1 * HOUR;
const F06C = 0xc004f06c;

export const kmsTimeSkew: Rule = {
  id: 'kms-time-skew',
  stage: 'time',
  question: "Is this computer's clock within 4 hours of the KMS host's?",
  sources: ['SA-F074', 'SA-F06C', 'WSD-W32TM'],
  evaluate(ctx) {
    if (!ctx.kmsClient && !observedCodeFor(ctx, [F06C]) && ctx.reportedCode !== F06C) return notApplicable;
    const relevant = relevantHostChecks(ctx).map((h) => h.host);
    const times = (factValue(ctx.snapshot.network.time) ?? []).filter((t) => relevant.length === 0 || relevant.includes(t.host));
    const measured = times.filter((t) => t.result === 'ok' && t.offsetMs !== null);
    const worst = measured.reduce<(typeof measured)[number] | undefined>((w, t) => (!w || Math.abs(t.offsetMs!) > Math.abs(w.offsetMs!) ? t : w), undefined);
    const fromEvent = observedCodeFor(ctx, [F06C]);
    const skew = worst ? Math.abs(worst.offsetMs!) : 0;
    if (worst && skew <= SKEW_WARN_MS && !fromEvent) return pass(`the KMS host's clock is ${formatOffset(worst.offsetMs!)}`);
    if (!worst && !fromEvent) {
      if (nothingToCheck(ctx.snapshot.network.time)) return notApplicable;
      if (ctx.snapshot.network.time.status === 'unavailable') return unknown(['network.time'], 'the clock offset to the KMS host could not be measured');
      return times.length === 0 ? notApplicable : unknown(['network.time'], 'the KMS host gave no time answer (NTP, UDP 123), so the offset could not be measured');
    }
    const host = worst ? `${worst.host}` : 'the KMS host';
    const over = skew > SKEW_LIMIT_MS;
    // Time is taken only from a host that answers on its KMS port: the one Windows can activate
    // against (a host that is silent there may be a stale record another finding says to remove).
    const target = worst && openHosts(ctx).some((h) => h.host.toLowerCase() === worst.host.toLowerCase()) ? worst : null;
    return finding({
      severity: over || (fromEvent && !worst) ? 'blocker' : 'warning',
      title: over ? `The clocks differ by more than 4 hours` : fromEvent && !worst ? 'The KMS host rejected the request time (0xC004F06C)' : 'The clock is drifting away from the KMS host',
      explanation: over
        ? 'A KMS host refuses clients whose clock is more than 4 hours from its own (compared in UTC, so time zones do not matter), and the client reports 0xC004F074 with 0xC004F06C in event 12288. Sync the clocks: usually this computer\'s Windows Time service is stopped or not syncing; if the host is the one that is wrong, fix its time source instead.'
        : fromEvent && !worst
          ? "The last activation attempt failed with 0xC004F06C: the KMS host found this computer's time more than 4 hours away from its own. Sync this computer's clock (or the host's) and activate again."
          : 'The clocks are still within the 4-hour limit, but more than an hour apart: time sync is not working and activation will fail once the gap passes 4 hours.',
      evidence: [
        ...(worst ? [evidence(`network.time[${worst.host}]`, `Clock of ${host} (NTP)`, formatOffset(worst.offsetMs!), `within ${KMS_MAX_SKEW_TEXT}`, !over)] : []),
        ...codeEvidence(ctx, 'kms-time-skew'),
      ],
      fixes: [
        { fixId: 'sync-time', inputs: {}, reason: "starts Windows Time if needed and resyncs this computer's clock" },
        ...(target ? [{ fixId: 'sync-time-from-kms-host' as const, inputs: { host: target.host }, reason: `takes the time from ${target.host} for the activation, then restores your time settings` }] : []),
      ],
      guidance: worst && worst.offsetMs! < 0 ? [] : [`If ${host}'s own clock is wrong, fix its time source: w32tm /query /status on the host.`],
      strength: over ? 1 : fromEvent ? 0.8 : 0.5,
    });
  },
};

export const w32timeStopped: Rule = {
  id: 'w32time-stopped',
  stage: 'time',
  question: 'Is the Windows Time service running?',
  sources: ['SA-F06C', 'WSD-W32TM'],
  evaluate(ctx) {
    // W32Time is trigger-started and often stopped on healthy workgroup PCs: it matters for KMS
    // clients, whose host compares clocks, and wherever a time error was seen.
    if (!ctx.kmsClient && !observedCodeFor(ctx, [F06C]) && ctx.reportedCode !== F06C) return notApplicable;
    const services = factValue(ctx.snapshot.windows.services);
    if (!services) return ctx.snapshot.windows.services.status === 'unavailable' && ctx.snapshot.windows.services.reason === 'not-windows' ? notApplicable : unknown(['windows.services'], 'the service states could not be read');
    const w = services.w32time;
    if (w.exists && w.status === 'running') return pass(`running${services.w32timeType ? ` (sync type ${services.w32timeType})` : ''}`);
    return finding({
      severity: 'warning',
      title: w.exists ? `The Windows Time service is ${w.startType === 'disabled' ? 'disabled' : 'stopped'}` : 'The Windows Time service is missing',
      explanation: 'Without the Windows Time service the clock drifts, and once it is more than 4 hours from the KMS host activation and renewal fail with 0xC004F06C.',
      evidence: [
        evidence('windows.services.w32time.status', 'Windows Time (W32Time)', w.exists ? `${w.status}, start type ${w.startType}` : 'not found', 'running', false),
        ...(services.w32timeType ? [evidence('windows.services.w32timeType', 'Time sync type', services.w32timeType)] : []),
      ],
      fixes: [{ fixId: 'sync-time', inputs: {}, reason: 'starts Windows Time and resyncs the clock' }],
      strength: 0.4,
    });
  },
};

