/**
 * Derived facts every rule needs, computed once from a snapshot: the primary Windows product
 * and its channel, the KMS target Windows will use, the checks of each candidate host, the
 * error codes observed anywhere, the organisation's DNS domains.
 */
import { factValue, type KmsHostCheck, type Snapshot, type SrvLookup, type TimeCheck, type WindowsProduct } from '../snapshot';
import { PROBE_IDS, probeFact, type ProbeId } from '../probes';
import { channelFromDescription, channelRecord, type ChannelActivation, type LicenseChannel } from '../knowledge/licensing';
import { kmsHostInUse, type KmsHostInUse } from '../kms-host-settings';
import { organisationDomains } from '../org-domains';
import { productFactPath, selectWindowsProduct } from '../windows-product';

export interface ObservedCode {
  code: number;
  /** Where it was seen, for evidence: "LicenseStatusReason", "event 12288 at 2026-11-20 08:12 UTC". */
  where: string;
  fact: string;
}


export interface DiagnosisContext {
  snapshot: Snapshot;
  reportedCode: number | null;
  /** The Windows product the diagnosis is about (selectWindowsProduct), when licensing could be read. */
  product: WindowsProduct | null;
  /** Evidence path of one field of that product: its real index, never a hard-coded `[0]`. */
  productFact(field: keyof WindowsProduct): string;
  channel: LicenseChannel | null;
  /** What kind of activation the channel means: 'kms-client', 'mak', 'retail', 'avma', ... */
  activation: ChannelActivation | null;
  /** True when the primary product is licensed (LicenseStatus 1). */
  activated: boolean;
  /**
   * The KMS client rules apply: a KMS client key is installed, or (when the licence state is
   * unknown, e.g. a check run from a technician's laptop) a KMS host or domain was named to check.
   */
  kmsClient: boolean;
  /** The KMS host in use (shared/kms-host-settings.ts): the configured one, else the last one found through DNS. */
  kmsHostInUse: KmsHostInUse | null;
  observedCodes: ObservedCode[];
  /** DNS domains that belong to this organisation (shared/org-domains.ts). */
  orgDomains: string[];
  isAzure: boolean;
  /** Probes whose facts could not be read. */
  unavailable: Set<ProbeId>;
  hostCheck(host: string, port?: number): KmsHostCheck | undefined;
  timeCheck(host: string): TimeCheck | undefined;
  srvLookups(): SrvLookup[];
}

export { probeFact };

/** How far back an event still explains today's failure. */
const EVENT_WINDOW_MS = 30 * 24 * 3_600_000;

const sameHost = (a: string, b: string) => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

export function buildContext(snapshot: Snapshot, reportedCode: number | null): DiagnosisContext {
  const licensing = factValue(snapshot.windows.licensing);
  const selected = licensing ? selectWindowsProduct(licensing.products) : null;
  const product = selected?.product ?? null;
  const productFact = (field: keyof WindowsProduct) => productFactPath(selected, field);
  const channel = product ? channelFromDescription(product.description) : null;

  const observedCodes: ObservedCode[] = [];
  if (product?.licenseStatusReason != null && (product.licenseStatusReason & 0x80000000) !== 0) {
    observedCodes.push({ code: product.licenseStatusReason, where: 'the licence status reason (LicenseStatusReason)', fact: productFact('licenseStatusReason') });
  }
  // Event codes explain a failure only while Windows is not activated, and only recent ones: an
  // old 8198 on a machine that activated since must not raise a blocker.
  const allEvents = factValue(snapshot.windows.events);
  const takenAt = Date.parse(snapshot.takenAt);
  const recent = <T extends { timeCreated: string }>(list: T[]) => list.filter((e) => takenAt - Date.parse(e.timeCreated) <= EVENT_WINDOW_MS);
  // Office's KMS requests are logged as 12288 too: the ones naming an Office licence are Office's, not Windows'.
  const officeIds = new Set((factValue(snapshot.windows.office)?.products ?? []).map((p) => p.activationId.toLowerCase()));
  const windowsRequest = (e: { activationId: string | null }) => e.activationId === null || !officeIds.has(e.activationId.toLowerCase());
  const events = allEvents && product?.licenseStatus !== 1 ? { e12288: recent(allEvents.e12288).filter(windowsRequest), e12289: recent(allEvents.e12289), e8198: recent(allEvents.e8198) } : undefined;
  const newest12288 = events?.e12288[0];
  if (newest12288?.hresult) {
    observedCodes.push({ code: newest12288.hresult, where: `the last KMS request (event 12288, ${newest12288.timeCreated})`, fact: `windows.events.e12288[${allEvents!.e12288.indexOf(newest12288)}].hresult` });
  }
  const newest12289 = events?.e12289[0];
  if (newest12289?.hresult) {
    observedCodes.push({ code: newest12289.hresult, where: `the last KMS response (event 12289, ${newest12289.timeCreated})`, fact: 'windows.events.e12289[0].hresult' });
  }
  const newest8198 = events?.e8198[0];
  if (newest8198?.hresult) {
    observedCodes.push({ code: newest8198.hresult, where: `the last activation failure (event 8198, ${newest8198.timeCreated})`, fact: 'windows.events.e8198[0].hresult' });
  }

  const orgDomains = organisationDomains({ option: snapshot.options.domain, licensing, networkConfig: factValue(snapshot.windows.networkConfig), srvLookups: factValue(snapshot.network.srv) }).map((d) => d.domain);

  const unavailable = new Set<ProbeId>();
  for (const id of PROBE_IDS) if (probeFact(snapshot, id).status === 'unavailable') unavailable.add(id);

  const hosts = factValue(snapshot.network.kmsHosts) ?? [];
  const times = factValue(snapshot.network.time) ?? [];

  return {
    snapshot,
    reportedCode,
    product,
    productFact,
    channel,
    activation: channel ? channelRecord(channel).activation : null,
    activated: product?.licenseStatus === 1,
    kmsClient:
      (channel ? channelRecord(channel).activation === 'kms-client' : false) ||
      (snapshot.windows.licensing.status === 'unavailable' && (snapshot.options.kms !== null || snapshot.options.domain !== null || reportedCode !== null)),
    kmsHostInUse: kmsHostInUse(licensing),
    observedCodes,
    orgDomains,
    isAzure: factValue(snapshot.azure)?.isAzure === true,
    unavailable,
    hostCheck: (host, port) => hosts.find((h) => sameHost(h.host, host) && (port === undefined || h.port === port)),
    timeCheck: (host) => times.find((t) => sameHost(t.host, host)),
    srvLookups: () => factValue(snapshot.network.srv) ?? [],
  };
}

/** All codes the diagnosis should explain: the reported one first, then those observed. */
export function codesToExplain(ctx: DiagnosisContext): number[] {
  const codes = ctx.reportedCode !== null ? [ctx.reportedCode] : [];
  for (const o of ctx.observedCodes) if (!codes.includes(o.code)) codes.push(o.code);
  return codes;
}
