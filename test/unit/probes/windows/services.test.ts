import { describe, expect, it } from 'vitest';
import { servicesCollector } from '../../../../main/probes/windows/services';
import { parseEdited, parseFixture } from './parse';

describe('parseServices', () => {
  it('reads a workgroup client: sppsvc delayed-automatic and idle, W32Time manual, NTP to time.windows.com', () => {
    expect(parseFixture(servicesCollector, 'de-win10-pro-oem')).toEqual({
      sppsvc: { name: 'sppsvc', exists: true, status: 'stopped', startType: 'automatic-delayed' },
      w32time: { name: 'W32Time', exists: true, status: 'stopped', startType: 'manual' },
      w32timeType: 'NTP',
      w32timeNtpServer: 'time.windows.com,0x9',
      ntpClientEnabled: true,
    });
  });

  it('reads a domain member syncing from the domain hierarchy (NT5DS)', () => {
    const services = parseFixture(servicesCollector, 'ws2019-kms-client');
    expect(services.w32time).toMatchObject({ status: 'running', startType: 'automatic' });
    expect(services.w32timeType).toBe('NT5DS');
  });

  it('prefers Group Policy values and reads a disabled NtpClient', () => {
    const services = parseEdited(servicesCollector, 'ws2019-kms-client', (json) => {
      json.policyType = 'NTP';
      json.policyNtpServer = 'ntp.contoso.com,0x8';
      json.ntpClientEnabled = 1;
      json.policyNtpClientEnabled = 0;
    });
    expect(services).toMatchObject({ w32timeType: 'NTP', w32timeNtpServer: 'ntp.contoso.com,0x8', ntpClientEnabled: false });
  });

  it('uses the registry DelayedAutostart value when Win32_Service has none, and reports missing services', () => {
    const services = parseEdited(servicesCollector, 'de-win10-pro-oem', (json) => {
      json.sppsvc = { name: 'sppsvc', exists: true, state: 'Start Pending', startMode: 'Auto', delayedAutoStart: null, registryDelayedAutostart: 1 };
      json.w32time = { name: 'W32Time', exists: false, state: null, startMode: null, delayedAutoStart: null, registryDelayedAutostart: null };
      json.ntpClientEnabled = null;
    });
    expect(services.sppsvc).toEqual({ name: 'sppsvc', exists: true, status: 'start-pending', startType: 'automatic-delayed' });
    expect(services.w32time).toEqual({ name: 'W32Time', exists: false, status: 'unknown', startType: 'unknown' });
    expect(services.ntpClientEnabled).toBeNull();
  });
});
