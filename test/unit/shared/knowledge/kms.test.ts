import { describe, expect, it } from 'vitest';
import { CSVLK_GROUPS, GROUP_NAMED_FOR, hostCanActivate, KMS, KMS_THRESHOLDS, normaliseKb, PRODUCT_IDS, REQUIRED_UPDATES, updateRowCovers, type ProductId } from '../../../../shared/knowledge';

describe('KMS constants', () => {
  it('carries the documented values with units', () => {
    expect(KMS.clientThreshold).toMatchObject({ value: 25, unit: 'machines' });
    expect(KMS.serverThreshold).toMatchObject({ value: 5, unit: 'machines' });
    expect(KMS.countWindow).toMatchObject({ value: 30, unit: 'days' });
    expect(KMS.countCache).toMatchObject({ value: 50, unit: 'contacts' });
    expect(KMS.activationValidity).toMatchObject({ value: 180, unit: 'days' });
    expect(KMS.renewalInterval).toMatchObject({ value: 10080, unit: 'minutes' });
    expect(KMS.renewalInterval.value / 60 / 24).toBe(7);
    expect(KMS.retryInterval).toMatchObject({ value: 120, unit: 'minutes' });
    expect(KMS.maxTimeSkew).toMatchObject({ value: 4, unit: 'hours' });
    expect(KMS.port).toMatchObject({ value: 1688, unit: 'tcp-port' });
    expect(KMS.hostsPerCsvlk).toMatchObject({ value: 6, unit: 'hosts' });
    expect(KMS.activationsPerHost).toMatchObject({ value: 10, unit: 'activations' });
    expect(KMS_THRESHOLDS).toEqual({ clients: 25, servers: 5 });
  });
});

describe('CSVLK group table', () => {
  it('lists the groups of Microsoft\'s planning page with their hosts', () => {
    const hosts = Object.fromEntries(CSVLK_GROUPS.map((g) => [g.id, g.hostableOn]));
    expect(hosts).toEqual({
      ws2025: ['server-2025', 'server-2022', 'server-2019'],
      ws2022: ['server-2022', 'server-2019', 'server-2016'],
      ws2019: ['server-2019', 'server-2016', 'server-2012r2'],
      ws2016: ['server-2016', 'server-2012r2', 'server-2012'],
      win10: ['win10', 'win81', 'win7'],
      'ws2012r2-for-win10': ['server-2012r2', 'server-2012', 'server-2008r2'],
    });
    expect(CSVLK_GROUPS.find((g) => g.id === 'ws2025')?.azureEditionExcluded).toEqual(['server-2025', 'server-2022']);
    expect(CSVLK_GROUPS.find((g) => g.id === 'ws2012r2-for-win10')?.current).toBe(false);
  });

  it('lists what each group activates', () => {
    const activates = (id: string) => CSVLK_GROUPS.find((g) => g.id === id)?.activates.map((a) => a.product) ?? [];
    expect(activates('ws2025')).toEqual(expect.arrayContaining(['server-2025', 'server-2008', 'win11-ltsc-2024', 'win11', 'win10-ltsc', 'win81', 'win7']));
    expect(activates('ws2022')).not.toContain('server-2025');
    expect(activates('ws2022')).not.toContain('win11-ltsc-2024');
    expect(activates('ws2019')).not.toContain('win11');
    expect(activates('ws2016')).not.toContain('server-2019');
    expect(activates('ws2016')).toContain('server-sac');
    expect(activates('win10')).not.toContain('server-2016');
    expect(activates('win10')).not.toContain('win10-ltsc');
  });
});

describe('hostCanActivate', () => {
  // Every pair of every group: a host carrying the group activates exactly the products listed.
  for (const group of CSVLK_GROUPS) {
    for (const host of group.hostableOn) {
      it(`${group.id} on ${host} answers every client as the table says`, () => {
        for (const client of PRODUCT_IDS) {
          const answer = hostCanActivate({ product: host, csvlkGroup: group.id }, client);
          const listed = group.activates.some((a) => a.product === client);
          const forbidden = REQUIRED_UPDATES.some((r) => !r.supported && r.hosts.includes(host) && updateRowCovers(r, client));
          // The update a host needs to carry the group's key (the one listed for the client the
          // group is named after), else the one listed for this client.
          const rows = (target: ProductId) => REQUIRED_UPDATES.filter((r) => r.supported && r.hosts.includes(host) && updateRowCovers(r, target));
          const updates = rows(GROUP_NAMED_FOR[group.id]).length > 0 ? rows(GROUP_NAMED_FOR[group.id]) : rows(client);
          if (!listed || forbidden) expect(answer.answer, client).toBe('no');
          else if (updates.length > 0) expect(answer, client).toMatchObject({ answer: 'yes-after-update', anyOf: expect.arrayContaining(updates.map((u) => u.kb)) });
          else expect(answer.answer, client).toBe('yes');
        }
      });
    }
  }

  // Every row of the required-update table.
  for (const row of REQUIRED_UPDATES) {
    for (const host of row.hosts) {
      for (const client of row.clients) {
        if (row.supported && row.kb) {
          it(`${host} -> ${client} needs ${row.kb}, and is fine once it is installed`, () => {
            const before = hostCanActivate({ product: host }, client);
            expect(before.answer).toBe('yes-after-update');
            if (before.answer === 'yes-after-update') expect(before.anyOf).toContain(row.kb);
            expect(hostCanActivate({ product: host, installedKbs: [row.kb ?? ''] }, client).answer).toBe('yes');
          });
        } else {
          it(`${host} -> ${client} is not supported`, () => {
            expect(hostCanActivate({ product: host }, client)).toMatchObject({ answer: 'no', reason: row.note });
          });
        }
      }
    }
  }

  it.each<[ProductId, ProductId, string, string?]>([
    ['server-2025', 'server-2025', 'yes'],
    ['server-2022', 'server-2025', 'yes-after-update', 'KB5034765'],
    ['server-2019', 'server-2025', 'yes-after-update', 'KB5034768'],
    // The newest host key the host can carry, and the update that key needs on it.
    ['server-2019', 'server-2022', 'yes-after-update', 'KB5034768'],
    ['server-2016', 'server-2019', 'yes-after-update', 'KB5003638'],
    ['server-2016', 'server-2022', 'yes-after-update', 'KB5003638'],
    // Windows 11 needs the 2022 (or 2025) host key, which a 2016 host carries only after KB5003638.
    ['server-2016', 'win11', 'yes-after-update', 'KB5003638'],
    ['server-2019', 'win11', 'yes-after-update', 'KB5034768'],
    ['server-2016', 'server-2025', 'no'],
    ['server-2012r2', 'server-2019', 'yes-after-update', 'KB4467695'],
    ['server-2012r2', 'win10', 'yes-after-update', 'KB4467695'],
    ['server-2012r2', 'server-2022', 'no'],
    ['server-2012', 'server-2019', 'no'],
    ['server-2012', 'server-2016', 'yes-after-update', 'KB3172615'],
    ['server-2008r2', 'win10', 'yes-after-update', 'KB3079821'],
    ['server-2008r2', 'server-2016', 'no'],
    ['server-2008r2', 'win11', 'no'],
    ['server-2008', 'win7', 'yes-after-update', 'KB968912'],
    ['server-2008', 'win10', 'no'],
    ['vista', 'server-2008r2', 'yes-after-update', 'KB968912'],
    ['win10', 'win81', 'yes'],
    ['win10', 'server-2016', 'no'],
    ['win10', 'win11', 'no'],
    ['win81', 'win10-ltsb-2015', 'yes-after-update', 'KB3172614'],
    ['win7', 'win10', 'yes-after-update', 'KB3079821'],
    ['win11', 'win11', 'no'],
    ['server-2003', 'win10', 'no'],
  ])('%s host -> %s client: %s %s', (host, client, expected, kb) => {
    const answer = hostCanActivate({ product: host }, client);
    expect(answer.answer).toBe(expected);
    if (kb && answer.answer === 'yes-after-update') expect(answer.kb).toBe(kb);
    expect(answer.reason.length).toBeGreaterThan(10);
  });

  it('recommends the update for the host key chosen, and lists every update that does the job', () => {
    const answer = hostCanActivate({ product: 'server-2012r2' }, 'server-2016');
    // The newest key a 2012 R2 host carries is the 2019 one, which needs KB4467695 there.
    expect(answer).toMatchObject({ answer: 'yes-after-update', kb: 'KB4467695', csvlkGroup: 'ws2019' });
    if (answer.answer === 'yes-after-update') expect([...answer.anyOf].sort()).toEqual(['KB3172614', 'KB4467695']);
    // With the 2016 host key the earlier rollup is enough.
    expect(hostCanActivate({ product: 'server-2012r2', csvlkGroup: 'ws2016' }, 'server-2016')).toMatchObject({ kb: 'KB3172614' });
    // Already patched with the older rollup: the 2016 host key works as the host stands.
    expect(hostCanActivate({ product: 'server-2012r2', installedKbs: ['KB3172614'] }, 'server-2016')).toMatchObject({ answer: 'yes', csvlkGroup: 'ws2016' });
    expect(hostCanActivate({ product: 'server-2012r2', installedKbs: ['4467695'] }, 'server-2016').answer).toBe('yes');
  });

  it('uses the newest group the host can carry unless told which it has', () => {
    expect(hostCanActivate({ product: 'server-2019' }, 'win11').csvlkGroup).toBe('ws2025');
    const old = hostCanActivate({ product: 'server-2019', csvlkGroup: 'ws2019' }, 'win11');
    expect(old).toMatchObject({ answer: 'no', csvlkGroup: 'ws2019' });
    expect(old.reason).toMatch(/Volume License for Windows Server 2025/);
  });

  it('refuses a group on a host that cannot carry it, and any Azure Edition host', () => {
    expect(hostCanActivate({ product: 'server-2012', csvlkGroup: 'ws2022' }, 'server-2012').answer).toBe('no');
    expect(hostCanActivate({ product: 'server-2022', azureEdition: true }, 'win11').answer).toBe('no');
  });

  it('normalises KB numbers', () => {
    expect(normaliseKb('kb5034765')).toBe('KB5034765');
    expect(normaliseKb(' 5034765 ')).toBe('KB5034765');
  });
});
