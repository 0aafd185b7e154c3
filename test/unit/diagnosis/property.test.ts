import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { DiagnosisSchema } from '../../../shared/diagnosis/types';
import { SnapshotSchema, UNAVAILABLE_REASONS, WINDOWS_FACT_KEYS, type Snapshot } from '../../../shared/snapshot';
import { LICENSE_CHANNELS } from '../../../shared/knowledge/licensing';
import { SCENARIOS } from './scenarios';
import { hostCheck, timeCheck, srvFound, event12288, event12289, officeKmsClient, officeProduct } from '../../support/snapshot-builder';
import { productOfFix } from '../../../shared/ids';
import { keepUsefulSuggestions } from '../../../shared/diagnosis/suggestions';
import { buildContext } from '../../../shared/diagnosis/context';
import { FIX_IDS } from '../../../shared/ids';
import { prefillIsValid } from '../../../shared/inputs';
import type { Diagnosis } from '../../../shared/diagnosis/types';

const FACT_PATHS = [
  ...WINDOWS_FACT_KEYS.map((key) => ['windows', key] as const),
  ['azure'], ['network', 'srv'], ['network', 'kmsHosts'], ['network', 'time'], ['network', 'activationEndpoints'],
] as const;

type Mutation = (s: Snapshot) => void;

// Hostile names too: a snapshot is attacker-controlled (shell metacharacters, terminal escapes).
const hostName = fc.constantFrom(
  'kms1.corp.example',
  'kms2.corp.example',
  'azkms.core.windows.net',
  '10.20.0.5',
  '203.0.113.9',
  'kms',
  'x.example-activator.net',
  'kms2.corp.example & calc.exe & rem .corp.example',
  "kms3.corp.example'; Start-Process calc; '",
  'kms4.corp.example\u001b]0;owned\u0007',
);
const tcp = fc.constantFrom('open', 'refused', 'timed-out', 'unresolvable', 'unreachable', 'error') as fc.Arbitrary<'open'>;
const uint32 = fc.integer({ min: 0, max: 0xffffffff });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...FACT_PATHS), fc.constantFrom(...UNAVAILABLE_REASONS)).map(([path, reason]) => (s: Snapshot) => {
    const parent = path.length === 1 ? (s as unknown as Record<string, unknown>) : ((s as unknown as Record<string, Record<string, unknown>>)[path[0]]!);
    parent[path[path.length - 1]!] = { status: 'unavailable', reason, detail: 'mutated', durationMs: 0 };
  }),
  fc.integer({ min: 0, max: 6 }).map((status) => (s: Snapshot) => {
    if (s.windows.licensing.status === 'ok') for (const p of s.windows.licensing.value.products) p.licenseStatus = status;
  }),
  fc.constantFrom(...LICENSE_CHANNELS, 'GARBAGE').map((channel) => (s: Snapshot) => {
    if (s.windows.licensing.status === 'ok') for (const p of s.windows.licensing.value.products) p.description = `Windows(R) Operating System, ${channel} channel`;
  }),
  fc.option(uint32).map((reason) => (s: Snapshot) => {
    if (s.windows.licensing.status === 'ok') for (const p of s.windows.licensing.value.products) p.licenseStatusReason = reason;
  }),
  fc.array(fc.tuple(hostName, tcp, fc.constantFrom('option', 'configured', 'discovered', 'srv', 'event', 'azure') as fc.Arbitrary<'srv'>), { maxLength: 5 }).map((hosts) => (s: Snapshot) => {
    s.network.kmsHosts = { status: 'ok', value: hosts.map(([h, t, src]) => hostCheck(h, t, [src])), durationMs: 1 };
  }),
  fc.array(fc.tuple(hostName, fc.option(fc.double({ min: -1e12, max: 1e12, noNaN: true }))), { maxLength: 4 }).map((times) => (s: Snapshot) => {
    s.network.time = { status: 'ok', value: times.map(([h, o]) => timeCheck(h, o)), durationMs: 1 };
  }),
  fc.array(fc.tuple(hostName, fc.boolean()), { maxLength: 4 }).map((records) => (s: Snapshot) => {
    s.network.srv = { status: 'ok', value: [srvFound('corp.example', records.map(([t, resolves]) => ({ target: t, addresses: resolves ? ['10.0.0.1'] : [] })))], durationMs: 1 };
  }),
  fc.tuple(fc.array(uint32, { maxLength: 3 }), fc.array(fc.tuple(uint32, fc.integer({ min: 0, max: 60 })), { maxLength: 3 })).map(([requests, responses]) => (s: Snapshot) => {
    if (s.windows.events.status === 'ok') {
      s.windows.events.value.e12288 = requests.map((c, i) => event12288(c, 'kms1.corp.example', i * 10));
      s.windows.events.value.e12289 = responses.map(([c, n], i) => event12289(c, n, i * 10 + 1));
    }
  }),
  fc.option(hostName).map((h) => (s: Snapshot) => {
    if (s.windows.licensing.status === 'ok') {
      const p = s.windows.licensing.value.products[0];
      if (p) p.kmsMachine = h;
    }
  }),
  fc.boolean().map((isAzure) => (s: Snapshot) => {
    s.azure = { status: 'ok', value: { isAzure, azEnvironment: isAzure ? 'AzureUSGovernmentCloud' : null, vmId: null, location: null, offer: null, publisher: null, sku: null, licenseType: null, vmSize: null }, durationMs: 1 };
  }),
  fc.boolean().map((empty) => (s: Snapshot) => {
    if (empty && s.windows.licensing.status === 'ok') s.windows.licensing.value.products = [];
  }),
);

// Office beside Windows: any channel, state, code and host setting, Microsoft 365 Apps or not, a KMS host pack or not.
const officeMutation: fc.Arbitrary<Mutation> = fc
    .record({
      family: fc.constantFrom('Office21ProPlus2021VL_KMS_Client_AE', 'Office19Standard2019VL_MAK_AE', 'Office16ProPlusR_Retail', 'Office24VisioPro2024VL_KMS_Client_AE', 'garbage', null),
      channel: fc.constantFrom('VOLUME_KMSCLIENT', 'VOLUME_MAK', 'RETAIL', 'TIMEBASED_SUB', 'GARBAGE'),
      status: fc.integer({ min: 0, max: 6 }),
      reason: fc.option(uint32),
      kmsMachine: fc.option(hostName),
      discovered: fc.option(hostName),
      m365: fc.boolean(),
      hostLicence: fc.option(fc.tuple(fc.constantFrom('f3d89bbf-c0ec-47ce-a8fa-e5a5f97e447f', '98ebfe73-2084-4c97-932c-c0cd1643bea7'), fc.integer({ min: 0, max: 6 }), fc.boolean())),
    })
    .map((o) => (s: Snapshot) => {
      const office = officeKmsClient();
      Object.assign(office.products[0]!, { ...officeProduct(), licenseFamily: o.family, description: `Office 21, ${o.channel} channel`, licenseStatus: o.status, licenseStatusReason: o.reason, kmsMachine: o.kmsMachine, discoveredKmsMachineName: o.discovered });
      if (o.m365) office.clickToRun = { installed: true, productReleaseIds: ['O365ProPlusRetail'], version: null, sharedComputerLicensing: null, licensingNext: true };
      if (o.hostLicence) office.kmsHostLicences = [{ activationId: o.hostLicence[0], partialProductKey: o.hostLicence[2] ? 'KDQ2G' : null, licenseStatus: o.hostLicence[1], licenseStatusReason: null, kmsCurrentCount: 3 }];
      s.windows.office = { status: 'ok', value: office, durationMs: 1 };
    });

const PROBE_PATHS = FACT_PATHS.map((path) => path.join('.'));

/** The probe a piece of evidence comes from, or null for what the technician supplied. */
function probeOf(fact: string): string | null | undefined {
  if (fact === 'reportedCode' || fact.startsWith('options.')) return null;
  return PROBE_PATHS.find((p) => fact === p || fact.startsWith(`${p}.`) || fact.startsWith(`${p}[`));
}

function factStatus(snapshot: Snapshot, probe: string): string | undefined {
  const [a, b] = probe.split('.') as [string, string | undefined];
  const parent = (snapshot as unknown as Record<string, unknown>)[a];
  const fact = (b === undefined ? parent : (parent as Record<string, unknown>)[b]) as { status?: string } | undefined;
  return fact?.status;
}

const bareHost = (h: string) => h.replace(/^\[|\](:\d+)?$/g, '').replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();

/** Hosts the diagnosis tells the technician to use, and hosts it tells them to get rid of. */
function adviceAboutHosts(d: Diagnosis): { use: Set<string>; avoid: Set<string> } {
  const use = new Set<string>();
  const avoid = new Set<string>();
  for (const f of d.findings) {
    for (const fix of f.fixes) if ((fix.fixId === 'set-kms-host' || fix.fixId === 'sync-time-from-kms-host') && fix.inputs.host) use.add(bareHost(fix.inputs.host));
    for (const g of f.guidance) {
      const removed = /^Remove or correct the record _vlmcs\._tcp\.\S+ → (.+?) in DNS/.exec(g);
      if (removed) avoid.add(bareHost(removed[1]!));
    }
    const outside = /^The KMS host (\S+) is outside your organisation$/.exec(f.title);
    if (outside) avoid.add(bareHost(outside[1]!));
  }
  return { use, avoid };
}

/**
 * A finding is labelled with its product and offers only fixes for that product: never a Windows
 * fix (slmgr, the service-wide KMS host) for an Office finding, nor an Office fix for a Windows one.
 */
function checkProducts(diagnosis: Diagnosis): void {
  for (const f of diagnosis.findings) {
    if (f.id.startsWith('office-') !== (f.product === 'office')) throw new Error(`${f.id} is labelled ${f.product}`);
    for (const fix of f.fixes) if (productOfFix(fix.fixId) !== f.product) throw new Error(`${f.product} finding ${f.id} offers the ${productOfFix(fix.fixId)} fix ${fix.fixId}`);
  }
}

function checkInvariants(snapshot: Snapshot, diagnosis: Diagnosis): void {
  for (const f of diagnosis.findings) {
    // Findings only from facts that were read.
    for (const e of f.evidence) {
      const probe = probeOf(e.fact);
      if (probe === undefined) throw new Error(`${f.id}: evidence ${e.fact} names no known fact`);
      if (probe !== null && factStatus(snapshot, probe) !== 'ok') throw new Error(`${f.id}: evidence ${e.fact} comes from ${probe}, which was not read`);
    }
    // Every prefilled input passes its fix's own grammar.
    for (const fix of f.fixes) if (!prefillIsValid(fix.fixId, fix.inputs)) throw new Error(`${f.id}: ${fix.fixId} prefilled with ${JSON.stringify(fix.inputs)}`);
  }
  checkProducts(diagnosis);
  // No two findings give opposite advice about the same host.
  const { use, avoid } = adviceAboutHosts(diagnosis);
  for (const host of use) if (avoid.has(host)) throw new Error(`both "use ${host}" and "remove ${host}"`);
  // Findings from one observation (a host that does not resolve or answer) agree on severity.
  const bySeverity = new Map<string, Set<string>>();
  for (const f of diagnosis.findings) {
    if (!['kms-srv-stale', 'kms-port-filtered', 'kms-port-refused', 'kms-host-unresolvable'].includes(f.id)) continue;
    for (const e of f.evidence) {
      const host = /^network\.(?:kmsHosts\[(.+?)(?::\d+)?\]|srv\[[^\]]+\]\.(.+))$/.exec(e.fact);
      const name = host?.[1] ?? host?.[2];
      if (e.ok !== false || !name) continue;
      const key = `${bareHost(name)} ${e.observed.startsWith('does not resolve') || e.observed === 'ENOTFOUND' ? 'unresolved' : 'silent'}`;
      bySeverity.set(key, new Set([...(bySeverity.get(key) ?? []), f.severity]));
    }
  }
  for (const [key, severities] of bySeverity) if (severities.size > 1) throw new Error(`findings about ${key} disagree: ${[...severities].join(' / ')}`);
  // Nothing read, nothing concluded.
  if (FACT_PATHS.every((p) => factStatus(snapshot, p.join('.')) !== 'ok') && diagnosis.findings.length > 0) throw new Error('findings without any fact read');
}

describe('diagnose on random and mutated snapshots', () => {
  it('gives findings only from facts that were read, valid prefills, and no opposite advice about one host', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.array(mutation, { maxLength: 6 }), fc.option(uint32), (sc, mutations, reportedCode) => {
        const snapshot = structuredClone(sc.snapshot);
        for (const m of mutations) m(snapshot);
        checkInvariants(snapshot, diagnose(snapshot, { reportedCode }));
      }),
      { numRuns: 600, seed: 13 },
    );
  });

  it('holds the same invariants on every named scenario as it stands', () => {
    for (const sc of SCENARIOS) checkInvariants(sc.snapshot, diagnose(sc.snapshot, { reportedCode: sc.reportedCode ?? null }));
  });

  it('never throws and always returns a schema-valid diagnosis', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.array(mutation, { maxLength: 6 }), fc.option(uint32), (sc, mutations, reportedCode) => {
        const snapshot = structuredClone(sc.snapshot);
        for (const m of mutations) m(snapshot);
        const diagnosis = diagnose(snapshot, { reportedCode });
        const parsed = DiagnosisSchema.safeParse(diagnosis);
        if (!parsed.success) throw new Error(`invalid diagnosis: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
        // Ranked by score, and "nothing found" is never silent: unavailable probes are listed.
        for (let i = 1; i < diagnosis.findings.length; i++) expect(diagnosis.findings[i - 1]!.score).toBeGreaterThanOrEqual(diagnosis.findings[i]!.score);
        const unavailable = FACT_PATHS.filter((path) => {
          const fact = path.length === 1 ? (snapshot as unknown as Record<string, { status: string }>)[path[0]] : (snapshot as unknown as Record<string, Record<string, { status: string }>>)[path[0]]![path[1]];
          return fact?.status === 'unavailable' && (fact as { reason?: string }).reason !== 'not-applicable';
        }).length;
        expect(diagnosis.notChecked.length).toBe(unavailable);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('keeps the mutated snapshots themselves schema-valid (so the test explores real inputs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.array(mutation, { maxLength: 6 }), (sc, mutations) => {
        const snapshot = structuredClone(sc.snapshot);
        for (const m of mutations) m(snapshot);
        const parsed = SnapshotSchema.safeParse(snapshot);
        if (!parsed.success) throw new Error(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('fixes and products', () => {
  it('never offers a Windows fix for an Office finding or an Office fix for a Windows one, on mutated Windows and Office facts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.array(fc.oneof(officeMutation, mutation), { maxLength: 6 }), fc.option(uint32), (sc, mutations, reportedCode) => {
        const snapshot = structuredClone(sc.snapshot);
        for (const m of mutations) m(snapshot);
        const diagnosis = diagnose(snapshot, { reportedCode });
        checkProducts(diagnosis);
        for (const f of diagnosis.findings) for (const fix of f.fixes) if (!prefillIsValid(fix.fixId, fix.inputs)) throw new Error(`${f.id}: ${fix.fixId} prefilled with ${JSON.stringify(fix.inputs)}`);
        if (!DiagnosisSchema.safeParse(diagnosis).success) throw new Error('invalid diagnosis');
      }),
      { numRuns: 600, seed: 16 },
    );
  });

  it('drops any suggestion of another product, whatever a rule proposes', () => {
    const snapshot = structuredClone(SCENARIOS.find((sc) => sc.name === 'office-de-windows-host-set-by-hand-office-not')!.snapshot);
    const ctx = buildContext(snapshot, null);
    fc.assert(
      fc.property(fc.subarray([...FIX_IDS]), fc.constantFrom('windows', 'office') as fc.Arbitrary<'windows' | 'office'>, (ids, product) => {
        const kept = keepUsefulSuggestions(ctx, ids.map((fixId) => ({ fixId, inputs: {}, reason: 'r' })), product);
        for (const k of kept) expect(productOfFix(k.fixId)).toBe(product);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('labels the Office fixes office and every other fix windows', () => {
    expect(FIX_IDS.filter((id) => productOfFix(id) === 'office')).toEqual(['office-install-gvlk', 'office-set-kms-host', 'office-clear-kms-host', 'office-activate']);
  });
});
