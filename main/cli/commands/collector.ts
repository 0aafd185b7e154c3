/**
 * `activation-doctor collector [--out <file>]`: writes the collector script, a standalone
 * PowerShell script that collects this app's facts on another Windows computer (also one the app
 * cannot run on) and writes one file that `diagnose --snapshot` reads.
 */
import { writeFile } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import packageJson from '../../../package.json';
import { COLLECTOR_SCRIPT_NAME, buildCollectorScript } from '../../collector/script';
import { flag, hasSwitch, parseArgs } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { parseOutPath } from './snapshot';
import { writeData } from './output';

/** The command a technician types on the other computer, for the script saved as `fileName`. */
function runLine(fileName: string): string {
  const path = `.\\${fileName}`;
  const quoted = /^[A-Za-z0-9._-]+$/.test(fileName) ? path : `"${path}"`;
  return `powershell -ExecutionPolicy Bypass -File ${quoted} [-KmsHost host[:port]] [-Domain corp.example] [-OutFile path] [-TimeoutMs 3000]`;
}

const USAGE = `Usage: activation-doctor collector [--out <file>]

Writes the collector script: a standalone PowerShell script that collects on another Windows
computer what 'activation-doctor snapshot' collects here (the Windows facts, the _vlmcs._tcp DNS
records, TCP 1688 and the clock offset to each KMS host, measured from that computer), also where
Activation Doctor cannot run: Windows Server 2012 R2, and Windows Server 2008 R2 or Windows 7 SP1
with Windows Management Framework 3.0 or newer. It changes nothing there.

Copy it to that computer and run, in PowerShell (preferably as administrator):
  ${runLine(COLLECTOR_SCRIPT_NAME)}
It writes activation-doctor-<COMPUTER>-<time>.json; bring that file back and run:
  activation-doctor diagnose --snapshot <file>

  --out file   write the script to this file (e.g. ${COLLECTOR_SCRIPT_NAME}) instead of printing it
  --unattended make -Unattended the default, for tools that run scripts without parameters
               (Intune remediations): no progress lines, one JSON summary line; exit 0 activated
               and none of the script's own checks failed, 1 a problem (failedChecks), 2 could not run
  --out-file x make -OutFile x the default: a file, or a folder (a share) for many computers

Exit status: 0 when the script was printed or written, 2 on bad usage or when it could not be written.`;

const FLAGS = { out: { value: true }, unattended: { value: false }, 'out-file': { value: true } } as const;

export interface CollectorRuntime {
  /** Builds the script (tests pass their own). */
  build?: () => string;
}

export async function runCollectorCommand(args: string[], io: CliIo, runtime: CollectorRuntime = {}): Promise<ExitCode> {
  const parsed = parseArgs(args, FLAGS, 0);
  const outRaw = flag(parsed, 'out');
  let out: string | null = null;
  if (outRaw !== undefined) {
    const checked = parseOutPath(outRaw);
    if (!checked.ok) throw new UsageError(`--out: ${checked.message}`);
    out = checked.value;
  }
  const outFileRaw = flag(parsed, 'out-file');
  const outFile = outFileRaw === undefined ? null : parseOutPath(outFileRaw);
  if (outFile && !outFile.ok) throw new UsageError(`--out-file: ${outFile.message}`);
  const unattended = hasSwitch(parsed, 'unattended');
  const defaults = unattended || outFile ? { unattended, outFile: outFile?.ok ? outFile.value : null } : undefined;
  const script = (runtime.build ?? (() => buildCollectorScript({ version: packageJson.version, ...(defaults ? { defaults } : {}) })))();
  if (out === null) {
    writeData(io, script);
    return EXIT.ok;
  }
  const target = resolvePath(out);
  try {
    await writeFile(target, script, { encoding: 'utf8' });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error';
    throw new UsageError(`could not write ${target} (${code})`);
  }
  io.stderr(`Collector script written to:\n  ${target}\nCopy it to the computer to check and run, in PowerShell:\n  ${runLine(basename(target))}\nThen: activation-doctor diagnose --snapshot <the .json file it writes>\n`);
  return EXIT.ok;
}

export const collectorCommand: CliCommand = {
  name: 'collector',
  summary: 'write a PowerShell script that collects the facts on another Windows computer',
  usage: USAGE,
  run: (args, io) => runCollectorCommand(args, io),
};
