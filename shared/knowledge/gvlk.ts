/**
 * KMS client setup keys (GVLKs): the table, a text filter for people, and `clientKeyFor`, which
 * picks the key from facts Windows reports in the same words in every language (build, EditionID,
 * installation type) and refuses to guess. Win32_OperatingSystem.Caption is localized: never used.
 */
import { buildInRange, GVLK_RECORDS, type GvlkRecord } from './gvlk-table';
import type { ProductFamily } from './products';

export { buildInRange, GVLK_FACTS, GVLK_RECORDS, type BuildRange, type GvlkRecord } from './gvlk-table';

/** Rows whose product, edition, version or published label contains `text` (case-insensitive). */
export function filterGvlks(text: string | undefined, records: readonly GvlkRecord[] = GVLK_RECORDS): GvlkRecord[] {
  const needle = normalise(text ?? '');
  if (needle === '') return [...records];
  return records.filter((r) =>
    [r.product, r.edition, r.version, `${r.product} ${r.edition}`, `${r.product} ${r.version}`, r.publishedAs].some((hay) => normalise(hay).includes(needle)),
  );
}

export interface OsFacts {
  /** Win32_OperatingSystem.Caption: localized ("Microsoft Windows 11 Professionnel"), so never used to choose. */
  caption?: string | null;
  /** The build number (Win32_OperatingSystem.BuildNumber). */
  build: number;
  /** EditionID, e.g. ServerDatacenter, ServerDatacenterCore, Professional, EnterpriseS. */
  editionId: string;
  /** InstallationType from the registry: Client, Server or Server Core. */
  installationType?: string | null;
}

export type NoKeyCause = 'invalid-input' | 'home-edition' | 'evaluation' | 'multi-session' | 'unknown-build' | 'no-gvlk' | 'ambiguous';

export interface EditionConversion {
  targetEditionId: string;
  command: string;
}

export type ClientKeyAnswer =
  | { kind: 'key'; record: GvlkRecord }
  | { kind: 'none'; cause: NoKeyCause; reason: string; conversion?: EditionConversion };

const HOME_EDITIONS = new Set(['core', 'coren', 'coresinglelanguage', 'corecountryspecific']);

export function clientKeyFor(os: OsFacts): ClientKeyAnswer {
  const editionId = typeof os.editionId === 'string' ? os.editionId.trim() : '';
  if (!Number.isInteger(os.build) || os.build <= 0) return none('invalid-input', `the build must be a positive whole number (got ${String(os.build)})`);
  if (!/^[A-Za-z0-9]{1,64}$/.test(editionId)) return none('invalid-input', 'the EditionID must be letters and digits only, e.g. ServerDatacenter or Professional');
  const lower = editionId.toLowerCase();

  if (HOME_EDITIONS.has(lower)) {
    return none(
      'home-edition',
      `${editionId} is a Windows Home edition. Home editions are not volume-licensed: there is no KMS client setup key (GVLK) for them, and KMS, Active Directory-based activation and Azure KMS cannot activate them. Activate with the retail or OEM key (or digital licence) of the device, or upgrade to Pro, Enterprise or Education and use a MAK or KMS.`,
    );
  }
  if (lower === 'serverrdsh') {
    return none(
      'multi-session',
      "ServerRdsh is Windows Enterprise multi-session. Microsoft's KMS client key page has no key for it. In Azure Virtual Desktop, multi-session VMs are already set up for Azure KMS, so skip the set-GVLK step; changing a multi-session VM's key to another edition cannot be undone (the VM must be redeployed).",
    );
  }

  const evaluation = /^(.+?)eval(?:cor|core)?$/i.exec(editionId);
  if (evaluation) return evaluationAnswer(editionId, evaluation[1] ?? '', os);

  const family: ProductFamily = lower.startsWith('server') ? 'windows-server' : 'windows-client';
  const onBuild = GVLK_RECORDS.filter((r) => r.family === family && buildInRange(os.build, r.builds));
  if (onBuild.length === 0) {
    return none('unknown-build', `build ${os.build} is not a ${family === 'windows-server' ? 'Windows Server' : 'Windows client'} build in Microsoft's KMS client key table`);
  }
  const matches = onBuild.filter((r) => r.editionIds.some((id) => sameEdition(id, lower)));
  if (matches.length === 0) {
    const products = unique(onBuild.map((r) => r.product)).join(' / ');
    const editions = unique(onBuild.filter((r) => r.editionIds.length > 0).map((r) => `${r.edition} (${r.editionIds[0]})`)).join(', ');
    return none('no-gvlk', `Microsoft publishes no KMS client setup key for EditionID ${editionId} on ${products}. Keys exist for: ${editions}.`);
  }
  const chosen = choose(matches);
  if (!chosen) {
    return none('ambiguous', `build ${os.build} with EditionID ${editionId} matches several products (${unique(matches.map((r) => r.product)).join(', ')})`);
  }
  return { kind: 'key', record: chosen };
}

/**
 * Server Core installs report the edition with a Core or Cor suffix (ServerDatacenterCore in
 * Microsoft's KMS table, ServerDatacenterCor from DISM /Get-CurrentEdition) and use the full
 * edition's key.
 */
function sameEdition(listed: string, lowerEditionId: string): boolean {
  const id = listed.toLowerCase();
  if (id === lowerEditionId) return true;
  const base = lowerEditionId.replace(/core?$/, '');
  return base !== lowerEditionId && (id === base || id === `${base}core`);
}

/**
 * Microsoft's evaluation-to-retail conversion (WSD-CONV): a Standard evaluation converts to
 * Standard or Datacenter, a Datacenter evaluation only to Datacenter, and a Server Core
 * Standard evaluation only to Datacenter Core ("If you install the Standard Core evaluation
 * version, you can convert it only to retail Datacenter Core"). Desktop Experience never
 * converts to Core. The first target keeps the edition when that is allowed.
 */
export const EVALUATION_TARGETS: Readonly<Record<string, readonly string[]>> = {
  serverstandardeval: ['ServerStandard', 'ServerDatacenter'],
  serverdatacentereval: ['ServerDatacenter'],
  serverstandardevalcor: ['ServerDatacenterCor'],
  serverstandardevalcore: ['ServerDatacenterCor'],
  serverdatacenterevalcor: ['ServerDatacenterCor'],
  serverdatacenterevalcore: ['ServerDatacenterCor'],
};

/** The retail editions an evaluation EditionID converts to, per Microsoft's table. */
export function evaluationTargets(editionId: string): readonly string[] {
  const known = EVALUATION_TARGETS[editionId.trim().toLowerCase()];
  if (known) return known;
  const base = /^(.+?)eval(cor|core)?$/i.exec(editionId.trim());
  return base ? [`${base[1]}${base[2] ? 'Cor' : ''}`] : [];
}

/**
 * One key among the matching rows. Rows with the same key need no choice. Semi-Annual Channel
 * installs say so in their EditionID (ServerDatacenterACor); otherwise LTSC wins over the SAC: SAC
 * releases were Server Core only and are retired, so a build shared by both (17763 = Windows
 * Server 2019 and version 1809) is far more likely Windows Server 2019. The caption is not read.
 */
function choose(matches: GvlkRecord[]): GvlkRecord | undefined {
  if (unique(matches.map((r) => r.key)).length === 1) return matches[0];
  const ltsc = matches.filter((r) => r.productId !== 'server-sac');
  return unique(ltsc.map((r) => r.key)).length === 1 ? ltsc[0] : undefined;
}

function evaluationAnswer(editionId: string, base: string, os: OsFacts): ClientKeyAnswer {
  const isServer = base.toLowerCase().startsWith('server');
  if (!isServer) {
    return none(
      'evaluation',
      `${editionId} is an evaluation edition: a KMS client key cannot be installed on it (slmgr /ipk fails, typically with 0xC004F069). Microsoft documents in-place conversion (DISM /Set-Edition) for Windows Server only; install a licensed edition from volume-licensing media instead.`,
    );
  }
  const targets = evaluationTargets(editionId);
  const target = targets[0] ?? base;
  const answer = clientKeyFor({ ...os, editionId: target });
  const key = answer.kind === 'key' ? answer.record.key : '<product key>';
  const command = `DISM /online /Set-Edition:${target} /ProductKey:${key} /AcceptEula`;
  const only = targets.length === 1 && target.toLowerCase() !== base.toLowerCase() ? ` Microsoft's conversion table allows only ${target} as the target of ${editionId}.` : '';
  const others = targets.length > 1 ? ` It can also become ${targets.slice(1).join(' or ')}.` : '';
  return none(
    'evaluation',
    `${editionId} is an evaluation edition (slmgr /dlv shows EVAL). Convert it before activating: check the targets with DISM /online /Get-TargetEditions, then run ${command} (restart when asked).${only}${others}${answer.kind === 'key' ? ` The key shown is the KMS client key for ${answer.record.product} ${answer.record.edition}, for organisations with a KMS host; otherwise use your MAK or retail key for ${target}.` : ''}`,
    { targetEditionId: target, command },
  );
}

function none(cause: NoKeyCause, reason: string, conversion?: EditionConversion): ClientKeyAnswer {
  return conversion ? { kind: 'none', cause, reason, conversion } : { kind: 'none', cause, reason };
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}


function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
