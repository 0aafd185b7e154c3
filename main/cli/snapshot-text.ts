/**
 * The readable form of a snapshot for `activation-doctor snapshot`: every fact in one or a few
 * lines, and at the end what could not be checked and why. Plain ASCII, 100 columns at most for
 * the fixed parts, so it survives any console and a paste into a ticket.
 */
import { PROBES, type ProbeId } from '../../shared/probes';
import { UNAVAILABLE_REASON_TEXT, type Fact, type Snapshot } from '../../shared/snapshot';
import {
  describeAzure,
  describeElevation,
  describeEvents,
  describeFirewall,
  describeLicensing,
  describeNetworkConfig,
  describeOs,
  describeServices,
  formatOffset,
} from '../probes/outcomes';
import type { Described } from '../probes/run-probe';
import { formatMs } from '../probes/network/budget';

const TITLES = new Map<ProbeId, string>(PROBES.map((p) => [p.id, p.title]));
const title = (id: ProbeId) => TITLES.get(id) ?? id;

const SOURCE_WORDS: Record<string, string> = {
  option: 'from --kms',
  configured: 'configured on this computer',
  discovered: 'discovered by this computer',
  srv: 'from DNS',
  event: 'from the newest 12288 event',
  azure: "Azure's KMS",
};
const DOMAIN_SOURCE_WORDS: Record<string, string> = {
  option: '--domain',
  'lookup-domain': 'KMS lookup domain',
  'primary-suffix': 'primary DNS suffix',
  'ad-domain': 'AD domain',
  'connection-suffix': 'connection suffix',
  'search-list': 'suffix search list',
};

const hostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

function factLine<T>(id: ProbeId, fact: Fact<T>, describe: (v: T) => Described): string {
  if (fact.status === 'unavailable') return `  ${title(id)}: not checked (${UNAVAILABLE_REASON_TEXT[fact.reason]})`;
  const d = describe(fact.value);
  return `  ${title(id)}: ${d.outcome === 'problem' ? 'PROBLEM: ' : ''}${d.summary}`;
}

function unavailableLine(id: ProbeId, fact: Fact<unknown>): string | null {
  return fact.status === 'unavailable' ? `  - ${title(id)}: ${UNAVAILABLE_REASON_TEXT[fact.reason]} - ${fact.detail}` : null;
}

function networkSection(s: Snapshot): string[] {
  const lines: string[] = ['Network'];
  const { srv, kmsHosts, time, activationEndpoints } = s.network;

  lines.push(`  ${title('network.srv')}:`);
  if (srv.status === 'unavailable') lines.push(`    not checked (${UNAVAILABLE_REASON_TEXT[srv.reason]})`);
  else {
    for (const lookup of srv.value) {
      const from = lookup.sources.map((x) => DOMAIN_SOURCE_WORDS[x] ?? x).join(', ');
      const via = lookup.dnsServer ? `via ${lookup.dnsServer}` : 'via the system resolver';
      lines.push(`    ${lookup.name} (${from}; ${via}): ${lookup.result}${lookup.error ? ` - ${lookup.error}` : ''}`);
      for (const r of lookup.records) {
        const where = r.resolveError ? `does not resolve (${r.resolveError})` : r.addresses.join(', ');
        lines.push(`      ${hostPort(r.target, r.port)}  priority ${r.priority}, weight ${r.weight}: ${where}`);
      }
    }
  }

  lines.push(`  ${title('network.kmsHosts')}:`);
  if (kmsHosts.status === 'unavailable') lines.push(`    not checked (${UNAVAILABLE_REASON_TEXT[kmsHosts.reason]})`);
  else {
    for (const c of kmsHosts.value) {
      const from = c.sources.map((x) => SOURCE_WORDS[x] ?? x).join(', ');
      const latency = c.latencyMs !== null && c.tcp === 'open' ? `, ${formatMs(c.latencyMs)}` : '';
      const at = c.address && c.address !== c.host ? ` at ${c.address}` : '';
      lines.push(`    ${hostPort(c.host, c.port)} (${from}): ${c.tcp}${at}${latency}${c.error ? ` - ${c.error}` : ''}`);
    }
  }

  lines.push(`  ${title('network.time')}:`);
  if (time.status === 'unavailable') lines.push(`    not checked (${UNAVAILABLE_REASON_TEXT[time.reason]})`);
  else {
    for (const t of time.value) {
      const detail =
        t.result === 'ok' && t.offsetMs !== null
          ? `host clock ${formatOffset(t.offsetMs)} ${t.offsetMs >= 0 ? 'ahead of' : 'behind'} this computer (stratum ${t.stratum ?? '?'}, round trip ${formatMs(t.roundTripMs ?? 0)})`
          : `${t.result}${t.error ? ` - ${t.error}` : ''}`;
      lines.push(`    ${t.host} (UDP ${t.port}): ${detail}`);
    }
  }

  lines.push(`  ${title('network.activationEndpoints')}:`);
  if (activationEndpoints.status === 'unavailable') lines.push(`    not checked (${UNAVAILABLE_REASON_TEXT[activationEndpoints.reason]})`);
  else {
    for (const e of activationEndpoints.value) {
      lines.push(`    ${hostPort(e.host, e.port)}${e.proxy ? ` via ${e.proxy}` : ''}: ${e.result}${e.error ? ` - ${e.error}` : ''}`);
    }
  }
  return lines;
}

export function renderSnapshotText(s: Snapshot): string {
  const w = s.windows;
  const lines: string[] = [
    `Snapshot of ${s.collector.hostname ?? 'this computer'} (${s.collector.platform}), taken ${s.takenAt} in ${formatMs(s.durationMs)}`,
    '',
    'Windows',
    factLine('windows.os', w.os, describeOs),
    factLine('windows.licensing', w.licensing, describeLicensing),
    factLine('windows.networkConfig', w.networkConfig, describeNetworkConfig),
    factLine('windows.services', w.services, describeServices),
    factLine('windows.events', w.events, describeEvents),
    factLine('windows.elevation', w.elevation, describeElevation),
    factLine('windows.firewall', w.firewall, describeFirewall),
    '',
    'Azure',
    factLine('azure', s.azure, describeAzure),
    '',
    ...networkSection(s),
  ];
  const facts: [ProbeId, Fact<unknown>][] = [
    ['windows.os', w.os],
    ['windows.licensing', w.licensing],
    ['windows.networkConfig', w.networkConfig],
    ['windows.services', w.services],
    ['windows.events', w.events],
    ['windows.elevation', w.elevation],
    ['windows.firewall', w.firewall],
    ['azure', s.azure],
    ['network.srv', s.network.srv],
    ['network.kmsHosts', s.network.kmsHosts],
    ['network.time', s.network.time],
    ['network.activationEndpoints', s.network.activationEndpoints],
  ];
  const missing = facts.map(([id, fact]) => unavailableLine(id, fact)).filter((l): l is string => l !== null);
  if (missing.length > 0) lines.push('', `Could not check (${missing.length}):`, ...missing);
  lines.push('');
  return `${lines.join('\n')}\n`;
}
