/**
 * `activation-doctor diagnose`: run the probes (or read a snapshot file from another computer)
 * and print the ranked diagnosis. Exit 0 = healthy, 1 = problems found, 2 = could not run.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { diagnose, type Diagnosis } from '../../../shared/diagnosis';
import { readErrorCode } from '../../../shared/knowledge/hresult';
import { nearKnownCodes } from '../../../shared/knowledge/explain';
import { MAX_SNAPSHOT_BYTES, type Snapshot } from '../../../shared/snapshot';
import { PROBES } from '../../../shared/probes';
import packageJson from '../../../package.json';
import { createLocalComputer } from '../../local-computer';
import { prepareCliShellEnvironment } from '../../powershell/environment';
import { readSnapshotBytes } from '../../snapshot-file';
import { proxyFromEnv } from '../../probes/network/proxy';
import { flag, hasSwitch, parseArgs } from '../args';
import { formatDiagnosis } from '../format-diagnosis';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { PROBE_FLAGS, parseProbeOptions } from './snapshot';
import { writeData } from './output';
import { progressLine } from '../progress';

const USAGE = `Usage: activation-doctor diagnose [--json] [--code <hresult>] [--snapshot <file>]
                                 [--kms <host[:port]>] [--domain <dns-domain>] [--dns-server <ip[:port]>]
                                 [--ntp-port <n>] [--timeout <ms>] [--check-online]

Finds out why Windows does not activate: runs every check (or reads a snapshot taken on another
computer) and prints the causes, most likely first, with the evidence and the fix for each.

  --code hresult      the error code you have (0xC004F074, C004F074, -1073418124, or a pasted
                      message): its documented causes are checked first
  --snapshot file     diagnose a snapshot file instead of this computer (from 'activation-doctor
                      snapshot --out' or the collector script)
  --json              print the diagnosis as JSON (docs/findings.md)
  The other options are those of 'activation-doctor snapshot'.

Exit status: 0 healthy, 1 problems found, 2 could not run (bad usage, unreadable snapshot),
3 could not tell (nothing that decides whether Windows is activated could be read, and no
problem was found in what could be).`;

const FLAGS = { ...PROBE_FLAGS, json: { value: false }, code: { value: true }, snapshot: { value: true } } as const;

/** Accepts a code in any form, or a whole pasted message that contains one. */
export function parseReportedCode(raw: string): number {
  const parsed = readErrorCode(raw);
  if (!parsed.ok) {
    const near = nearKnownCodes(raw);
    throw new UsageError(`--code: ${parsed.reason}${near.length > 0 ? `. Did you mean ${near.join(' or ')}?` : ''}`);
  }
  return parsed.code;
}

async function readSnapshotFile(path: string): Promise<Snapshot> {
  const target = resolvePath(path);
  let size: number;
  try {
    size = (await stat(target)).size;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error';
    throw new UsageError(`--snapshot: cannot read ${target} (${code})`);
  }
  if (size > MAX_SNAPSHOT_BYTES) throw new UsageError(`--snapshot: ${target} is ${Math.round(size / 1024)} KB; a snapshot is a few KB, so this is not one`);
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error';
    throw new UsageError(`--snapshot: cannot read ${target} (${code})`);
  }
  // A snapshot, or a collector file from another computer (converted with the app's own rules).
  const parsed = readSnapshotBytes(bytes);
  if (!parsed.ok) throw new UsageError(`--snapshot: ${target}: ${parsed.message}`);
  return parsed.snapshot;
}

export interface DiagnoseRuntime {
  platform: string;
  env: Record<string, string | undefined>;
  /** Tests pass a snapshot source instead of the local computer. */
  collect?: (options: ReturnType<typeof parseProbeOptions>) => Promise<Snapshot>;
}

export async function runDiagnose(args: string[], io: CliIo, runtime: DiagnoseRuntime): Promise<ExitCode> {
  const parsed = parseArgs(args, FLAGS, 0);
  const probe = parseProbeOptions(parsed);
  const codeRaw = flag(parsed, 'code');
  const reportedCode = codeRaw === undefined ? null : parseReportedCode(codeRaw);
  const file = flag(parsed, 'snapshot');

  // Checking this computer runs PowerShell: no DEBUG tracing of what node-powershell sends it.
  if (file === undefined) prepareCliShellEnvironment();
  let snapshot: Snapshot;
  if (file !== undefined) {
    snapshot = await readSnapshotFile(file);
  } else if (runtime.collect) {
    snapshot = await runtime.collect(probe);
  } else {
    const fromEnv = probe.checkOnline ? proxyFromEnv(runtime.env) : null;
    if (fromEnv && !fromEnv.ok) throw new UsageError(fromEnv.message);
    const computer = await createLocalComputer({ platform: runtime.platform, kind: 'cli', version: packageJson.version });
    const titles = new Map<string, string>(PROBES.map((p) => [p.id, p.title]));
    io.stderr(`Checking this computer (each check stops after ${probe.options.timeoutMs} ms)...\n`);
    try {
      snapshot = await computer.collect({
        options: probe.options,
        checkOnline: probe.checkOnline,
        ...(fromEnv?.ok && fromEnv.proxy ? { proxy: fromEnv.proxy } : {}),
        noProxy: runtime.env.NO_PROXY ?? runtime.env.no_proxy,
        onEvent: (event) => {
          const line = progressLine(event, titles);
          if (line !== null) io.stderr(line);
        },
      });
    } finally {
      await computer.dispose();
    }
  }

  const diagnosis = diagnose(snapshot, { reportedCode });
  if (hasSwitch(parsed, 'json')) writeData(io, `${JSON.stringify(diagnosis, null, 2)}\n`);
  else io.stdout(formatDiagnosis(diagnosis, snapshot));
  return diagnoseExitCode(diagnosis);
}

/** 0 healthy, 1 problems found, 3 could not tell (nothing that decides the answer was read, and no problem found either). */
export function diagnoseExitCode(diagnosis: Diagnosis): ExitCode {
  const problems = diagnosis.findings.some((f) => f.severity !== 'info');
  if (problems) return EXIT.problems;
  if (diagnosis.verdict.kind === 'cannot-tell') return EXIT.cannotTell;
  return diagnosis.verdict.kind === 'activated' ? EXIT.ok : EXIT.problems;
}

export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: 'find out why Windows does not activate, with the evidence and the fix',
  usage: USAGE,
  run: (args, io) => runDiagnose(args, io, { platform: process.platform, env: process.env }),
};
