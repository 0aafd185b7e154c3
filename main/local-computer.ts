/**
 * Everything that reads or changes this computer, wired once: the PowerShell runner (Windows
 * only, started lazily), the Windows collectors, the snapshot collection, and the fix engine with
 * its audit log. The Electron app and the CLI both build their work on this.
 */
import type { ProbeEvent } from '../shared/probes';
import type { ProbeId } from '../shared/probes';
import { factValue, type LicensingFacts, type OsFacts, type Snapshot, type SnapshotOptions } from '../shared/snapshot';
import { AuditLog, defaultAuditLogPath } from './fixes/audit-log';
import { windowsAuditFolderGuard } from './fixes/audit-folder';
import { FixEngine } from './fixes/engine';
import type { FixDefinition, FixState } from './fixes/types';
import { DEFAULT_NTP_PORT, DEFAULT_TIMEOUT_MS, collectSnapshot, notWindowsCollectors } from './probes/collect';
import type { ProxyConfig } from './probes/network/proxy';
import type { ProbeContext, WindowsCollectors } from './probes/types';
import type { PowerShellRunner } from './powershell/runner';

export interface LocalComputerOptions {
  platform: string;
  /** Which front end collects: recorded in every snapshot. */
  kind: 'app' | 'cli';
  version: string;
  auditLogPath?: string;
  /** A packaged (installed) app: the environment cannot move the audit log (AD_AUDIT_LOG is ignored). */
  packaged?: boolean;
  /** Tests inject collectors and a runner; production builds them for the platform. */
  collectors?: WindowsCollectors;
  runner?: PowerShellRunner;
  /** Where IMDS is asked (tests point it at loopback; production: Azure's address, on Windows only). */
  imdsBaseUrl?: string;
  /** Probe options used until a check names its own (tests give a loopback DNS server). */
  defaultOptions?: SnapshotOptions;
}

export interface CollectRequest {
  options: SnapshotOptions;
  checkOnline?: boolean;
  proxy?: ProxyConfig | null;
  noProxy?: string;
  onEvent?: (event: ProbeEvent) => void;
  signal?: AbortSignal;
  runId?: string;
  /** Run only these probes and keep the rest of `previous` (a fix's re-check). */
  only?: { probes: readonly ProbeId[]; previous: Snapshot };
}

export interface ComputerStatusFacts {
  os: OsFacts | null;
  licensing: LicensingFacts | null;
  /** Why the facts are missing, in plain words. */
  reason: string | null;
}

export interface LocalComputer {
  readonly platform: string;
  readonly isWindows: boolean;
  collect(request: CollectRequest): Promise<Snapshot>;
  /** The most recent snapshot collected here (by a check or by a fix's re-check). */
  lastSnapshot(): Snapshot | null;
  /** Edition and licence state only: quick, for the start page. */
  status(): Promise<ComputerStatusFacts>;
  readonly fixes: FixEngine;
  readonly audit: AuditLog;
  dispose(): Promise<void>;
}

export const DEFAULT_SNAPSHOT_OPTIONS: SnapshotOptions = { kms: null, domain: null, dnsServer: null, ntpPort: DEFAULT_NTP_PORT, timeoutMs: DEFAULT_TIMEOUT_MS };

export async function createLocalComputer(options: LocalComputerOptions): Promise<LocalComputer> {
  const isWindows = options.platform === 'win32';
  let runner = options.runner ?? null;
  let collectors = options.collectors ?? null;
  if (!collectors) {
    if (isWindows) {
      // Loaded on Windows only: node-powershell has no business in a Linux or macOS process.
      const [{ createPowerShellRunner }, { createWindowsCollectors }] = await Promise.all([import('./powershell/runner'), import('./probes/windows')]);
      runner ??= createPowerShellRunner();
      collectors = createWindowsCollectors(runner, { platform: options.platform });
    } else {
      collectors = notWindowsCollectors(options.platform);
    }
  }
  const windows = collectors;
  // Windows: the folder is checked (owner, protected DACL, no junction) by PowerShell before every write.
  const platform = options.platform as NodeJS.Platform;
  const audit = new AuditLog(options.auditLogPath ?? defaultAuditLogPath(process.env, platform, options.packaged === true), {
    platform,
    ...(isWindows && runner ? { guard: windowsAuditFolderGuard(runner) } : {}),
  });
  let lastOptions: SnapshotOptions = options.defaultOptions ?? DEFAULT_SNAPSHOT_OPTIONS;

  let last: Snapshot | null = null;
  const collect = async (request: CollectRequest): Promise<Snapshot> => {
    lastOptions = request.options;
    last = await collectSnapshot({
      windows,
      options: request.options,
      platform: options.platform,
      collector: { kind: options.kind, version: options.version },
      checkOnline: request.checkOnline ?? false,
      ...(options.imdsBaseUrl !== undefined ? { imdsBaseUrl: options.imdsBaseUrl } : {}),
      ...(request.proxy !== undefined ? { proxy: request.proxy } : {}),
      ...(request.noProxy !== undefined ? { noProxy: request.noProxy } : {}),
      ...(request.onEvent ? { onEvent: request.onEvent } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.runId ? { runId: request.runId } : {}),
      ...(request.only ? { only: request.only } : {}),
    });
    return last;
  };

  const status = async (): Promise<ComputerStatusFacts> => {
    const ctx: ProbeContext = { signal: new AbortController().signal, timeoutMs: 20_000, options: lastOptions };
    const os = await windows.os(ctx);
    const licensing = await windows.licensing(ctx);
    const reason = licensing.status === 'unavailable' ? licensing.detail : os.status === 'unavailable' ? os.detail : null;
    return { os: factValue(os) ?? null, licensing: factValue(licensing) ?? null, reason };
  };

  const readState = async (fix?: FixDefinition): Promise<FixState> => {
    if (!isWindows) return { elevated: null, os: null, licensing: null, services: null, snapshot: null };
    const ctx: ProbeContext = { signal: new AbortController().signal, timeoutMs: 20_000, options: lastOptions };
    // The runner runs one script at a time, so these are read in turn; each is a few hundred ms.
    const elevation = await windows.elevation(ctx);
    const os = await windows.os(ctx);
    const licensing = await windows.licensing(ctx);
    const services = await windows.services(ctx);
    // Office's licences only for the fixes that act on them (the Office fixes re-check windows.office).
    const office = fix?.verify.includes('windows.office') ? factValue(await windows.office(ctx)) ?? null : undefined;
    return { elevated: factValue(elevation)?.elevated ?? null, os: factValue(os) ?? null, licensing: factValue(licensing) ?? null, services: factValue(services) ?? null, ...(office === undefined ? {} : { office }), snapshot: null };
  };

  // Verification runs exactly the fix's own probes (fix.verify) with the options of the check the
  // fix was chosen from, and keeps that check's other facts. Without one (the CLI), it checks everything.
  const recheck = async (probes: ProbeId[], previous: Snapshot | null): Promise<Snapshot> =>
    collect({ options: previous?.options ?? lastOptions, ...(previous ? { only: { probes, previous } } : {}) });

  const fixes = runner
    ? new FixEngine({ runner, audit, readState, recheck })
    : new FixEngine({ runner: refusingRunner(options.platform), audit, readState, recheck });

  return {
    platform: options.platform,
    isWindows,
    collect,
    lastSnapshot: () => last,
    status,
    fixes,
    audit,
    dispose: async () => {
      await runner?.dispose();
    },
  };
}

/** Off Windows nothing may run: previews still work (they show the commands), runs are refused. */
function refusingRunner(platform: string): PowerShellRunner {
  return {
    invoke: () => Promise.reject(new Error(`fixes run on Windows only; this computer runs ${platform}`)),
    dispose: async () => undefined,
  };
}
