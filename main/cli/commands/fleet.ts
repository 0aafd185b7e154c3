/**
 * `activation-doctor fleet diagnose|collect`: many computers at once.
 *
 *   fleet diagnose <folder> [--json] [--html file] [--csv file]
 *     Reads every snapshot or collector file in the folder one at a time (the same reader as
 *     `diagnose --snapshot`), diagnoses each, and reports the causes grouped with counts plus the
 *     findings that only show across machines. Exit 0 all healthy, 1 problems, 2 could not run.
 *
 *   fleet collect --computers <file|list> [--throttle N] [--credential] [--out folder]
 *     Runs the collector script on the computers through PowerShell remoting (WinRM on Windows;
 *     --ssh for PowerShell 7 over SSH) and stores one file per computer.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import packageJson from '../../../package.json';
import { createFleetAccumulator, FleetDiagnosisSchema, fleetIsHealthy, renderFleetCsv, renderFleetHtml } from '../../../shared/fleet';
import { parsePort } from '../../../shared/inputs';
import { buildCollectorScript } from '../../collector/script';
import { collectFleet, FAILURE_TEXT, type CollectOutcome, type Transport } from '../../fleet/collect';
import { readComputers } from '../../fleet/computers';
import { fleetShell } from '../../fleet/shell';
import { hostFacts, type HostFacts } from '../../powershell/environment';
import { listSnapshotFiles, readSnapshotFolder, SnapshotFolderError } from '../../fleet/snapshot-folder';
import { flag, hasSwitch, parseArgs } from '../args';
import { writeJson } from './output';
import { formatFleet } from '../format-fleet';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { parseOutPath } from './snapshot';

const USAGE = `Usage: activation-doctor fleet diagnose <folder> [--json] [--html <file>] [--csv <file>]
       activation-doctor fleet collect --computers <file|list> [--throttle <n>] [--credential]
                                       [--out <folder>] [--timeout <ms>]
                                       [--ssh --user <name> --key-file <file> --known-hosts <file> [--port <n>]]

fleet diagnose: diagnoses every snapshot or collector file in the folder (.json, read one at a
time), groups the machines by cause with counts, and finds what only shows across machines:
duplicate client machine IDs, KMS hosts that split the count, hosts in DNS that are dead, machines
that stopped renewing, retail keys among volume ones (docs/fleet.md).

  --json          print the fleet diagnosis as JSON (docs/fleet.md)
  --html file     also write the fleet report: one self-contained HTML page
  --csv file      also write one row per machine and finding, for Excel (UTF-8 with BOM)

fleet collect: runs the collector script on each computer through PowerShell remoting
(Invoke-Command -ComputerName ... -ThrottleLimit n, over WinRM) and writes one file per computer
into the folder; computers that cannot be reached are listed with why.

  --computers x   a file with one computer per line (# comments), or a comma-separated list
  --throttle n    computers at a time, 1 to 64; default 16
  --credential    ask for the account to connect with (default: the current one)
  --out folder    where the files go; default .\\fleet-<yyyyMMdd-HHmmss>
  --timeout ms    each network check on the computers, 100 to 120000; default 3000
  --ssh           PowerShell 7 remoting over SSH instead (Invoke-Command -HostName), with
                  --user, --key-file, --known-hosts (host keys are checked) and --port (22)

Exit status: 0 every machine healthy (diagnose) / every computer collected (collect); 1 problems
found, or some files or computers could not be read; 2 could not run.`;

const DIAGNOSE_FLAGS = { json: { value: false }, html: { value: true }, csv: { value: true } } as const;
const COLLECT_FLAGS = {
  computers: { value: true },
  throttle: { value: true },
  credential: { value: false },
  out: { value: true },
  timeout: { value: true },
  ssh: { value: false },
  user: { value: true },
  'key-file': { value: true },
  'known-hosts': { value: true },
  port: { value: true },
} as const;

const errorCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error');

function outPath(raw: string | undefined, name: string): string | null {
  if (raw === undefined) return null;
  const checked = parseOutPath(raw);
  if (!checked.ok) throw new UsageError(`--${name}: ${checked.message}`);
  return resolvePath(checked.value);
}

async function writeOutput(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new UsageError(`could not write the ${what} to ${path} (${errorCode(error)})`);
  }
}

export interface FleetRuntime {
  now: () => Date;
  platform: string;
  /** The PATH (pwsh 7 for --ssh is looked up in its absolute folders). */
  env: Record<string, string | undefined>;
  /** Facts about this computer that locate Windows PowerShell (hostFacts()). */
  host: HostFacts;
  /** Test seam: the PowerShell to start instead of the one found. Production never sets it. */
  shell?: string;
  /** Tests replace the remoting run. */
  collect?: typeof collectFleet;
}

export async function runFleetDiagnose(args: string[], io: CliIo, runtime: Pick<FleetRuntime, 'now'>): Promise<ExitCode> {
  const parsed = parseArgs(args, DIAGNOSE_FLAGS, 1);
  const folderRaw = parsed.positional[0];
  if (folderRaw === undefined) throw new UsageError('name the folder of snapshot files: activation-doctor fleet diagnose <folder>');
  const folder = resolvePath(folderRaw);
  const html = outPath(flag(parsed, 'html'), 'html');
  const csv = outPath(flag(parsed, 'csv'), 'csv');

  let files: string[];
  try {
    files = await listSnapshotFiles(folder);
  } catch (error) {
    if (error instanceof SnapshotFolderError) throw new UsageError(error.message);
    throw error;
  }
  if (files.length === 0) throw new UsageError(`${folder} has no .json files; put the snapshot or collector files there`);

  const acc = createFleetAccumulator();
  const json = hasSwitch(parsed, 'json');
  if (!json) io.stderr(`Reading ${files.length} file${files.length === 1 ? '' : 's'} from ${folder}...\n`);
  // Streamed: each snapshot is diagnosed and dropped; only its machine's small summary is kept.
  for await (const input of readSnapshotFolder(folder, files)) acc.add(input);
  const fleet = FleetDiagnosisSchema.parse(acc.finish());

  if (html) await writeOutput(html, renderFleetHtml(fleet, { generatedAt: runtime.now().toISOString(), appVersion: packageJson.version }), 'HTML report');
  if (csv) await writeOutput(csv, renderFleetCsv(fleet), 'CSV file');
  if (json) writeJson(io, fleet);
  else io.stdout(formatFleet(fleet));
  if (!json && html) io.stderr(`Fleet report written to ${html}\n`);
  if (!json && csv) io.stderr(`CSV written to ${csv}\n`);
  return fleetIsHealthy(fleet) ? EXIT.ok : EXIT.problems;
}

function parseThrottle(raw: string | undefined): number {
  if (raw === undefined) return 16;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) throw new UsageError('--throttle must be a whole number from 1 to 64');
  return Number(raw);
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 3000;
  if (!/^[0-9]{1,6}$/.test(raw) || Number(raw) < 100 || Number(raw) > 120_000) throw new UsageError('--timeout must be from 100 to 120000 milliseconds');
  return Number(raw);
}

function transportFrom(parsed: ReturnType<typeof parseArgs>): Transport {
  if (!hasSwitch(parsed, 'ssh')) {
    for (const name of ['user', 'key-file', 'known-hosts', 'port']) if (flag(parsed, name) !== undefined) throw new UsageError(`--${name} goes with --ssh`);
    return { kind: 'winrm', credential: hasSwitch(parsed, 'credential') };
  }
  if (hasSwitch(parsed, 'credential')) throw new UsageError('--credential is for WinRM; over SSH the key file (--key-file) is the credential');
  const user = flag(parsed, 'user');
  if (user === undefined || !/^[A-Za-z0-9._-][A-Za-z0-9._$-]{0,63}$/.test(user)) throw new UsageError('--ssh needs --user <name> (letters, digits, . _ - $)');
  const keyFile = outPath(flag(parsed, 'key-file'), 'key-file');
  const knownHosts = outPath(flag(parsed, 'known-hosts'), 'known-hosts');
  if (keyFile === null || knownHosts === null) throw new UsageError('--ssh needs --key-file <file> and --known-hosts <file> (the host keys are checked)');
  const portRaw = flag(parsed, 'port');
  const port = portRaw === undefined ? { ok: true as const, value: 22 } : parsePort(portRaw, '--port');
  if (!port.ok) throw new UsageError(port.message);
  return { kind: 'ssh', userName: user, keyFilePath: keyFile, knownHostsFile: knownHosts, port: port.value };
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export async function runFleetCollect(args: string[], io: CliIo, runtime: FleetRuntime): Promise<ExitCode> {
  const parsed = parseArgs(args, COLLECT_FLAGS, 0);
  const computersRaw = flag(parsed, 'computers');
  if (computersRaw === undefined) throw new UsageError('name the computers: --computers <file|list>');
  const throttle = parseThrottle(flag(parsed, 'throttle'));
  const timeoutMs = parseTimeout(flag(parsed, 'timeout'));
  const transport = transportFrom(parsed);
  const list = await readComputers(computersRaw);
  if (!list.ok) throw new UsageError(list.message);
  if (transport.kind === 'winrm' && runtime.platform !== 'win32') throw new UsageError('WinRM remoting runs from Windows; elsewhere use PowerShell 7 over SSH (--ssh)');

  let shell = runtime.shell;
  if (shell === undefined) {
    const found = fleetShell(transport.kind, runtime.host, runtime.env.PATH ?? runtime.env.Path);
    if (!found.ok) throw new UsageError(found.message);
    shell = found.path;
  }

  const outDir = outPath(flag(parsed, 'out'), 'out') ?? resolvePath(`fleet-${stamp(runtime.now())}`);
  try {
    await mkdir(outDir, { recursive: true });
    if (!(await stat(outDir)).isDirectory()) throw new UsageError(`${outDir} is not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot create the folder ${outDir} (${errorCode(error)})`);
  }

  io.stderr(`Collecting from ${list.computers.length} computer${list.computers.length === 1 ? '' : 's'}, ${throttle} at a time, into ${outDir}...\n`);
  const outcomes: CollectOutcome[] = await (runtime.collect ?? collectFleet)({
    computers: list.computers,
    throttle,
    transport,
    outDir,
    shell,
    collectorScript: buildCollectorScript({ version: packageJson.version }),
    checkTimeoutMs: timeoutMs,
    connectTimeoutMs: 5000,
    sessionTimeoutMs: 60_000,
    // Generous: every computer runs its checks, a throttle's worth at a time.
    overallTimeoutMs: Math.max(120_000, Math.ceil(list.computers.length / throttle) * 120_000),
    onOutcome: (o) => io.stderr(o.ok ? `  collected    ${o.computer}\n` : `  NOT REACHED  ${o.computer}: ${FAILURE_TEXT[o.kind]}\n`),
  });

  const failed = outcomes.filter((o): o is Extract<CollectOutcome, { ok: false }> => !o.ok);
  io.stdout(`${outcomes.length - failed.length} of ${outcomes.length} computers collected into ${outDir}\n`);
  if (failed.length > 0) {
    io.stdout(`Not reached (${failed.length}):\n`);
    for (const f of failed) io.stdout(`  ${f.computer}: ${FAILURE_TEXT[f.kind]}${f.message ? ` (${f.message})` : ''}\n`);
  }
  io.stdout(`Next: activation-doctor fleet diagnose ${outDir}\n`);
  if (outcomes.length === failed.length) return EXIT.usage;
  return failed.length > 0 ? EXIT.problems : EXIT.ok;
}

export async function runFleet(args: string[], io: CliIo, runtime: FleetRuntime): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'diagnose') return runFleetDiagnose(rest, io, runtime);
  if (sub === 'collect') return runFleetCollect(rest, io, runtime);
  throw new UsageError(sub === undefined ? "say what to do: 'fleet diagnose <folder>' or 'fleet collect --computers <list>'" : `unknown fleet command '${sub.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}' (diagnose or collect)`);
}

export const fleetCommand: CliCommand = {
  name: 'fleet',
  summary: 'many computers: collect through PowerShell remoting, diagnose a folder of snapshots',
  usage: USAGE,
  run: (args, io) => runFleet(args, io, { now: () => new Date(), platform: process.platform, env: process.env, host: hostFacts() }),
};
