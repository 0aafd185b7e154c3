/**
 * The decision aid of "Activate without a KMS host": from how many machines need volume
 * activation, whether a KMS host or Active Directory-based activation exists, and what internet
 * access this computer has, recommend how to activate, with the reason in plain words.
 * Thresholds come from the knowledge tables: one count of all machines, clients and servers
 * together; Windows clients activate once it reaches 25, servers once it reaches 5.
 */
import { kmsCountOutcome, KMS_THRESHOLDS } from '../knowledge/kms';
import { ADBA_FACTS } from '../knowledge/adba';

export type InternetAccess = 'direct' | 'proxy' | 'proxy-with-login' | 'none';

/**
 * Whether the machines are Active Directory domain members that can use Active Directory-based
 * activation: 'all' (every one runs Windows 8 / Server 2012 or later, as every supported Windows
 * does), 'some' (some are not members, or run older Windows), 'none' (no domain).
 */
export type DomainMembers = 'all' | 'some' | 'none';

export interface SiteFacts {
  clients: number;
  servers: number;
  /** The organisation already runs a KMS host or Active Directory-based activation. */
  volumeActivationExists: boolean;
  internet: InternetAccess;
  /** Absent in callers that do not ask: treated as 'none'. */
  domainMembers?: DomainMembers;
  /**
   * The forest's schema has the activation objects container (a check of a domain member says so);
   * false when a check found it missing (0xC004F083), null or absent when not known.
   */
  adbaSchemaReady?: boolean | null;
}

export type Method = 'use-existing' | 'set-up-kms-host' | 'adba' | 'mak-online' | 'phone';

export interface Recommendation {
  method: Method;
  title: string;
  reasons: string[];
  /** Other ways that would also work, in order of preference. */
  alternatives: Array<{ method: Method; why: string }>;
}

const GVLK_NOTE = 'A KMS client key (GVLK) alone never activates: it needs a KMS host, Active Directory-based activation or Azure KMS.';

export function recommendActivation(site: SiteFacts): Recommendation {
  const { clients, servers } = site;
  const online = site.internet === 'direct' || site.internet === 'proxy';
  const onlineMethod: Method = online ? 'mak-online' : 'phone';
  const onlineWhy =
    site.internet === 'proxy-with-login'
      ? 'This computer reaches the internet only through a proxy that asks for a login, and online activation cannot log in to a proxy: activate by phone.'
      : site.internet === 'none'
        ? 'This computer has no internet access: activate by phone with the installation ID.'
        : 'This computer can reach Microsoft, so a MAK or retail key activates online in a minute.';

  if (site.volumeActivationExists) {
    return {
      method: 'use-existing',
      title: 'Use your existing KMS host or Active Directory-based activation',
      reasons: ['Your organisation already has volume activation: install the KMS client key (GVLK) on this computer and point it at the KMS host (or join it to the domain for AD-based activation).'],
      alternatives: [{ method: onlineMethod, why: onlineWhy }],
    };
  }
  const count = kmsCountOutcome({ clients, servers });
  // A KMS host pays off when everything it is set up for activates: all machines when the one
  // count reaches 25, or a servers-only site from 5.
  const enoughForKms = count.clientsActivate || (clients === 0 && count.serversActivate);
  const adba = adbaOption(site);
  if (enoughForKms) {
    return {
      method: 'set-up-kms-host',
      title: 'Set up a KMS host',
      reasons: [`${count.summary} One KMS host activates them all and renews them every 7 days without counting keys.`, GVLK_NOTE],
      alternatives: [...(adba ? [{ method: 'adba' as const, why: `Or, since ${adba.who}, Active Directory-based activation: no KMS host and no count at all. ${adba.how}` }] : []), { method: onlineMethod, why: `Until the host is ready, or for machines that cannot reach it: ${onlineWhy}` }],
    };
  }
  // Below the KMS thresholds, a forest can still activate its members: ADBA has no count.
  if (adba && site.domainMembers === 'all') {
    return {
      method: 'adba',
      title: 'Use Active Directory-based activation',
      reasons: [
        `${count.summary} A KMS host would not activate them, but Active Directory-based activation has no minimum count: every domain member with the KMS client key (GVLK) activates from an activation object in the forest, renews every ${ADBA_FACTS.reactivationDays.value} days and stays activated for ${ADBA_FACTS.validityDays.value} days after its last contact with the domain.`,
        adba.how,
        'A computer that leaves the domain loses this activation at its next restart.',
      ],
      alternatives: [{ method: onlineMethod, why: `Without a KMS host key (CSVLK), or for computers outside the domain: ${onlineWhy}` }],
    };
  }
  const adbaAlternative = adba ? [{ method: 'adba' as const, why: `For the domain members only: Active Directory-based activation has no minimum count, since ${adba.who}. ${adba.how}` }] : [];
  if (count.serversActivate && servers > 0) {
    return {
      method: onlineMethod,
      title: online ? 'Activate online with a MAK or retail key' : 'Activate by phone',
      reasons: [
        `${count.summary} A KMS host would activate only your servers, so the clients need MAK or retail keys anyway.`,
        onlineWhy,
        GVLK_NOTE,
      ],
      alternatives: [
        ...adbaAlternative,
        { method: 'set-up-kms-host', why: `For the ${servers} servers only: a KMS host activates them (count ${count.total}, at least ${KMS_THRESHOLDS.servers}), while the clients keep MAK or retail keys.` },
      ],
    };
  }
  return {
    method: onlineMethod,
    title: online ? 'Activate online with a MAK or retail key' : 'Activate by phone',
    reasons: [
      `${count.summary} A KMS host would not pay off here.`,
      onlineWhy,
      GVLK_NOTE,
    ],
    alternatives: [...adbaAlternative, ...(online ? [{ method: 'phone' as const, why: 'If online activation fails (0x80072EE2: no connection), activate by phone.' }] : [])],
  };
}

/** Whether the forest can host Active Directory-based activation, and what setting it up takes. */
function adbaOption(site: SiteFacts): { who: string; how: string } | null {
  const members = site.domainMembers ?? 'none';
  if (members === 'none' || site.adbaSchemaReady === false) return null;
  const schema =
    site.adbaSchemaReady === true
      ? 'The forest schema is ready.'
      : "The forest schema must be at the Windows Server 2012 R2 level or higher (adprep); a check of a domain member shows whether it is (0xC004F083 means it is not).";
  return {
    who: members === 'all' ? 'every machine is a domain member running Windows 8 / Server 2012 or later' : 'some machines are domain members running Windows 8 / Server 2012 or later',
    how: `It needs your organisation's KMS host key (CSVLK), added once as an activation object by an Enterprise Admin with Volume Activation Tools on a domain controller. ${schema}`,
  };
}
