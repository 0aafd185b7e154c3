/**
 * The implementations behind each IPC message. Each one delegates to the engine (probes,
 * diagnosis, fixes) through the LocalComputer, never to Electron directly: dialogs, files and
 * the event sink are passed in, so the same code is tested without Electron.
 */
import { diagnose } from '../shared/diagnosis';
import { selectWindowsProduct } from '../shared/windows-product';
import type { ProbeEvent } from '../shared/probes';
import { formatHostAndPort, groupInstallationId, parseDnsDomain, parseHostAndPort } from '../shared/inputs';
import { readErrorCode } from '../shared/knowledge/hresult';
import { nearKnownCodes } from '../shared/knowledge/explain';
import { channelFromDescription, licenseStatusName } from '../shared/knowledge/licensing';
import { renderHtmlReport } from '../shared/report/html';
import { renderJsonExport } from '../shared/report/json';
import { factValue, type Snapshot } from '../shared/snapshot';
import type { CheckResult } from '../shared/ipc/contract';
import type { FixInfo } from '../shared/fix-types';
import { FIXES, fixInfo } from './fixes/registry';
import { stateFromSnapshot } from './fixes/state';
import type { Implementations } from './ipc';
import { UserFacingError } from './user-facing-error';
import { DEFAULT_SNAPSHOT_OPTIONS, type LocalComputer } from './local-computer';
import { PreviewTokens } from './preview-tokens';
import type { AuditReadResult } from './fixes/audit-log';
import { readSnapshotBytes } from './snapshot-file';
import { openFleetFolder, type FleetFolder } from './fleet/fleet-folder';
import { readFleetFile } from './fleet/snapshot-folder';
import { maskProductKeysInText } from '../shared/report/redact';

export interface FileDialogs {
  /** Asks where to save; null when the technician cancels. */
  save(defaultName: string, kind: 'html' | 'json'): Promise<string | null>;
  /** Asks which snapshot to open; null when cancelled. */
  open(): Promise<string | null>;
  /**
   * The main process's own confirmation, in a native dialog the renderer cannot draw or click:
   * the fix's title and the exact commands, before anything runs as administrator. True to run.
   */
  confirmRun(title: string, commands: readonly string[]): Promise<boolean>;
  /** Asks which folder of snapshots to diagnose (many computers); null when cancelled. */
  openFolder(): Promise<string | null>;
}

export interface Files {
  write(path: string, text: string): Promise<void>;
  /** The file's bytes (snapshots may be UTF-8 or, from Windows PowerShell's Out-File, UTF-16). */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
}

export interface ServiceOptions {
  version: string;
  platform?: NodeJS.Platform | string;
  computer: () => Promise<LocalComputer>;
  dialogs: FileDialogs;
  files: Files;
  /** Streams probe progress to the window that asked. */
  emit: (event: ProbeEvent) => void;
  now?: () => Date;
}

const MAX_SNAPSHOT_FILE_BYTES = 8 * 1024 * 1024;

export function createImplementations(options: ServiceOptions): Implementations {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? (() => new Date());
  const running = new Map<string, AbortController>();
  /** Every fix applied from the window must redeem the token of a preview issued here. */
  const previewTokens = new PreviewTokens(() => now().getTime());
  /** The latest result shown: what a report exports and what a fix is previewed against. */
  let current: (CheckResult & { mode: 'this-computer' | 'snapshot' }) | null = null;
  /** The folder last opened with "Check many computers": kept here, so the renderer names machines only by the ids issued with it. */
  let fleetFolder: FleetFolder | null = null;

  const check = async (request: { runId: string; kms: string | null; domain: string | null; reportedCode: string | null; checkOnline?: boolean | undefined }): Promise<CheckResult> => {
    const kms = request.kms ? parseHostAndPort(request.kms, 'the KMS host') : null;
    if (kms && !kms.ok) throw new UserFacingError('invalid-request', kms.message);
    const domain = request.domain ? parseDnsDomain(request.domain) : null;
    if (domain && !domain.ok) throw new UserFacingError('invalid-request', domain.message);
    const code = request.reportedCode ? readCode(request.reportedCode) : null;
    const controller = new AbortController();
    running.set(request.runId, controller);
    try {
      const computer = await options.computer();
      const snapshot = await computer.collect({
        options: { ...DEFAULT_SNAPSHOT_OPTIONS, kms: kms?.ok ? formatHostAndPort(kms.value) : null, domain: domain?.ok ? domain.value : null },
        checkOnline: request.checkOnline === true,
        onEvent: options.emit,
        signal: controller.signal,
        runId: request.runId,
      });
      const result = { snapshot, diagnosis: diagnose(snapshot, { reportedCode: code }) };
      current = { ...result, mode: 'this-computer' };
      return result;
    } finally {
      running.delete(request.runId);
    }
  };

  return {
    getAppInfo: async () => ({
      name: 'Activation Doctor',
      version: options.version,
      platform: platform === 'win32' || platform === 'linux' || platform === 'darwin' ? platform : 'other',
      canProbeWindows: platform === 'win32',
    }),

    getComputerStatus: async () => {
      if (platform !== 'win32') return { available: false, reason: 'Windows facts can only be read on Windows.' };
      const computer = await options.computer();
      const status = await computer.status();
      const product = status.licensing ? (selectWindowsProduct(status.licensing.products)?.product ?? null) : null;
      if (!status.os || !product) return { available: false, reason: status.reason ?? 'The licence state could not be read.' };
      return {
        available: true,
        computerName: status.os.computerName,
        edition: status.os.caption,
        activated: product.licenseStatus === 1,
        licenseStatusText: licenseStatusName(product.licenseStatus),
        channel: channelFromDescription(product.description),
        partialProductKey: product.partialProductKey,
      };
    },

    runCheck: check,

    getInstallationId: async () => {
      const computer = await options.computer();
      if (!computer.isWindows) return { ok: false, reason: 'Phone activation runs on the Windows computer itself.' };
      const answer = await computer.fixes.installationId();
      return answer.ok ? { ok: true, installationId: answer.installationId, groups: groupInstallationId(answer.installationId) } : answer;
    },

    cancelCheck: async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },

    listFixes: async (): Promise<FixInfo[]> => FIXES.map(fixInfo),

    previewFix: async ({ fixId, inputs, source }) => {
      const computer = await options.computer();
      const preview =
        source === 'snapshot' && current?.mode === 'snapshot'
          ? computer.fixes.previewWithState(fixId, inputs, stateFromSnapshot(current.snapshot))
          : await computer.fixes.preview(fixId, inputs, current?.snapshot ?? null);
      if ('status' in preview) return { kind: 'invalid', input: preview.status === 'invalid-input' ? preview.input : '', message: preview.message };
      const token = source === 'this-computer' ? previewTokens.issue({ fixId, inputs, source }, preview) : null;
      return { kind: 'preview', preview, token };
    },

    runFix: async ({ fixId, inputs, override, source, previewToken }) => {
      if (source === 'snapshot') throw new UserFacingError('failed', 'Fixes are disabled for a snapshot from another computer: run the commands shown on that computer.');
      const confirmed = previewTokens.redeem(previewToken, { fixId, inputs, source }, override);
      if (!confirmed.ok) throw new UserFacingError('invalid-request', confirmed.message);
      // A token proves the preview was issued, not that a person saw it: a scripted renderer could
      // preview and apply at once. The technician confirms the commands in main's own dialog.
      const title = FIXES.find((f) => f.id === fixId)?.title ?? fixId;
      // The dialog is a screen like any other: keys by their last five (the run uses the real ones).
      if (!(await options.dialogs.confirmRun(title, confirmed.commands.map(maskProductKeysInText)))) {
        throw new UserFacingError('failed', 'Nothing was changed: the fix was cancelled in the confirmation dialog.');
      }
      const computer = await options.computer();
      const before = current?.mode === 'this-computer' ? current.snapshot : null;
      // Confirmed means: this preview, these inputs, and still the commands that preview showed.
      const diagnosisBefore = current?.mode === 'this-computer' ? current.diagnosis : null;
      const outcome = await computer.fixes.run(fixId, inputs, { confirmed: true, approvedCommands: confirmed.commands, override, snapshot: before, diagnosis: diagnosisBefore });
      // The engine diagnosed its re-check once; that diagnosis is the one shown.
      const recheck = computer.fixes.lastRecheck();
      const after = recheck && recheck.snapshot !== before ? recheck : null;
      if (after) current = { ...after, mode: 'this-computer' };
      return { outcome, after };
    },

    getVolumeActivationRole: async () => {
      if (platform !== 'win32') return { state: 'unknown', detail: 'read on Windows Server only' };
      const computer = await options.computer();
      return computer.fixes.volumeActivationRole();
    },

    exportReport: async ({ format }) => {
      if (!current) throw new UserFacingError('failed', 'There is nothing to export yet: check this computer or open a snapshot first.');
      const computer = await options.computer();
      const name = reportName(current.snapshot, format, now());
      const path = await options.dialogs.save(name, format);
      if (path === null) return { saved: false, path: null };
      // Lines of the log that are not records this app writes are counted and said, never shown as fixes applied.
      const log = current.mode === 'this-computer' ? await readAudit(computer) : { records: [], rejected: 0, truncated: false };
      const input = { snapshot: current.snapshot, diagnosis: current.diagnosis, audit: log.records, auditRejected: log.rejected, auditTruncated: log.truncated, generatedAt: now().toISOString(), appVersion: options.version };
      await options.files.write(path, format === 'html' ? renderHtmlReport(input) : renderJsonExport(input));
      return { saved: true, path };
    },

    openSnapshot: async () => {
      const path = await options.dialogs.open();
      if (path === null) return { opened: false };
      let bytes: Uint8Array;
      try {
        bytes = await options.files.read(path, MAX_SNAPSHOT_FILE_BYTES);
      } catch (error) {
        throw new UserFacingError('failed', `The file could not be read (${error instanceof Error ? error.message : String(error)}). Check that it is a snapshot file and try again.`);
      }
      const parsed = readSnapshotBytes(bytes);
      if (!parsed.ok) throw new UserFacingError('failed', `This file cannot be opened: ${parsed.message}.`);
      const result = { snapshot: parsed.snapshot, diagnosis: diagnose(parsed.snapshot) };
      current = { ...result, mode: 'snapshot' };
      return { opened: true, fileName: path.split(/[\\/]/).pop() ?? path, source: parsed.source, result };
    },

    openFleetFolder: async () => {
      const folder = await options.dialogs.openFolder();
      if (folder === null) return { opened: false };
      const opened = await openFleetFolder(folder);
      fleetFolder = opened.folder;
      return { opened: true, folderName: folderName(folder), fleet: opened.view };
    },

    openFleetMachine: async ({ machine }) => {
      const file = fleetFolder?.machineFiles[machine];
      if (!fleetFolder || file === undefined) throw new UserFacingError('invalid-request', 'That computer is not in the folder opened last. Open the folder again with "Check many computers".');
      // Read again through the same safe reader: the folder keeps names, never snapshots, so 20,000 machines stay small.
      const input = await readFleetFile(fleetFolder.path, file);
      if (!input.ok) throw new UserFacingError('failed', `${file} cannot be opened now: ${input.reason}. It may have changed since the folder was read; open the folder again.`);
      const result = { snapshot: input.snapshot, diagnosis: diagnose(input.snapshot) };
      // Read-only, like a snapshot file: previews show that computer's commands, and nothing runs here.
      current = { ...result, mode: 'snapshot' };
      return { name: result.diagnosis.computerName || file, fileName: file, result };
    },
  };
}

const folderName = (path: string): string => path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;

async function readAudit(computer: LocalComputer): Promise<AuditReadResult> {
  try {
    return await computer.audit.inspect();
  } catch (error) {
    throw new UserFacingError('failed', `The report was not saved: the audit log could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function readCode(raw: string): number {
  const parsed = readErrorCode(raw);
  if (!parsed.ok) {
    const near = nearKnownCodes(raw);
    throw new UserFacingError('invalid-request', `The error code was not recognised: ${parsed.reason}.${near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : ''}`);
  }
  return parsed.code;
}

function reportName(snapshot: Snapshot, format: 'html' | 'json', at: Date): string {
  const os = factValue(snapshot.windows.os);
  const computer = (os?.computerName ?? snapshot.collector.hostname ?? 'computer').replace(/[^A-Za-z0-9-]/g, '_');
  const stamp = at.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `activation-report-${computer}-${stamp}.${format}`;
}
