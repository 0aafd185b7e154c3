/**
 * `activation-doctor snapshot`: collect every fact about this computer and its KMS environment
 * and print it (readable, or `--json`), or write it (`--out`). Progress goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { formatHostAndPort, parseDnsDomain, parseDnsServer, parseHostAndPort, parsePort } from '../../../shared/inputs';
import { PROBES } from '../../../shared/probes';
import type { Snapshot, SnapshotOptions } from '../../../shared/snapshot';
import packageJson from '../../../package.json';
import { DEFAULT_NTP_PORT, DEFAULT_TIMEOUT_MS, collectSnapshot, notWindowsCollectors } from '../../probes/collect';
import { proxyFromEnv, type ProxyConfig } from '../../probes/network/proxy';
import type { WindowsCollectors } from '../../probes/types';
import { createWindowsCollectors } from '../../probes/windows';
import { flag, hasSwitch, parseArgs, type ParsedArgs } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../io';
import { renderSnapshotText } from '../snapshot-text';
import { progressLine } from '../progress';
import { writeData } from './output';

const USAGE = `Usage: activation-doctor snapshot [--json] [--kms <host[:port]>] [--domain <dns-domain>]
                                 [--dns-server <ip[:port]>] [--ntp-port <n>] [--timeout <ms>]
                                 [--out <file>] [--check-online]

Collects every fact about this computer and its KMS environment: Windows edition and licence
state, domain and DNS settings, services, activation events, Azure, the _vlmcs._tcp DNS records,
TCP 1688 and the clock offset of every KMS host found. Facts that cannot be read are reported as
unavailable, with the reason.

  --json              print the snapshot as JSON (docs/snapshot.md) instead of a summary
  --kms host[:port]   also check this KMS host (name, IPv4, or [IPv6]:port; port 1688 by default)
  --domain domain     also search this DNS domain for _vlmcs._tcp records
  --dns-server ip[:port]
                      resolve every name through this DNS server only (port 53 by default)
  --ntp-port n        port for the SNTP clock check (default 123)
  --timeout ms        time limit of each check, 100 to 120000 (default 3000)
  --out file          also write the snapshot to this file (UTF-8 JSON)
  --check-online      also check Microsoft's online-activation servers over HTTPS (443),
                      through the proxy in HTTPS_PROXY when set

Exit status: 0 when the snapshot was taken (even with unavailable facts), 2 on bad usage.`;

export interface SnapshotArgs {
  options: SnapshotOptions;
  json: boolean;
  out: string | null;
  checkOnline: boolean;
}

/** The probe options shared by `snapshot` and `diagnose`. */
export const PROBE_FLAGS = {
  kms: { value: true },
  domain: { value: true },
  'dns-server': { value: true },
  'ntp-port': { value: true },
  timeout: { value: true },
  'check-online': { value: false },
} as const;

const FLAGS = {
  ...PROBE_FLAGS,
  json: { value: false },
  out: { value: true },
} as const;

const check = <T>(name: string, result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new UsageError(`--${name}: ${result.message}`);
  return result.value;
};

/** The strict grammar of every probe option; the first broken rule becomes a UsageError naming the flag. */
export function parseProbeOptions(parsed: ParsedArgs): { options: SnapshotOptions; checkOnline: boolean } {
  const kmsRaw = flag(parsed, 'kms');
  const domainRaw = flag(parsed, 'domain');
  const dnsRaw = flag(parsed, 'dns-server');
  const ntpRaw = flag(parsed, 'ntp-port');
  const timeoutRaw = flag(parsed, 'timeout');

  const kms = kmsRaw === undefined ? null : formatHostAndPort(check('kms', parseHostAndPort(kmsRaw, 'the KMS host')));
  const domain = domainRaw === undefined ? null : check('domain', parseDnsDomain(domainRaw));
  const dns = dnsRaw === undefined ? null : check('dns-server', parseDnsServer(dnsRaw));
  const dnsServer = dns === null ? null : formatHostAndPort({ host: dns.address, kind: dns.address.includes(':') ? 'ipv6' : 'ipv4', port: dns.port });
  const ntpPort = ntpRaw === undefined ? DEFAULT_NTP_PORT : check('ntp-port', parsePort(ntpRaw, 'the NTP port'));
  const timeoutMs = timeoutRaw === undefined ? DEFAULT_TIMEOUT_MS : check('timeout', parseTimeout(timeoutRaw));
  return { options: { kms, domain, dnsServer, ntpPort, timeoutMs }, checkOnline: hasSwitch(parsed, 'check-online') };
}

export function parseSnapshotArgs(args: readonly string[]): SnapshotArgs {
  const parsed = parseArgs(args, FLAGS, 0);
  const outRaw = flag(parsed, 'out');
  const out = outRaw === undefined ? null : check('out', parseOutPath(outRaw));
  const { options, checkOnline } = parseProbeOptions(parsed);
  return { options, json: hasSwitch(parsed, 'json'), out, checkOnline };
}

export function parseTimeout(raw: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = raw.trim();
  if (!/^[0-9]{1,6}$/.test(text)) return { ok: false, message: 'the timeout must be a whole number of milliseconds from 100 to 120000' };
  const value = Number(text);
  if (value < 100 || value > 120_000) return { ok: false, message: `the timeout must be from 100 to 120000 ms (got ${value})` };
  return { ok: true, value };
}

/** Any file name the OS accepts, except empty names and control characters (a pasted newline is a mistake). */
export function parseOutPath(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: false, message: 'the file name is empty' };
  if (raw.length > 1024) return { ok: false, message: 'the file name is longer than 1024 characters' };
  // Checked code by code: a regex with control-character ranges is what no-control-regex forbids.
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return { ok: false, message: `the file name contains ${code === 0 ? 'NUL' : 'a control character'} at position ${i + 1}` };
  }
  return { ok: true, value: raw };
}

const TITLES = new Map<string, string>(PROBES.map((p) => [p.id, p.title]));

/**
 * The Windows collectors for this platform, and how to release them. The PowerShell runner (and
 * node-powershell with it) is loaded only on Windows; elsewhere every Windows fact answers
 * "not running on Windows" without starting anything.
 */
async function windowsCollectorsFor(platform: string): Promise<{ collectors: WindowsCollectors; dispose: () => Promise<void> }> {
  if (platform !== 'win32') return { collectors: notWindowsCollectors(platform), dispose: async () => undefined };
  const { createPowerShellRunner } = await import('../../powershell/runner');
  const runner = createPowerShellRunner();
  return { collectors: createWindowsCollectors(runner, { platform }), dispose: () => runner.dispose() };
}

export interface SnapshotRuntime {
  platform: string;
  env: Record<string, string | undefined>;
  collectors?: WindowsCollectors;
}

export async function runSnapshot(args: string[], io: CliIo, runtime: SnapshotRuntime): Promise<0 | 2> {
  const parsed = parseSnapshotArgs(args);
  let proxy: ProxyConfig | null | undefined;
  if (parsed.checkOnline) {
    const fromEnv = proxyFromEnv(runtime.env);
    if (!fromEnv.ok) throw new UsageError(fromEnv.message);
    proxy = fromEnv.proxy ?? undefined;
  }
  io.stderr(`Collecting ${PROBES.length} facts (each check stops after ${parsed.options.timeoutMs} ms)...\n`);
  const windows = runtime.collectors ? { collectors: runtime.collectors, dispose: async () => undefined } : await windowsCollectorsFor(runtime.platform);
  const snapshot: Snapshot = await collectSnapshot({
    windows: windows.collectors,
    options: parsed.options,
    platform: runtime.platform,
    collector: { kind: 'cli', version: packageJson.version },
    checkOnline: parsed.checkOnline,
    ...(proxy !== undefined ? { proxy } : {}),
    noProxy: runtime.env.NO_PROXY ?? runtime.env.no_proxy,
    onEvent: (event) => {
      const line = progressLine(event, TITLES);
      if (line !== null) io.stderr(line);
    },
  }).finally(() => windows.dispose());
  // Printed first: if the file cannot be written, the snapshot is still not lost.
  if (parsed.json) writeData(io, `${JSON.stringify(snapshot, null, 2)}\n`);
  else io.stdout(renderSnapshotText(snapshot));
  if (parsed.out !== null) {
    const target = resolvePath(parsed.out);
    try {
      await writeFile(target, `${JSON.stringify(snapshot, null, 2)}\n`, { encoding: 'utf8' });
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error';
      io.stderr(`activation-doctor snapshot: could not write ${target} (${code}); the snapshot was taken but not saved\n`);
      return EXIT.usage;
    }
    io.stderr(`Snapshot written to ${target}\n`);
  }
  return EXIT.ok;
}

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'collect every fact about this computer and its KMS environment',
  usage: USAGE,
  run: (args, io) => runSnapshot(args, io, { platform: process.platform, env: process.env }),
};
