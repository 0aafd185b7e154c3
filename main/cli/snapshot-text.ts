/**
 * The readable form of a snapshot for `activation-doctor snapshot`: every fact in one or a few
 * lines. A fact that could not be read is said once, where it belongs; when one cause (not
 * Windows, PowerShell missing, not elevated) explains several, it is said once at the top with
 * its one action. The KMS host firewall rule appears only on a KMS host.
 */
import { isHiddenFact, probeTitle, type ProbeId } from '../../shared/probes';
import type { Fact, Snapshot } from '../../shared/snapshot';
import { describeAzure } from '../probes/outcomes';
import { WINDOWS_PROBES } from '../probes/windows/registry';
import type { Described } from '../probes/run-probe';
import { formatMs } from '../probes/network/budget';
import { SKIPPED_REASONS, groupNotChecked, reasonAndDetail } from '../../shared/summary';
import type { NotChecked } from '../../shared/diagnosis/types';
import { formatOffset } from '../../shared/diagnosis/format';

const title = probeTitle;

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

/** Facts whose cause is said once at the top (a shared cause), so their own lines are left out. */
type Said = ReadonlySet<ProbeId>;

function unavailableText(fact: Extract<Fact<unknown>, { status: 'unavailable' }>): string {
  return `${SKIPPED_REASONS.has(fact.reason) ? 'skipped' : 'could not check'}: ${reasonAndDetail(fact.reason, fact.detail)}`;
}

function factLine<T>(id: ProbeId, fact: Fact<T>, describe: (v: T) => Described, said: Said): string[] {
  if (fact.status === 'unavailable') {
    if (said.has(id) || isHiddenFact(id, fact.reason)) return [];
    return [`  ${title(id)}: ${unavailableText(fact)}`];
  }
  const d = describe(fact.value);
  return [`  ${title(id)}: ${d.outcome === 'problem' ? 'problem: ' : ''}${d.summary}`];
}

function listHeader(id: ProbeId, fact: Fact<unknown>, said: Said): string[] {
  if (fact.status !== 'unavailable') return [`  ${title(id)}:`];
  return said.has(id) ? [] : [`  ${title(id)}: ${unavailableText(fact)}`];
}

function networkSection(s: Snapshot, said: Said): string[] {
  const lines: string[] = ['Network'];
  const { srv, kmsHosts, time, activationEndpoints } = s.network;

  lines.push(...listHeader('network.srv', srv, said));
  if (srv.status === 'ok') {
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

  lines.push(...listHeader('network.kmsHosts', kmsHosts, said));
  if (kmsHosts.status === 'ok') {
    for (const c of kmsHosts.value) {
      const from = c.sources.map((x) => SOURCE_WORDS[x] ?? x).join(', ');
      const latency = c.latencyMs !== null && c.tcp === 'open' ? `, ${formatMs(c.latencyMs)}` : '';
      const at = c.address && c.address !== c.host ? ` at ${c.address}` : '';
      lines.push(`    ${hostPort(c.host, c.port)} (${from}): ${c.tcp}${at}${latency}${c.error ? ` - ${c.error}` : ''}`);
    }
  }

  lines.push(...listHeader('network.time', time, said));
  if (time.status === 'ok') {
    for (const t of time.value) {
      const detail =
        t.result === 'ok' && t.offsetMs !== null
          ? `host clock ${formatOffset(t.offsetMs)} (stratum ${t.stratum ?? '?'}, round trip ${formatMs(t.roundTripMs ?? 0)})`
          : `${t.result}${t.error ? ` - ${t.error}` : ''}`;
      lines.push(`    ${t.host} (UDP ${t.port}): ${detail}`);
    }
  }

  lines.push(...listHeader('network.activationEndpoints', activationEndpoints, said));
  if (activationEndpoints.status === 'ok') {
    for (const e of activationEndpoints.value) {
      lines.push(`    ${hostPort(e.host, e.port)}${e.proxy ? ` via ${e.proxy}` : ''}: ${e.result}${e.error ? ` - ${e.error}` : ''}`);
    }
  }
  return lines;
}

export function renderSnapshotText(s: Snapshot): string {
  const w = s.windows;
  const facts: [ProbeId, Fact<unknown>][] = [
    ...WINDOWS_PROBES.map((probe): [ProbeId, Fact<unknown>] => [probe.id, w[probe.key]]),
    ['azure', s.azure],
    ['network.srv', s.network.srv],
    ['network.kmsHosts', s.network.kmsHosts],
    ['network.time', s.network.time],
    ['network.activationEndpoints', s.network.activationEndpoints],
  ];
  const unavailable: NotChecked[] = facts.flatMap(([id, fact]) =>
    fact.status === 'unavailable' && !isHiddenFact(id, fact.reason) ? [{ probe: id, title: title(id), reason: fact.reason, detail: fact.detail, affects: [] }] : [],
  );
  const shared = groupNotChecked(unavailable).filter((g) => g.reason !== null && g.items.length > 1);
  const said = new Set<ProbeId>(shared.flatMap((g) => g.items.map((n) => n.probe)));
  const lines: string[] = [`Snapshot of ${s.collector.hostname ?? 'this computer'} (${s.collector.platform}), taken ${s.takenAt} in ${formatMs(s.durationMs)}`, ''];
  for (const group of shared) {
    lines.push(`${group.headline} ${group.items.map((n) => n.title).join('; ')}.`, `  What to do: ${group.action}`, '');
  }
  lines.push(
    'Windows',
    ...WINDOWS_PROBES.flatMap((probe) => factLine(probe.id, w[probe.key] as Fact<unknown>, (v) => probe.describe(v as never), said)),
    '',
    'Azure',
    ...factLine('azure', s.azure, describeAzure, said),
    '',
    ...networkSection(s, said),
  );
  // Sections left empty by a shared cause said above are dropped.
  const text = lines.join('\n').replace(/(^|\n)(Windows|Azure)\n(?=\n|$)/g, '$1');
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
