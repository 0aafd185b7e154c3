/**
 * Azure KMS endpoints per cloud. Azure VMs activate against these hosts on TCP 1688, and the
 * request must leave from an Azure public IP address (forced tunnelling breaks it).
 */
import type { SourceTag } from './sources';
import { KMS_PORT } from './kms';

export type AzureCloud = 'public' | 'china' | 'usgov' | 'germany';

export interface AzureKmsHost {
  name: string;
  ips: string[];
  /** The name to configure today (slmgr /skms <name>:1688); legacy names may still answer. */
  current: boolean;
  note?: string;
}

export interface AzureKmsCloud {
  cloud: AzureCloud;
  name: string;
  /** IMDS compute.azEnvironment value for this cloud (compared case-insensitively). */
  azEnvironment: string;
  /** The current KMS host name. */
  current: string;
  port: number;
  hosts: AzureKmsHost[];
  /** Every address of every host, for custom routes (current first). */
  addresses: string[];
  notes: string[];
  /** ISO date the cloud closed; a closed cloud is never chosen as a VM's endpoint. */
  closed?: string;
  sources: SourceTag[];
}

/** Azure KMS listens on the standard KMS port. */
export const AZURE_KMS_PORT = KMS_PORT;

const ENDPOINT_SOURCES: SourceTag[] = ['AZ-TS', 'AZ-ROUTE', 'AZ-NEWIP'];

const CLOUDS: readonly Omit<AzureKmsCloud, 'addresses'>[] = [
  {
    cloud: 'public',
    name: 'Azure public (Global)',
    azEnvironment: 'AzurePublicCloud',
    current: 'azkms.core.windows.net',
    port: AZURE_KMS_PORT,
    hosts: [
      { name: 'azkms.core.windows.net', ips: ['20.118.99.224', '40.83.235.53'], current: true },
      {
        name: 'kms.core.windows.net',
        ips: ['23.102.135.246'],
        current: false,
        note: 'Replaced by azkms.core.windows.net in July 2022; since 1 March 2023 it points to 20.118.99.224 (a 2024 article still lists 23.102.135.246, so allow all three addresses).',
      },
    ],
    notes: ['Since 1 March 2023 all Azure VMs rely on 20.118.99.224 and 40.83.235.53.'],
    sources: ENDPOINT_SOURCES,
  },
  {
    cloud: 'china',
    name: 'Azure China 21Vianet',
    azEnvironment: 'AzureChinaCloud',
    current: 'azkms.core.chinacloudapi.cn',
    port: AZURE_KMS_PORT,
    hosts: [
      { name: 'azkms.core.chinacloudapi.cn', ips: ['159.27.28.100', '163.228.64.161'], current: true },
      { name: 'kms.core.chinacloudapi.cn', ips: ['42.159.7.249'], current: false },
    ],
    notes: ['Microsoft says to add all three addresses to custom routes.'],
    sources: ['AZ-TS', 'AZ-ROUTE'],
  },
  {
    cloud: 'usgov',
    name: 'Azure US Government',
    azEnvironment: 'AzureUSGovernmentCloud',
    // Both names are current; the fix and the probe use the azkms.* name, as in the other clouds.
    current: 'azkms.core.usgovcloudapi.net',
    port: AZURE_KMS_PORT,
    // Microsoft's pages name both endpoints, in this order, without calling either legacy:
    // both are current, and custom routes need both addresses.
    hosts: [
      { name: 'kms.core.usgovcloudapi.net', ips: ['23.97.0.13'], current: true },
      { name: 'azkms.core.usgovcloudapi.net', ips: ['52.126.105.2'], current: true },
    ],
    notes: ['Microsoft names both kms.core.usgovcloudapi.net (23.97.0.13) and azkms.core.usgovcloudapi.net (52.126.105.2) and says to add both addresses to custom routes.'],
    sources: ['AZ-TS', 'AZ-ROUTE'],
  },
  {
    cloud: 'germany',
    name: 'Azure Germany',
    azEnvironment: 'AzureGermanCloud',
    current: 'kms.core.cloudapi.de',
    port: AZURE_KMS_PORT,
    hosts: [{ name: 'kms.core.cloudapi.de', ips: ['51.4.143.248'], current: false, note: 'Azure Germany (Microsoft Cloud Germany) closed on 29 October 2021.' }],
    notes: ['Azure Germany closed on 29 October 2021: no VM runs there any more. Kept so the old name is still recognised as Azure KMS; a VM that reports this cloud is treated as public Azure.'],
    closed: '2021-10-29',
    sources: ['AZ-TS', 'AZ-ROUTE', 'AZ-DE'],
  },
];

export const AZURE_KMS_CLOUDS: readonly AzureKmsCloud[] = CLOUDS.map((c) => ({ ...c, addresses: c.hosts.flatMap((h) => h.ips) }));

/** Facts about activation in Azure that the endpoints alone do not say. */
export const AZURE_ACTIVATION_FACTS: readonly { text: string; sources: SourceTag[] }[] = [
  { text: 'The activation request must come from an Azure public IP address; forced tunnelling to on-premises breaks it.', sources: ['AZ-F074', 'AZ-ROUTE'] },
  { text: 'Automatic Virtual Machine Activation (AVMA) is not supported in Azure (0xC004FD01 / 0xC004FD02).', sources: ['AZ-FD'] },
  { text: 'Marketplace images already carry the right GVLK; Azure Hybrid Benefit does not change activation.', sources: ['AZ-FAQ'] },
];

/** The KMS endpoint of the cloud named by IMDS compute.azEnvironment; undefined for a cloud not in the table. */
export function azureKmsFor(azEnvironment: string): AzureKmsCloud | undefined {
  const wanted = azEnvironment.trim().toLowerCase();
  return AZURE_KMS_CLOUDS.find((c) => c.azEnvironment.toLowerCase() === wanted && c.closed === undefined);
}

/** True for any Azure KMS host name or address in the table; accepts "name", "name." and "name:port". */
export function isAzureKmsHost(host: string): boolean {
  const target = stripPort(host.trim().toLowerCase()).replace(/\.$/, '');
  return AZURE_KMS_CLOUDS.some((c) => c.hosts.some((h) => h.name === target || h.ips.includes(target)));
}

function stripPort(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1] ?? host;
  const withPort = /^([^:]+):\d+$/.exec(host);
  return withPort ? (withPort[1] ?? host) : host;
}
