/**
 * `fleet collect`: runs the collector script on many computers through PowerShell remoting
 * (fan-out-script.ts) and stores one file per computer that answered, checked with the same reader
 * `fleet diagnose` uses. Computers that could not be reached are reported with why.
 *
 * Everything PowerShell gets is data: the validated computer names, the options and the collector
 * script's text go as base64 JSON into a file the fan-out script reads; its source is constant.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readSnapshotText } from '../snapshot-file';
import { FAN_OUT_SCRIPT } from './fan-out-script';

export const FAILURE_KINDS = ['timed-out', 'refused', 'name-not-found', 'access-denied', 'winrm-off', 'collector-failed', 'failed'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What each kind means for a technician, and what to do next. */
export const FAILURE_TEXT: Record<FailureKind, string> = {
  'timed-out': 'no answer in time (the computer is off, or a firewall drops the connection)',
  refused: 'the connection was refused (the remoting service is not listening)',
  'name-not-found': 'the name was not found in DNS',
  'access-denied': 'access was denied (use an account that is administrator there; --credential)',
  'winrm-off': 'WinRM is not reachable (enable it with Enable-PSRemoting, and allow it in the firewall)',
  'collector-failed': 'the computer answered, but the collector did not produce a readable file',
  failed: 'remoting failed',
};

export type Transport = { kind: 'winrm'; credential: boolean } | { kind: 'ssh'; userName: string; keyFilePath: string; knownHostsFile: string; port: number };

export interface CollectOptions {
  computers: readonly string[];
  throttle: number;
  transport: Transport;
  /** Where one file per computer is written. */
  outDir: string;
  /** The PowerShell that runs the fan-out: powershell.exe for WinRM, pwsh 7 for SSH. */
  shell: string;
  /** The collector script's text (buildCollectorScript). */
  collectorScript: string;
  /** Each network check of the collector on the computer. */
  checkTimeoutMs: number;
  /** The TCP connect to each computer. */
  connectTimeoutMs: number;
  /** Starting each remote session, the remote PowerShell included (SSH). */
  sessionTimeoutMs: number;
  /** The whole run: the fan-out is stopped (by its PID) after this. */
  overallTimeoutMs: number;
  onOutcome?: (outcome: CollectOutcome) => void;
}

export type CollectOutcome =
  | { computer: string; ok: true; file: string; summary: string | null }
  | { computer: string; ok: false; kind: FailureKind; message: string };

const LineSchema = z.object({
  computer: z.string().max(300),
  ok: z.boolean(),
  kind: z.enum(FAILURE_KINDS).nullable(),
  message: z.string().nullable(),
  document: z.string().max(5 * 1024 * 1024).nullable(),
  summary: z.string().max(2000).nullable(),
});

/** A file name from a validated host (letters, digits, dots, hyphens; colons of IPv6 replaced). */
export const fileNameFor = (computer: string): string => `${computer.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}.json`;

const oneLine = (text: string, max = 500): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
};

export async function collectFleet(options: CollectOptions): Promise<CollectOutcome[]> {
  const work = await mkdtemp(join(tmpdir(), 'activation-doctor-fleet-'));
  const outcomes = new Map<string, CollectOutcome>();
  const wanted = new Map(options.computers.map((c) => [c.toLowerCase(), c] as const));
  const record = (outcome: CollectOutcome) => {
    if (outcomes.has(outcome.computer)) return;
    outcomes.set(outcome.computer, outcome);
    options.onOutcome?.(outcome);
  };
  const pending: Promise<void>[] = [];
  let stopped = false;

  const handleLine = async (text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return; // Not ours (a warning PowerShell printed); the computer is reported missing at the end.
    }
    const line = LineSchema.safeParse(json);
    if (!line.success) return;
    const computer = wanted.get(line.data.computer.toLowerCase()) ?? wanted.get(line.data.computer.split('.')[0]!.toLowerCase());
    if (!computer) return;
    if (!line.data.ok || line.data.document === null) {
      record({ computer, ok: false, kind: line.data.kind ?? 'failed', message: oneLine(line.data.message ?? 'no message') });
      return;
    }
    const read = readSnapshotText(line.data.document);
    if (!read.ok) {
      record({ computer, ok: false, kind: 'collector-failed', message: oneLine(read.message) });
      return;
    }
    const file = join(options.outDir, fileNameFor(computer));
    await writeFile(file, line.data.document, 'utf8');
    record({ computer, ok: true, file, summary: line.data.summary });
  };

  try {
    const script = join(work, 'fan-out.ps1');
    const args = join(work, 'args.b64');
    await writeFile(script, FAN_OUT_SCRIPT, 'utf8');
    const params = {
      computers: [...options.computers],
      throttle: options.throttle,
      transport: options.transport.kind,
      credential: options.transport.kind === 'winrm' && options.transport.credential,
      userName: options.transport.kind === 'ssh' ? options.transport.userName : '',
      keyFilePath: options.transport.kind === 'ssh' ? options.transport.keyFilePath : '',
      knownHostsFile: options.transport.kind === 'ssh' ? options.transport.knownHostsFile : '',
      port: options.transport.kind === 'ssh' ? options.transport.port : 0,
      connectTimeoutMs: options.connectTimeoutMs,
      sessionTimeoutMs: options.sessionTimeoutMs,
      timeoutMs: options.checkTimeoutMs,
      collector: options.collectorScript,
    };
    await writeFile(args, Buffer.from(JSON.stringify(params), 'utf8').toString('base64'), 'utf8');
    const interactive = options.transport.kind === 'winrm' && options.transport.credential;
    const shellArgs = ['-NoProfile', ...(interactive ? [] : ['-NonInteractive']), '-ExecutionPolicy', 'Bypass', '-File', script, '-ArgsFile', args];
    const stderr = await new Promise<string>((resolve, reject) => {
      // Its own process group off Windows, so the ssh clients it starts are stopped with it.
      const group = process.platform !== 'win32';
      const child = spawn(options.shell, shellArgs, { stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'], windowsHide: !interactive, detached: group });
      let errText = '';
      let buffer = '';
      const stop = () => {
        if (child.pid === undefined) return;
        try {
          if (group) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => {
        stopped = true;
        stop();
      }, options.overallTimeoutMs);
      // The shell has ended but something it started still holds the pipes: stop the group.
      child.on('exit', () => setTimeout(stop, 2000).unref());
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const text = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (text) pending.push(handleLine(text));
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        errText = (errText + chunk).slice(-4000);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${options.shell}: ${error.message}`));
      });
      child.on('close', () => {
        clearTimeout(timer);
        if (buffer.trim()) pending.push(handleLine(buffer.trim()));
        resolve(errText);
      });
    });
    await Promise.all(pending);
    for (const computer of options.computers) {
      if (outcomes.has(computer)) continue;
      if (stopped) record({ computer, ok: false, kind: 'timed-out', message: `no answer within ${Math.round(options.overallTimeoutMs / 1000)} s; the run was stopped` });
      else record({ computer, ok: false, kind: 'failed', message: `no answer was recorded for this computer${stderr.trim() ? `: ${oneLine(stderr, 300)}` : ''}` });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return options.computers.map((c) => outcomes.get(c)!);
}
