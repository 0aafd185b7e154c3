/**
 * The decision aid of "Activate without a KMS host": from how many machines need volume
 * activation, whether a KMS host or Active Directory-based activation exists, and what internet
 * access this computer has, recommend how to activate, with the reason in plain words.
 * Thresholds come from the knowledge tables: one count of all machines, clients and servers
 * together; Windows clients activate once it reaches 25, servers once it reaches 5.
 */
import { kmsCountOutcome, KMS_THRESHOLDS } from '../knowledge/kms';

export type InternetAccess = 'direct' | 'proxy' | 'proxy-with-login' | 'none';

export interface SiteFacts {
  clients: number;
  servers: number;
  /** The organisation already runs a KMS host or Active Directory-based activation. */
  volumeActivationExists: boolean;
  internet: InternetAccess;
}

export type Method = 'use-existing' | 'set-up-kms-host' | 'mak-online' | 'phone';

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
  if (enoughForKms) {
    return {
      method: 'set-up-kms-host',
      title: 'Set up a KMS host',
      reasons: [`${count.summary} One KMS host activates them all and renews them every 7 days without counting keys.`, GVLK_NOTE],
      alternatives: [{ method: onlineMethod, why: `Until the host is ready, or for machines that cannot reach it: ${onlineWhy}` }],
    };
  }
  if (count.serversActivate && servers > 0) {
    return {
      method: onlineMethod,
      title: online ? 'Activate online with a MAK or retail key' : 'Activate by phone',
      reasons: [
        `${count.summary} A KMS host would activate only your servers, so the clients need MAK or retail keys anyway.`,
        onlineWhy,
        GVLK_NOTE,
      ],
      alternatives: [{ method: 'set-up-kms-host', why: `For the ${servers} servers only: a KMS host activates them (count ${count.total}, at least ${KMS_THRESHOLDS.servers}), while the clients keep MAK or retail keys.` }],
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
    alternatives: online ? [{ method: 'phone', why: 'If online activation fails (0x80072EE2: no connection), activate by phone.' }] : [],
  };
}
