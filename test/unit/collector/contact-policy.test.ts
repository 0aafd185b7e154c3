/**
 * Legitimate licensing only, on both sides: one table of hosts (test/fixtures/contact-policy/
 * hosts.json) decides what the app may contact (normaliseHost, organisationDomains and
 * contactDecision, the functions probes/collect.ts uses) and what the generated collector script
 * may contact, run by PowerShell 7 (its own ConvertTo-CandidateHost, Get-OrganisationDomain and
 * Get-ContactDecision, through test/fixtures/contact-policy/decide.ps1). Either side diverging
 * from the table, or from the other, fails. pwsh missing fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCollectorScript } from '../../../main/collector/script';
import { normaliseHost } from '../../../main/probes/network/candidates';
import { organisationDomains } from '../../../shared/org-domains';
import { networkConfigCollector } from '../../../main/probes/windows/network-config';
import { NOT_CONTACTED_REASONS, contactDecision } from '../../../shared/kms-target';
import { KmsHostSourceSchema } from '../../../shared/snapshot';
import { requirePwsh } from '../../support/peers/ssh-fleet';

const FIXTURES = resolve(__dirname, '../../fixtures/contact-policy');
const TABLE_PATH = join(FIXTURES, 'hosts.json');

const Expectation = z.enum(['contact', 'outside', 'unclear']);
const TableSchema = z.object({
  networks: z.record(z.string(), z.object({ about: z.string(), option: z.string().nullable(), networkConfig: z.unknown() })),
  rows: z.array(z.object({ network: z.string(), host: z.string(), source: KmsHostSourceSchema, expect: Expectation, why: z.string() })),
});
const table = TableSchema.parse(JSON.parse(readFileSync(TABLE_PATH, 'utf8')));

interface Decided {
  host: string;
  expect: z.infer<typeof Expectation>;
  reasonText: string | null;
  orgDomains: string[];
}

/** The app's decision for a row, by the functions the network probes use. */
function appDecides(row: (typeof table.rows)[number]): Decided {
  const network = table.networks[row.network];
  if (!network) throw new Error(`row ${row.host}: no network ${row.network}`);
  const networkConfig = networkConfigCollector.parse(networkConfigCollector.raw.parse(network.networkConfig));
  const orgDomains = organisationDomains({ option: network.option, networkConfig }).map((d) => d.domain);
  const host = normaliseHost(row.host);
  const decision = contactDecision(host, [row.source], orgDomains);
  return decision.contact ? { host, expect: 'contact', reasonText: null, orgDomains } : { host, expect: decision.reason, reasonText: NOT_CONTACTED_REASONS[decision.reason], orgDomains };
}

const label = (row: (typeof table.rows)[number]) => `${JSON.stringify(row.host)} (${row.source}, ${row.network}): ${row.why}`;

describe('the contact-policy table', () => {
  it('has the hostile rows it promises, on every side of the rule', () => {
    expect(table.rows.length).toBeGreaterThanOrEqual(30);
    for (const outcome of Expectation.options) expect(table.rows.some((r) => r.expect === outcome), outcome).toBe(true);
    for (const network of Object.keys(table.networks)) expect(table.rows.some((r) => r.network === network), network).toBe(true);
  });
});

describe('the app (contactDecision)', () => {
  it.each(table.rows.map((row) => [label(row), row] as const))('%s', (_label, row) => {
    expect(appDecides(row).expect).toBe(row.expect);
  });
});

describe('the collector script in PowerShell 7 (Get-ContactDecision)', () => {
  const PsResult = z.array(z.object({ host: z.string(), contact: z.boolean(), reason: z.string().nullable(), reasonText: z.string().nullable(), orgDomains: z.array(z.string()) }));
  let results: z.infer<typeof PsResult> = [];

  beforeAll(() => {
    const pwsh = requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'ad-contact-policy-'));
    const scriptPath = join(dir, 'activation-doctor-collector.ps1');
    writeFileSync(scriptPath, buildCollectorScript({ version: '0.1.0' }));
    const stdout = execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(FIXTURES, 'decide.ps1'), '-ScriptPath', scriptPath, '-TablePath', TABLE_PATH], {
      encoding: 'utf8',
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    results = PsResult.parse(JSON.parse(stdout));
    expect(results).toHaveLength(table.rows.length);
  }, 90_000);

  it.each(table.rows.map((row, index) => [label(row), row, index] as const))('%s', (_label, row, index) => {
    const ps = results[index];
    const app = appDecides(row);
    const decided: Decided = { host: ps?.host ?? '', expect: ps?.contact ? 'contact' : (Expectation.parse(ps?.reason) as Decided['expect']), reasonText: ps?.reasonText ?? null, orgDomains: ps?.orgDomains ?? [] };
    expect(decided.expect).toBe(row.expect);
    // The same host text, the same organisation, the same words as the app.
    expect(decided).toEqual(app);
  });
});
