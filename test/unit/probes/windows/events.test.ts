import { describe, expect, it } from 'vitest';
import { eventsCollector, parse12288, parse12290, splitHostPort } from '../../../../main/probes/windows/events';
import { parseEdited, parseFixture } from './parse';

describe('parseEvents', () => {
  const client = parseFixture(eventsCollector, 'ws2019-kms-client');

  it('names the fields of a failed 12288 request (0xC004F06C, clock skew)', () => {
    expect(client.e12288[0]).toEqual({
      timeCreated: '2010-09-29T17:52:14.331Z',
      info: '0xC004F06C, 0x00000000, kms01.corp.contoso.com:1688, 36f27b39-2fd5-440b-be67-a09996d27a38, 2010/09/29 17:52, 0, 2, 41760, 68531fb9-5511-4989-97be-d11a0f55633f, 5',
      hresult: 0xc004f06c,
      statusFlags: 0,
      kmsHost: 'kms01.corp.contoso.com',
      kmsPort: 1688,
      cmid: '36f27b39-2fd5-440b-be67-a09996d27a38',
      clientTime: '2010/09/29 17:52',
      licenseStatus: 2,
      minutesToExpiration: 41760,
      activationId: '68531fb9-5511-4989-97be-d11a0f55633f',
      requiredCount: 5,
    });
  });

  it('keeps events newest first', () => {
    expect(client.e12288.map((e) => e.timeCreated)).toEqual(['2010-09-29T17:52:14.331Z', '2006-01-14T02:30:02.000Z']);
    expect(client.e12288[1]).toMatchObject({ hresult: 0, statusFlags: 0x8, kmsHost: 'kms01.contoso.com', requiredCount: 25 });
  });

  it('names the fields of a 12289 answer', () => {
    expect(client.e12289).toEqual([
      {
        timeCreated: '2006-01-14T02:30:03.000Z',
        info: '0x0, 0x4000008, 0, 0, 4, 120, 10080, 1/14/2006 2:30',
        hresult: 0,
        statusFlags: 0x4000008,
        activated: false,
        currentCount: 4,
        activationIntervalMinutes: 120,
        renewalIntervalMinutes: 10080,
        clientTime: '1/14/2006 2:30',
      },
    ]);
  });

  it("names the fields of the host's 12290 (comma without space)", () => {
    const host = parseFixture(eventsCollector, 'ws2012r2-kms-host');
    expect(host.e12290[0]).toEqual({
      timeCreated: '2010-09-29T21:46:40.512Z',
      info: '0xC004F06C,5,APP01.corp.contoso.com,36f27b39-2fd5-440b-be67-a09996d27a38,2010/9/29 21:46,0,2,41520,68531fb9-5511-4989-97be-d11a0f55633f',
      hresult: 0xc004f06c,
      requiredCount: 5,
      clientName: 'APP01.corp.contoso.com',
      cmid: '36f27b39-2fd5-440b-be67-a09996d27a38',
      clientTime: '2010/9/29 21:46',
      licenseStatus: 2,
      minutesToExpiration: 41520,
      activationId: '68531fb9-5511-4989-97be-d11a0f55633f',
    });
    expect(host.e12290[1]).toMatchObject({ hresult: 0, requiredCount: 25, clientName: 'kms03.site5.contoso.com' });
    expect(host.e12288).toEqual([]);
  });

  it('reads the HRESULT of 8198 and keeps the slui.exe arguments as detail', () => {
    const { e8198 } = parseFixture(eventsCollector, 'de-win10-pro-oem');
    expect(e8198).toHaveLength(1);
    expect(e8198[0]).toMatchObject({ timeCreated: '2024-03-14T13:54:25.116Z', hresult: 0x800704cf });
    expect(e8198[0]?.detail).toContain('Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f');
    expect(parseFixture(eventsCollector, 'ws2022-datacenter-eval').e8198[0]?.hresult).toBe(0x80072ee7);
  });

  it('accepts Info stored as one <Data> per field', () => {
    const event = parse12290({
      id: 12290,
      timeCreated: '2024-05-02T08:00:00.0000000Z',
      recordId: 7,
      data: ['0x0', '25', 'pc17.corp.contoso.com', '2ffcfc30-6a6a-49ec-92b8-f6150c7df211', '2024/5/2 8:00', '0', '1', '10080', 'cf67834d-db4a-402c-ab1f-2c134f02b700'],
    });
    expect(event).toMatchObject({ info: '0x0,25,pc17.corp.contoso.com,2ffcfc30-6a6a-49ec-92b8-f6150c7df211,2024/5/2 8:00,0,1,10080,cf67834d-db4a-402c-ab1f-2c134f02b700', clientName: 'pc17.corp.contoso.com', minutesToExpiration: 10080 });
  });

  it('turns unreadable fields into null and drops events without a time', () => {
    const event = parse12288({ id: 12288, timeCreated: '2024-05-02T08:00:00Z', recordId: 1, data: ['garbage'] });
    expect(event).toMatchObject({ info: 'garbage', hresult: null, kmsHost: null, kmsPort: null, cmid: null, requiredCount: null });
    expect(parse12288({ id: 12288, timeCreated: 'not a time', recordId: 1, data: ['0x0'] })).toBeNull();
    const events = parseEdited(eventsCollector, 'ws2019-kms-client', (json) => {
      json.e12289 = { id: 12289, timeCreated: null, recordId: 1, data: ['0x0'] };
    });
    expect(events.e12289).toEqual([]);
  });

  it.each([
    ['kms01.contoso.com:1688', { host: 'kms01.contoso.com', port: 1688 }],
    ['10.0.0.5:1700', { host: '10.0.0.5', port: 1700 }],
    ['[2001:db8::5]:1688', { host: '2001:db8::5', port: 1688 }],
    ['2001:db8::5', { host: '2001:db8::5', port: null }],
    ['kms01', { host: 'kms01', port: null }],
    ['kms01:0', { host: 'kms01', port: null }],
  ])('splits %s', (value, expected) => {
    expect(splitHostPort(value)).toEqual(expected);
  });
});
