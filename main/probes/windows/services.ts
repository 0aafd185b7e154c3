/**
 * The Software Protection and Windows Time services, and Windows Time's configuration
 * (services.ps1). Win32_Service reports State and StartMode as fixed English words, not localized.
 */
import { z } from 'zod';
import { ServicesFactsSchema, type ServiceState, type ServicesFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeServices } from '../outcomes';
import { psBoolean, psNumber, psText, text, uint32 } from './normalise';

const RawServiceSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  state: psText,
  startMode: psText,
  /** Win32_Service.DelayedAutoStart (newer Windows); the registry value covers older ones. */
  delayedAutoStart: psBoolean,
  registryDelayedAutostart: psNumber,
});

export const RawServicesSchema = z.object({
  sppsvc: RawServiceSchema,
  w32time: RawServiceSchema,
  w32timeType: psText,
  w32timeNtpServer: psText,
  ntpClientEnabled: psNumber,
  policyType: psText,
  policyNtpServer: psText,
  policyNtpClientEnabled: psNumber,
});
export type RawServices = z.output<typeof RawServicesSchema>;

const STATUS: Record<string, ServiceState['status']> = {
  running: 'running',
  stopped: 'stopped',
  'start pending': 'start-pending',
  'stop pending': 'stop-pending',
  'continue pending': 'continue-pending',
  'pause pending': 'pause-pending',
  paused: 'paused',
};

const START_TYPE: Record<string, ServiceState['startType']> = {
  boot: 'boot',
  system: 'system',
  auto: 'automatic',
  automatic: 'automatic',
  manual: 'manual',
  disabled: 'disabled',
};

const key = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

function parseService(raw: z.output<typeof RawServiceSchema>): ServiceState {
  if (!raw.exists) return { name: raw.name, exists: false, status: 'unknown', startType: 'unknown' };
  const startType = START_TYPE[key(raw.startMode)] ?? 'unknown';
  const delayed = raw.delayedAutoStart === true || raw.delayedAutoStart === 1 || uint32(raw.registryDelayedAutostart) === 1;
  return {
    name: raw.name,
    exists: true,
    status: STATUS[key(raw.state)] ?? 'unknown',
    startType: startType === 'automatic' && delayed ? 'automatic-delayed' : startType,
  };
}

function enabledFlag(value: number | string | null | undefined): boolean | null {
  const n = uint32(value);
  return n === null ? null : n !== 0;
}

export function parseServices(raw: RawServices): ServicesFacts {
  return {
    sppsvc: parseService(raw.sppsvc),
    w32time: parseService(raw.w32time),
    // A Group Policy value, when present, is the one Windows Time uses.
    w32timeType: text(raw.policyType, 40) ?? text(raw.w32timeType, 40),
    w32timeNtpServer: text(raw.policyNtpServer, 1000) ?? text(raw.w32timeNtpServer, 1000),
    ntpClientEnabled: enabledFlag(raw.policyNtpClientEnabled) ?? enabledFlag(raw.ntpClientEnabled),
  };
}

export const servicesCollector = defineCollector({
  script: 'services',
  subject: 'the Software Protection and Windows Time services',
  raw: RawServicesSchema,
  parse: parseServices,
  value: ServicesFactsSchema,
});

/** The registry's entry (registry.ts). */
export const servicesProbe = defineWindowsProbe({ ...servicesCollector, key: 'services', describe: describeServices });
