/**
 * KMS planning facts and host/client compatibility: the constants (thresholds, intervals, port),
 * Microsoft's CSVLK group table (which host OS can carry which host key, and what each key
 * activates), the required-update table, and `hostCanActivate`, answered from those tables only.
 */
import { productLabel, type ProductId } from './products';
import type { SourceTag } from './sources';

export type KmsUnit = 'machines' | 'days' | 'contacts' | 'minutes' | 'hours' | 'tcp-port' | 'hosts' | 'activations';

export interface KmsConstant {
  value: number;
  unit: KmsUnit;
  description: string;
  sources: SourceTag[];
}

export const KMS = {
  clientThreshold: { value: 25, unit: 'machines', description: 'Windows client editions activate once the KMS count is 25 or more.', sources: ['WSD-PLAN', 'SA-ERR'] },
  serverThreshold: { value: 5, unit: 'machines', description: 'Windows Server (and volume Office) activate once the KMS count is 5 or more.', sources: ['WSD-PLAN', 'SA-ERR'] },
  countWindow: { value: 30, unit: 'days', description: 'The count includes only unique machines that asked in the past 30 days.', sources: ['WSD-PLAN'] },
  countCache: { value: 50, unit: 'contacts', description: 'The host stores only the 50 most recent contacts (twice the highest threshold).', sources: ['WSD-PLAN', 'WSD-HOST', 'WSD-KMSGEN'] },
  activationValidity: { value: 180, unit: 'days', description: 'A KMS activation is valid for 180 days (the activation validity interval).', sources: ['WSD-PLAN'] },
  renewalInterval: { value: 10080, unit: 'minutes', description: 'Activated clients try to renew every 7 days (10,080 minutes, the /sri default).', sources: ['WSD-PLAN', 'WSD-SLMGR'] },
  retryInterval: { value: 120, unit: 'minutes', description: 'Unactivated clients retry every 2 hours (120 minutes, the /sai default).', sources: ['WSD-KMSGEN', 'WSD-SLMGR', 'TN-EVT'] },
  intervalMinimum: { value: 15, unit: 'minutes', description: 'Shortest activation or renewal interval a host accepts (/sai, /sri).', sources: ['WSD-SLMGR', 'W32-SLS'] },
  intervalMaximum: { value: 43200, unit: 'minutes', description: 'Longest activation or renewal interval a host accepts (30 days).', sources: ['WSD-SLMGR', 'W32-SLS'] },
  maxTimeSkew: { value: 4, unit: 'hours', description: 'More than 4 hours between client and host clocks (in UTC) fails with 0xC004F06C.', sources: ['SA-F074'] },
  port: { value: 1688, unit: 'tcp-port', description: 'KMS listens on TCP 1688 by default.', sources: ['WSD-PLAN', 'WSD-KMSGEN'] },
  hostsPerCsvlk: { value: 6, unit: 'hosts', description: 'A host key (CSVLK) activates the first KMS host and up to five more: six hosts.', sources: ['WSD-PLAN', 'SA-ERR'] },
  activationsPerHost: {
    value: 10,
    unit: 'activations',
    description:
      "Each KMS host can be activated with the same key up to 10 times (first time plus nine reactivations), says the planning page. Microsoft's own pages disagree: the error table (0xC004C008) says a host key activates \"up to 10 times on up to six computers\", which reads as 10 in total. Count on the lower figure.",
    sources: ['WSD-PLAN', 'SA-ERR'],
  },
  expiryWarning: { value: 30, unit: 'days', description: 'Managed devices get a notification 30 days before the 180-day activation runs out.', sources: ['WSD-KMSGEN'] },
  secondHostAbove: { value: 50, unit: 'machines', description: 'With more than 50 clients, run at least two KMS hosts.', sources: ['WSD-PLAN'] },
} as const satisfies Record<string, KmsConstant>;

export type KmsConstantId = keyof typeof KMS;

/** The default KMS port, from the table (every other place reads it from here). */
export const KMS_PORT = KMS.port.value;
/** The largest clock difference a KMS host accepts, in milliseconds (0xC004F06C beyond it). */
export const KMS_MAX_SKEW_MS = KMS.maxTimeSkew.value * 3_600_000;
/** "4 h": the limit as evidence and progress lines say it. */
export const KMS_MAX_SKEW_TEXT = `${KMS.maxTimeSkew.value} h`;

export const KMS_THRESHOLDS = { clients: KMS.clientThreshold.value, servers: KMS.serverThreshold.value } as const;

export interface KmsCountOutcome {
  /** The host's count: every unique machine (clients and servers together) of the last 30 days. */
  total: number;
  clientsActivate: boolean;
  serversActivate: boolean;
  /** One sentence a technician can act on. */
  summary: string;
}

/**
 * The KMS count is one count of all machines: Windows clients activate once it is 25 or more,
 * servers once it is 5 or more, and servers count towards the clients' 25 (WSD-PLAN, WSD-KMSGEN).
 * 10 clients + 5 servers (15) activates the servers but not the clients; 22 + 4 (26) activates all.
 */
export function kmsCountOutcome(counts: { clients: number; servers: number }): KmsCountOutcome {
  const clients = Math.max(0, Math.floor(counts.clients));
  const servers = Math.max(0, Math.floor(counts.servers));
  const total = clients + servers;
  const clientsActivate = total >= KMS_THRESHOLDS.clients;
  const serversActivate = total >= KMS_THRESHOLDS.servers;
  let summary: string;
  if (total === 0) summary = 'With no machines counted, a KMS host activates nobody.';
  else if (clientsActivate) summary = `${total} machines in one count (${clients} clients + ${servers} servers) reach both thresholds: Windows clients (${KMS_THRESHOLDS.clients}) and servers (${KMS_THRESHOLDS.servers}) all activate.`;
  else if (serversActivate)
    summary = `${total} machines in one count (${clients} clients + ${servers} servers) reach the server threshold (${KMS_THRESHOLDS.servers})${servers > 0 ? ', so the servers activate' : ''}${clients > 0 ? `, but not the ${KMS_THRESHOLDS.clients} that Windows clients need: the clients stay unactivated` : ''}.`;
  else summary = `${total} machine${total === 1 ? '' : 's'} in one count stay below both thresholds (${KMS_THRESHOLDS.servers} for servers, ${KMS_THRESHOLDS.clients} for clients): the KMS host would activate nobody.`;
  return { total, clientsActivate, serversActivate, summary };
}

/** Where Microsoft's own pages contradict each other; the advice says so instead of picking one. */
export const KMS_SOURCE_CONFLICTS: readonly { topic: string; text: string; sources: SourceTag[] }[] = [
  {
    topic: 'activations per KMS host key',
    text: 'The planning page allows six hosts per host key, each activated up to 10 times (up to 60 activations); the error table says a host key activates up to 10 times on up to six computers (10 in total). Plan for 10 in total; Microsoft\'s Licensing Activation Centers can add more (0xC004C008).',
    sources: ['WSD-PLAN', 'SA-ERR', 'SA-C008'],
  },
  {
    topic: 'SRV priority and weight',
    text: 'The Windows 7 era "Understanding KMS" page says clients honour the priority and weight of _vlmcs._tcp records; the 2019 DNS page says KMS does not use them (the record must still carry them). Where they matter, turn off KMS host caching on the clients (slmgr /ckhc), as the slmgr reference recommends when using priority and weight.',
    sources: ['TN-UKMS', 'WSD-DNS', 'WSD-SLMGR'],
  },
];

/** Rules Microsoft states about KMS hosts, beside the tables. */
export const KMS_HOST_RULES: readonly { text: string; sources: SourceTag[] }[] = [
  { text: 'A KMS host on Windows Server activates servers and clients; a KMS host on a Windows client OS activates only clients.', sources: ['WSD-PLAN'] },
  { text: "A client KMS key can't be installed into the KMS in Windows Server.", sources: ['ITPRO-KMS'] },
  { text: 'Windows Server Datacenter: Azure Edition is activated by Azure and cannot be a KMS host.', sources: ['WSD-PLAN'] },
  { text: 'Windows Server 2008 R2 cannot be updated to activate Windows Server 2016 or newer.', sources: ['WSD-2016'] },
];

export const CSVLK_GROUP_IDS = ['ws2025', 'ws2022', 'ws2019', 'ws2016', 'win10', 'ws2012r2-for-win10'] as const;
export type CsvlkGroupId = (typeof CSVLK_GROUP_IDS)[number];

export interface ActivatedProduct {
  product: ProductId;
  /** The editions as Microsoft lists them. */
  editions: string;
}

export interface CsvlkGroup {
  id: CsvlkGroupId;
  name: string;
  hostableOn: ProductId[];
  /** Hosts where the Datacenter: Azure Edition cannot carry the key (it cannot be a KMS host at all). */
  azureEditionExcluded: ProductId[];
  activates: ActivatedProduct[];
  /** False for a group only on Microsoft's older (2018) planning page. */
  current: boolean;
  sources: SourceTag[];
}

const ALL = 'all editions';
const WIN_GA = 'Enterprise/Enterprise N, Professional/Professional N, Professional for Workstations/Professional N for Workstations, Education/Education N';
const OLDER_CLIENTS: ActivatedProduct[] = [
  { product: 'win81', editions: 'Enterprise, Professional' },
  { product: 'win7', editions: 'Enterprise, Professional' },
];
const SERVERS_2019_DOWN: ActivatedProduct[] = [
  { product: 'server-sac', editions: 'Semi-Annual Channel' },
  { product: 'server-2019', editions: ALL },
  { product: 'server-2016', editions: ALL },
  { product: 'server-2012r2', editions: ALL },
  { product: 'server-2012', editions: ALL },
  { product: 'server-2008r2', editions: ALL },
  { product: 'server-2008', editions: ALL },
];
// Microsoft writes "Windows 10 Enterprise LTSC/LTSC N/LTSB": read as both LTSB releases.
const WIN10_ALL: ActivatedProduct[] = [
  { product: 'win10-ltsc', editions: 'Enterprise LTSC/LTSC N' },
  { product: 'win10-ltsb-2016', editions: 'Enterprise LTSB' },
  { product: 'win10-ltsb-2015', editions: 'Enterprise LTSB' },
  { product: 'win10', editions: WIN_GA },
];

/** Newest first: the order `hostCanActivate` tries groups in. */
export const CSVLK_GROUPS: readonly CsvlkGroup[] = [
  {
    id: 'ws2025',
    name: 'Volume License for Windows Server 2025',
    hostableOn: ['server-2025', 'server-2022', 'server-2019'],
    azureEditionExcluded: ['server-2025', 'server-2022'],
    activates: [
      { product: 'server-2025', editions: ALL },
      { product: 'server-2022', editions: ALL },
      ...SERVERS_2019_DOWN,
      { product: 'win11-ltsc-2024', editions: 'Enterprise LTSC 2024' },
      { product: 'win11', editions: WIN_GA },
      ...WIN10_ALL,
      ...OLDER_CLIENTS,
    ],
    current: true,
    sources: ['WSD-PLAN'],
  },
  {
    id: 'ws2022',
    name: 'Volume License for Windows Server 2022',
    hostableOn: ['server-2022', 'server-2019', 'server-2016'],
    azureEditionExcluded: ['server-2022'],
    activates: [{ product: 'server-2022', editions: ALL }, ...SERVERS_2019_DOWN, { product: 'win11', editions: WIN_GA }, ...WIN10_ALL, ...OLDER_CLIENTS],
    current: true,
    sources: ['WSD-PLAN'],
  },
  {
    id: 'ws2019',
    name: 'Volume License for Windows Server 2019',
    hostableOn: ['server-2019', 'server-2016', 'server-2012r2'],
    azureEditionExcluded: [],
    activates: [...SERVERS_2019_DOWN, ...WIN10_ALL, ...OLDER_CLIENTS],
    current: true,
    sources: ['WSD-PLAN'],
  },
  {
    id: 'ws2016',
    name: 'Volume License for Windows Server 2016',
    hostableOn: ['server-2016', 'server-2012r2', 'server-2012'],
    azureEditionExcluded: [],
    activates: [
      ...SERVERS_2019_DOWN.filter((a) => a.product !== 'server-2019'),
      { product: 'win10-ltsb-2016', editions: 'LTSB (2015 and 2016)' },
      { product: 'win10-ltsb-2015', editions: 'LTSB (2015 and 2016)' },
      { product: 'win10', editions: WIN_GA },
      ...OLDER_CLIENTS,
    ],
    current: true,
    sources: ['WSD-PLAN'],
  },
  {
    id: 'win10',
    name: 'Volume license for Windows 10',
    hostableOn: ['win10', 'win81', 'win7'],
    azureEditionExcluded: [],
    activates: [
      { product: 'win10-ltsb-2015', editions: 'Enterprise LTSB/LTSB N (2015)' },
      { product: 'win10', editions: 'Enterprise/Enterprise N, Professional/Professional N, Education/Education N, Pro for Workstations' },
      ...OLDER_CLIENTS,
    ],
    current: true,
    sources: ['WSD-PLAN'],
  },
  {
    id: 'ws2012r2-for-win10',
    name: "Volume license for 'Windows Server 2012 R2 for Windows 10'",
    hostableOn: ['server-2012r2', 'server-2012', 'server-2008r2'],
    azureEditionExcluded: [],
    activates: [
      { product: 'win10', editions: 'Pro, Enterprise, Pro for Workstations, Education' },
      { product: 'win10-ltsb-2015', editions: 'Enterprise LTSB 2015' },
      { product: 'server-2012r2', editions: ALL },
      { product: 'server-2012', editions: ALL },
      { product: 'server-2008r2', editions: ALL },
      { product: 'server-2008', editions: ALL },
      { product: 'win81', editions: ALL },
      { product: 'win7', editions: ALL },
    ],
    current: false,
    sources: ['WSD-2016', 'SA-F015'],
  },
];

/**
 * The client a host key group is named after. A host that needs an update to activate that
 * client needs the same update to carry the group's key: the update recommended is the one for
 * the group chosen, not the earliest one in the table.
 */
export const GROUP_NAMED_FOR: Readonly<Record<CsvlkGroupId, ProductId>> = {
  ws2025: 'server-2025',
  ws2022: 'server-2022',
  ws2019: 'server-2019',
  ws2016: 'server-2016',
  win10: 'win10',
  'ws2012r2-for-win10': 'win10',
};

export interface RequiredUpdate {
  hosts: ProductId[];
  clients: ProductId[];
  /** Null on "not supported" rows. */
  kb: string | null;
  /** ISO date, or year-month where Microsoft gives only the month; null when not given. */
  date: string | null;
  supported: boolean;
  note: string;
  sources: SourceTag[];
}

export const REQUIRED_UPDATES: readonly RequiredUpdate[] = [
  { hosts: ['server-2022'], clients: ['server-2025'], kb: 'KB5034765', date: '2024-02-13', supported: true, note: 'or a later cumulative update', sources: ['WSD-PLAN'] },
  { hosts: ['server-2019'], clients: ['server-2025'], kb: 'KB5034768', date: '2024-02-13', supported: true, note: 'or a later cumulative update', sources: ['WSD-PLAN'] },
  { hosts: ['server-2019'], clients: ['server-2022'], kb: 'KB5003646', date: '2021-06-08', supported: true, note: 'or a later cumulative update', sources: ['WSD-PLAN'] },
  { hosts: ['server-2016'], clients: ['server-2022', 'server-2019'], kb: 'KB5003638', date: '2021-06-08', supported: true, note: 'or a later cumulative update', sources: ['WSD-PLAN'] },
  { hosts: ['server-2016'], clients: ['server-2019'], kb: 'KB4478877', date: '2018-12-03', supported: true, note: 'or a later cumulative update', sources: ['WSD-PLAN'] },
  {
    hosts: ['server-2012r2'],
    clients: ['server-2019', 'server-2016', 'win10'],
    kb: 'KB4467695',
    date: '2018-11-27',
    supported: true,
    note: 'Preview of Monthly Rollup, or a later monthly rollup',
    sources: ['WSD-PLAN'],
  },
  { hosts: ['server-2012r2'], clients: ['server-2016', 'win10'], kb: 'KB3172614', date: '2016-07', supported: true, note: 'July 2016 update rollup, or a later monthly rollup', sources: ['WSD-PLAN', 'SA-F015'] },
  { hosts: ['server-2012'], clients: ['server-2016', 'server-2012r2', 'win10'], kb: 'KB3172615', date: '2016-07', supported: true, note: 'July 2016 update rollup, or a later monthly rollup', sources: ['WSD-PLAN'] },
  { hosts: ['server-2008r2'], clients: ['server-2012r2', 'server-2012', 'win10'], kb: 'KB3079821', date: null, supported: true, note: 'Update that enables Windows 7 and Windows Server 2008 R2 KMS hosts to activate Windows 10', sources: ['WSD-PLAN', 'SA-F015'] },
  { hosts: ['win81'], clients: ['win10'], kb: 'KB3172614', date: '2016-07', supported: true, note: 'July 2016 update rollup, or a later monthly rollup', sources: ['WSD-PLAN'] },
  { hosts: ['win7'], clients: ['win10'], kb: 'KB3079821', date: null, supported: true, note: 'Update that enables Windows 7 and Windows Server 2008 R2 KMS hosts to activate Windows 10', sources: ['WSD-PLAN'] },
  { hosts: ['server-2008', 'vista'], clients: ['win7', 'server-2008r2'], kb: 'KB968912', date: null, supported: true, note: 'Hotfix for Windows Server 2008 and Windows Vista KMS hosts', sources: ['SA-F074', 'WSD-KMSGEN'] },
  {
    hosts: ['vista', 'server-2008', 'server-2003'],
    clients: ['win10'],
    kb: null,
    date: null,
    supported: false,
    note: 'Windows 10 cannot be activated by KMS hosts on Windows Vista, Windows Server 2008 or Windows Server 2003.',
    sources: ['SA-F015'],
  },
  {
    hosts: ['server-2008r2'],
    clients: ['server-2016', 'server-sac', 'server-2019', 'server-2022', 'server-2025'],
    kb: null,
    date: null,
    supported: false,
    note: 'Windows Server 2008 R2 cannot be updated to support activation of clients running Windows Server 2016, or newer.',
    sources: ['WSD-2016'],
  },
];

/** "Windows 10" in the update table covers every Windows 10 servicing channel. */
const COVERED_BY: Partial<Record<ProductId, ProductId[]>> = {
  win10: ['win10', 'win10-ltsc', 'win10-ltsb-2016', 'win10-ltsb-2015'],
};

export function updateRowCovers(row: RequiredUpdate, client: ProductId): boolean {
  return row.clients.some((c) => (COVERED_BY[c] ?? [c]).includes(client));
}

export interface KmsHost {
  product: ProductId;
  /** The host key it carries, when known. */
  csvlkGroup?: CsvlkGroupId;
  /** Installed updates, e.g. ['KB5034768'] (from Get-HotFix); used to drop satisfied requirements. */
  installedKbs?: string[];
  /** Windows Server Datacenter: Azure Edition. */
  azureEdition?: boolean;
}

export type HostAnswer =
  | { answer: 'yes'; csvlkGroup: CsvlkGroupId | null; reason: string }
  | { answer: 'yes-after-update'; kb: string; anyOf: string[]; csvlkGroup: CsvlkGroupId | null; reason: string }
  | { answer: 'no'; csvlkGroup: CsvlkGroupId | null; reason: string };

export function csvlkGroup(id: CsvlkGroupId): CsvlkGroup {
  const group = CSVLK_GROUPS.find((g) => g.id === id);
  if (!group) throw new Error(`unknown CSVLK group ${id}`);
  return group;
}

export const groupActivates = (group: CsvlkGroup, client: ProductId): boolean => group.activates.some((a) => a.product === client);

/** Can a KMS host activate a client? Answered from the CSVLK group and required-update tables only. */
export function hostCanActivate(host: KmsHost, client: ProductId): HostAnswer {
  const hostName = productLabel(host.product);
  const clientName = productLabel(client);
  if (host.azureEdition) return { answer: 'no', csvlkGroup: null, reason: 'Windows Server Datacenter: Azure Edition is activated by Azure and cannot be a KMS host.' };

  const blocked = REQUIRED_UPDATES.find((r) => !r.supported && r.hosts.includes(host.product) && updateRowCovers(r, client));
  if (blocked) return { answer: 'no', csvlkGroup: host.csvlkGroup ?? null, reason: blocked.note };

  const hostable = CSVLK_GROUPS.filter((g) => g.hostableOn.includes(host.product));
  let group: CsvlkGroup | undefined;
  if (host.csvlkGroup) {
    group = csvlkGroup(host.csvlkGroup);
    if (!group.hostableOn.includes(host.product)) {
      return { answer: 'no', csvlkGroup: group.id, reason: `The ${group.name} host key cannot be installed on ${hostName}; it can be hosted on ${group.hostableOn.map(productLabel).join(', ')}.` };
    }
  } else {
    // Each host key the host could carry that activates the client, newest first: one that
    // works as the host stands wins; otherwise the newest, with the update that key needs (any
    // other key's update also does the job, so all of them are listed in anyOf).
    const candidates = hostable.filter((g) => groupActivates(g, client)).map((g) => hostCanActivate({ ...host, csvlkGroup: g.id }, client));
    const works = candidates.find((a) => a.answer === 'yes');
    if (works) return works;
    const newest = candidates[0];
    if (newest?.answer === 'yes-after-update') {
      const anyOf = [...new Set(candidates.flatMap((a) => (a.answer === 'yes-after-update' ? a.anyOf : [])))];
      return { ...newest, anyOf };
    }
    if (newest) return newest;
    group = hostable[0];
  }

  const rowsFor = (target: ProductId) => REQUIRED_UPDATES.filter((r) => r.supported && r.kb !== null && r.hosts.includes(host.product) && updateRowCovers(r, target));
  const forClient = rowsFor(client);
  if (!group) {
    const updates = forClient;
    // Hosts no current group covers (Vista, Server 2008): only the update table speaks for them.
    if (updates.length > 0) return afterUpdate(updates, host, null, `Microsoft's update table lets a ${hostName} KMS host activate ${clientName} once it has the required update (and a host key that covers ${clientName}).`);
    return { answer: 'no', csvlkGroup: null, reason: `Microsoft's tables list no host key (CSVLK) that a ${hostName} KMS host can carry.` };
  }

  if (!groupActivates(group, client)) {
    const better = hostable.find((g) => groupActivates(g, client));
    const hint = better ? ` A ${better.name} host key, which ${hostName} can carry, does.` : ` No host key that ${hostName} can carry activates it: ${clientName} needs a KMS host on a newer Windows.`;
    return { answer: 'no', csvlkGroup: group.id, reason: `The ${group.name} host key does not activate ${clientName}.${hint}` };
  }
  // The update that lets this host carry the group's key, else the one listed for this client.
  const forGroup = rowsFor(GROUP_NAMED_FOR[group.id]);
  const updates = forGroup.length > 0 ? forGroup : forClient;
  if (updates.length === 0) return { answer: 'yes', csvlkGroup: group.id, reason: `The ${group.name} host key on ${hostName} activates ${clientName}.` };
  return afterUpdate(updates, host, group.id, `The ${group.name} host key activates ${clientName} once a ${hostName} KMS host has the required update.`);
}

function afterUpdate(rows: RequiredUpdate[], host: KmsHost, group: CsvlkGroupId | null, reason: string): HostAnswer {
  const installed = new Set((host.installedKbs ?? []).map(normaliseKb));
  const kbs = [...new Set(rows.map((r) => r.kb).filter((kb): kb is string => kb !== null))];
  const present = kbs.find((kb) => installed.has(kb));
  if (present) return { answer: 'yes', csvlkGroup: group, reason: `${reason} ${present} is installed.` };
  // The earliest listed update is the minimum; the later rollups listed beside it also satisfy it.
  const first = [...rows].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'))[0];
  const minimum = first?.kb ?? kbs[0] ?? '';
  return { answer: 'yes-after-update', kb: minimum, anyOf: kbs, csvlkGroup: group, reason: `${reason} Install ${minimum} (${first?.note ?? 'see Microsoft\'s KMS planning page'}).` };
}

export function normaliseKb(kb: string): string {
  const digits = /^\s*(?:kb)?\s*(\d{5,8})\s*$/i.exec(kb);
  return digits ? `KB${digits[1]}` : kb.trim().toUpperCase();
}

export interface HostOption {
  group: CsvlkGroup;
  host: ProductId;
  /** The update the host needs first (null: none). */
  kb: string | null;
}

/**
 * Every current host key and host version that can activate `client`, with the update each
 * host needs, from the tables: the concrete answer when the KMS host's own version is unknown.
 */
export function hostOptionsFor(client: ProductId): HostOption[] {
  const options: HostOption[] = [];
  for (const group of CSVLK_GROUPS) {
    if (!group.current || !groupActivates(group, client)) continue;
    for (const host of group.hostableOn) {
      const answer = hostCanActivate({ product: host, csvlkGroup: group.id }, client);
      if (answer.answer === 'yes') options.push({ group, host, kb: null });
      else if (answer.answer === 'yes-after-update') options.push({ group, host, kb: answer.kb });
    }
  }
  return options;
}

/** "Windows Server 2022 (with KB…), Windows Server 2019" for one group's hosts. */
export function describeHostOptions(options: readonly HostOption[]): string[] {
  const byGroup = new Map<CsvlkGroupId, HostOption[]>();
  for (const o of options) byGroup.set(o.group.id, [...(byGroup.get(o.group.id) ?? []), o]);
  return [...byGroup.values()].map((list) => {
    const group = list[0]!.group;
    const hosts = list.map((o) => `${productLabel(o.host)}${o.kb ? ` (after ${o.kb} or a later cumulative update)` : ''}`).join(', ');
    const azure = group.azureEditionExcluded.length > 0 ? ' (not Datacenter: Azure Edition)' : '';
    return `the "${group.name}" host key (CSVLK) on ${hosts}${azure}`;
  });
}
