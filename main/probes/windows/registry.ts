/**
 * The Windows probes: one entry per fact under `windows` in a snapshot. Everything that lists
 * Windows probes is derived from this: the collectors (index.ts), the collection
 * (../collect.ts), the collector script's embedded probes and document keys (main/collector/),
 * the CLI's snapshot text and progress lines, and the live checklist (shared/probes.ts, from the
 * snapshot schema the keys come from). The type makes a missing or misnamed entry a compile error.
 */
import { WINDOWS_FACT_KEYS, type WindowsFactKey } from '../../../shared/snapshot';
import { azureCertificatesProbe } from './azure-certificates';
import { elevationProbe } from './elevation';
import { esuProbe } from './esu';
import { eventsProbe } from './events';
import { firewallProbe } from './firewall';
import { licensingProbe } from './licensing';
import { networkConfigProbe } from './network-config';
import { officeProbe } from './office';
import { osProbe } from './os';
import type { WindowsProbe } from './probe';
import { servicesProbe } from './services';
import { subscriptionProbe } from './subscription';
import { adbaProbe } from './adba';

const BY_KEY: { [K in WindowsFactKey]: WindowsProbe<K> } = {
  os: osProbe,
  licensing: licensingProbe,
  networkConfig: networkConfigProbe,
  services: servicesProbe,
  events: eventsProbe,
  elevation: elevationProbe,
  firewall: firewallProbe,
  esu: esuProbe,
  azureCertificates: azureCertificatesProbe,
  office: officeProbe,
  subscription: subscriptionProbe,
  adba: adbaProbe,
};

/** Every Windows probe, in snapshot (checklist) order. */
export const WINDOWS_PROBES: readonly WindowsProbe[] = WINDOWS_FACT_KEYS.map((key) => BY_KEY[key]);

export const windowsProbe = <K extends WindowsFactKey>(key: K): WindowsProbe<K> => BY_KEY[key];
