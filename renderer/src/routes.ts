/** The wizard's screens. Entry points on the start page lead to the ones in EntryPoint. */
export type Route = 'start' | 'check' | 'error-code' | 'no-kms' | 'kms-setup' | 'open-snapshot' | 'fleet' | 'diagnosis';

export interface EntryPoint {
  route: 'check' | 'error-code' | 'no-kms' | 'kms-setup' | 'open-snapshot' | 'fleet';
  title: string;
  description: string;
  /** Who typically takes this path; shown as a short hint under the description. */
  audience: string;
}

export const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    route: 'check',
    title: 'Check this computer',
    description:
      'Reads the licence state, the KMS host it uses, DNS, port 1688 and the clock offset, then explains why activation fails and offers the fix.',
    audience: 'Start here when Windows says it is not activated.',
  },
  {
    route: 'error-code',
    title: 'I have an error code',
    description: 'Paste a code such as 0xC004F074 or a whole slmgr message to see what it means and check its causes.',
    audience: 'For a code from slmgr, Settings or an event log.',
  },
  {
    route: 'no-kms',
    title: 'Activate without a KMS host',
    description: 'Choose between a MAK or retail key online and phone activation, then do it step by step.',
    audience: 'For small sites: below 25 machines in one KMS count (clients and servers together), or below 5 servers with no clients.',
  },
  {
    route: 'kms-setup',
    title: 'Set up a KMS host',
    description: 'Check the host can serve your clients, install and activate the host key, open the firewall and publish to DNS.',
    audience: 'For a first volume-activation setup.',
  },
  {
    route: 'open-snapshot',
    title: 'Open a snapshot from another computer',
    description: 'Load a snapshot written by the collector script on another machine and read its diagnosis here.',
    audience: 'For machines the app cannot run on, such as Server 2012 R2.',
  },
  {
    route: 'fleet',
    title: 'Check many computers',
    description: 'Open a folder of snapshots, one per computer: see the computers grouped by cause, what only shows across machines, and any one computer’s diagnosis.',
    audience: 'For admins and MSPs with many machines (gather the folder with activation-doctor fleet collect).',
  },
];
