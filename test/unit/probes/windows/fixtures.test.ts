import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AdbaFactsSchema, AzureCertificatesFactsSchema, ElevationSchema, EsuFactsSchema, EventFactsSchema, FirewallRuleSchema, LicensingFactsSchema, NetworkConfigSchema, OfficeFactsSchema, OsFactsSchema, ServicesFactsSchema, SubscriptionFactsSchema } from '../../../../shared/snapshot';
import { adbaCollector } from '../../../../main/probes/windows/adba';
import { subscriptionCollector } from '../../../../main/probes/windows/subscription';
import type { CollectorSpec } from '../../../../main/probes/windows/collector';
import { elevationCollector } from '../../../../main/probes/windows/elevation';
import { azureCertificatesCollector } from '../../../../main/probes/windows/azure-certificates';
import { esuCollector } from '../../../../main/probes/windows/esu';
import { eventsCollector } from '../../../../main/probes/windows/events';
import { firewallCollector } from '../../../../main/probes/windows/firewall';
import { licensingCollector } from '../../../../main/probes/windows/licensing';
import { networkConfigCollector } from '../../../../main/probes/windows/network-config';
import { officeCollector } from '../../../../main/probes/windows/office';
import { osCollector } from '../../../../main/probes/windows/os';
import { servicesCollector } from '../../../../main/probes/windows/services';
import { MACHINES, fixture, fixtureFiles, fixtureText } from './fixtures';

/** Raw schema, parse, the collector's own check, then the snapshot schema for that fact. */
const pipeline =
  <Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, snapshot: (value: T) => unknown) =>
  (json: unknown): unknown => {
    const value = spec.value.parse(spec.parse(spec.raw.parse(json)));
    return snapshot(value);
  };

const PIPELINES: Record<string, (json: unknown) => unknown> = {
  os: pipeline(osCollector, (v) => OsFactsSchema.parse(v)),
  licensing: pipeline(licensingCollector, (v) => LicensingFactsSchema.parse(v)),
  'network-config': pipeline(networkConfigCollector, (v) => NetworkConfigSchema.parse(v)),
  services: pipeline(servicesCollector, (v) => ServicesFactsSchema.parse(v)),
  events: pipeline(eventsCollector, (v) => EventFactsSchema.parse(v)),
  elevation: pipeline(elevationCollector, (v) => ElevationSchema.parse(v)),
  firewall: pipeline(firewallCollector, (v) => FirewallRuleSchema.parse(v.rule)),
  esu: pipeline(esuCollector, (v) => EsuFactsSchema.parse(v)),
  'azure-certificates': pipeline(azureCertificatesCollector, (v) => AzureCertificatesFactsSchema.parse(v)),
  office: pipeline(officeCollector, (v) => OfficeFactsSchema.parse(v)),
  subscription: pipeline(subscriptionCollector, (v) => SubscriptionFactsSchema.parse(v)),
  adba: pipeline(adbaCollector, (v) => (v.adba ? AdbaFactsSchema.parse(v.adba) : v)),
};

describe('Windows fixtures', () => {
  it('cover the machines the parsers must handle', () => {
    expect(MACHINES).toEqual(['azure-avma-ws2019', 'de-win10-ent-office', 'de-win10-pro-oem', 'win10-22h2-esu', 'win11-ent-adba', 'win11-ent-subscription', 'win11-pro-retail-unlicensed', 'ws2012r2-kms-host', 'ws2019-kms-client', 'ws2022-azure-edition', 'ws2022-datacenter-eval']);
  });

  it.each(fixtureFiles())('$machine/$script.json is shaped like Windows PowerShell 5.1 ConvertTo-Json output', ({ machine, script }) => {
    const text = fixtureText(machine, script);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toMatch(/^\{\r\n {4}"/);
    // Two spaces after every key's colon; never one.
    expect(text).toContain('":  ');
    expect(text).not.toMatch(/": [^ ]/);
  });

  it.each(fixtureFiles())('$machine/$script.json passes the raw schema and parses into a valid snapshot value', ({ machine, script }) => {
    const run = PIPELINES[script];
    if (!run) throw new Error(`no collector for ${script}.json`);
    expect(run(fixture(machine, script))).toBeTruthy();
  });
});
