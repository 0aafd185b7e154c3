/**
 * Collector files as the collector script writes them under Windows PowerShell 5.1, built from the
 * Windows fixtures (test/fixtures/windows/<machine>/<probe>.json, each probe's real output layout)
 * plus network measurements. The layout is the script's: ConvertTo-Json of the document in 5.1's
 * style (CRLF, two spaces after each colon, nested blocks indented from their opening bracket,
 * empty arrays as `[` blank line `]`), then the probes' own text spliced in under "raw"
 * (ConvertTo-CollectorJson in main/collector/ps/document.ts).
 *
 * test/fixtures/collector/ws2019-kms-client.json is `buildWs2019Fixture()`; a test fails while the
 * file is stale (regenerate: UPDATE_COLLECTOR_FIXTURE=1 npx vitest run test/unit/collector).
 */
import { resolve } from 'node:path';
import { encodeNtpTimestamp, encodeSntpRequest } from '../../../main/probes/network/sntp';
import { fixtureText } from '../probes/windows/fixtures';

export const COLLECTOR_FIXTURES_DIR = resolve(__dirname, '../../fixtures/collector');
export const WS2019_FIXTURE = resolve(COLLECTOR_FIXTURES_DIR, 'ws2019-kms-client.json');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** ConvertTo-Json's pretty layout in Windows PowerShell 5.1, for a value starting at column `col`. */
export function ps51Json(value: Json, col = 0): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `[\r\n\r\n${' '.repeat(col)}]`;
    const inner = col + 4;
    return `[\r\n${value.map((item) => ' '.repeat(inner) + ps51Json(item, inner)).join(',\r\n')}\r\n${' '.repeat(col)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = col + 4;
    const entries = Object.entries(value).map(([key, item]) => {
      const prefix = `${' '.repeat(inner)}${JSON.stringify(key)}:  `;
      return prefix + ps51Json(item, prefix.length);
    });
    return `{\r\n${entries.join(',\r\n')}\r\n${' '.repeat(col)}}`;
  }
  // 5.1 (JavaScriptSerializer) escapes these as \u00XX; JSON.parse reads both spellings alike.
  return JSON.stringify(value).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const PROBE_KEYS = ['os', 'licensing', 'networkConfig', 'services', 'events', 'elevation', 'firewall'] as const;
export type ProbeKey = (typeof PROBE_KEYS)[number];
const SCRIPT_OF: Record<ProbeKey, string> = {
  os: 'os',
  licensing: 'licensing',
  networkConfig: 'network-config',
  services: 'services',
  events: 'events',
  elevation: 'elevation',
  firewall: 'firewall',
};

/** The probes' printed output for a fixture machine (as Read-ProbeOutput keeps it: trimmed). */
export function probeTexts(machine: string): Record<ProbeKey, string> {
  const texts = {} as Record<ProbeKey, string>;
  for (const key of PROBE_KEYS) texts[key] = fixtureText(machine, SCRIPT_OF[key]).trim();
  return texts;
}

/** The document as ConvertTo-CollectorJson writes it: the envelope, then the probes' text under "raw". */
export function collectorFileText(envelope: { [key: string]: Json }, raw: Record<ProbeKey, string>): string {
  const head = ps51Json(envelope).trimEnd();
  const parts = PROBE_KEYS.map((key) => `        "${key}":  ${raw[key]}`);
  return `${head.slice(0, -1).trimEnd()},\r\n    "raw":  {\r\n${parts.join(',\r\n')}\r\n            }\r\n}\r\n`;
}

const resolved = (...addresses: string[]): Json => ({ addresses, error: null, socketError: null, errorCode: null, message: null });

/** T1 of the SNTP exchange with kms01, and its request with fixed "random" bits. */
const T1 = Date.UTC(2026, 10, 20, 9, 30, 2, 417) + 0.25;
const REQUEST = encodeSntpRequest(T1, Buffer.from([0x5a, 0xc3]));
const FIVE_HOURS = 5 * 3600 * 1000;

/** kms01's answer: version 4, server, stratum 3, its clock 5 h ahead, 1.6 ms round trip. */
function replyFromKms01(): Buffer {
  const reply = Buffer.alloc(48);
  reply[0] = 0x24;
  reply[1] = 3;
  reply[2] = 6;
  reply[3] = 0xe9;
  reply.write('\x0a\x14\x00\x0a', 12, 'latin1'); // reference id: 10.20.0.10, its time source
  encodeNtpTimestamp(T1 + FIVE_HOURS - 60_000, reply, 16);
  REQUEST.copy(reply, 24, 40, 48);
  encodeNtpTimestamp(T1 + FIVE_HOURS + 0.8, reply, 32);
  encodeNtpTimestamp(T1 + FIVE_HOURS + 0.85, reply, 40);
  return reply;
}

/**
 * Windows Server 2019 KMS client APP01 (corp.contoso.com): the ws2019-kms-client probe outputs, and
 * what the script measured from it. DNS lists two KMS hosts: kms01 answers on 1688 and its clock is
 * 5 hours ahead (the 12288 event's 0xC004F06C); kms02, the stale record, refuses the connection.
 */
export function ws2019Envelope(): { [key: string]: Json } {
  return {
    format: 'activation-doctor/collector',
    version: 1,
    takenAt: '2026-11-20T09:30:00.1234567Z',
    generator: { name: 'activation-doctor', version: '0.1.0' },
    computerName: 'APP01',
    psVersion: '5.1.17763.5458',
    windowsFactsVia: 'cim',
    options: { kmsHost: null, domain: null, ntpPort: 123, timeoutMs: 3000 },
    durationsMs: { os: 412.6, licensing: 1893.2, networkConfig: 301.4, services: 188.9, events: 240.7, elevation: 12.3, firewall: 933.5 },
    network: {
      srvAvailable: true,
      srvDetail: null,
      srv: [
        {
          domain: 'corp.contoso.com',
          sources: ['primary-suffix', 'ad-domain', 'search-list'],
          status: 'answered',
          // In the order DNS answered; Activation Doctor sorts them by priority and weight.
          records: [
            { target: 'kms02.corp.contoso.com', port: 1688, priority: 10, weight: 0, resolve: resolved('10.20.0.16') },
            { target: 'kms01.corp.contoso.com', port: 1688, priority: 0, weight: 100, resolve: resolved('10.20.0.15') },
          ],
          errorId: null,
          errorCode: null,
          message: null,
          durationMs: 21.4,
        },
      ],
      tcp: [
        {
          host: 'kms01.corp.contoso.com',
          port: 1688,
          sources: ['discovered', 'event', 'srv'],
          resolve: resolved('10.20.0.15'),
          attempts: [{ address: '10.20.0.15', outcome: 'open', waitedMs: 2978, latencyMs: 1.8, socketError: null, errorCode: null, message: null }],
          durationMs: 2.3,
        },
        {
          host: 'kms02.corp.contoso.com',
          port: 1688,
          sources: ['srv'],
          resolve: resolved('10.20.0.16'),
          attempts: [
            {
              address: '10.20.0.16',
              outcome: 'failed',
              waitedMs: 3000,
              latencyMs: 1.1,
              socketError: 'ConnectionRefused',
              errorCode: 10061,
              message: 'No connection could be made because the target machine actively refused it 10.20.0.16:1688',
            },
          ],
          durationMs: 1.5,
        },
      ],
      time: [
        {
          host: 'kms01.corp.contoso.com',
          port: 123,
          resolve: resolved('10.20.0.15'),
          attempts: [
            {
              address: '10.20.0.15',
              outcome: 'reply',
              waitedMs: 3000,
              request: REQUEST.toString('base64'),
              reply: replyFromKms01().toString('base64'),
              t4UnixMs: T1 + 1.6,
              socketError: null,
              errorCode: null,
              message: null,
            },
          ],
          durationMs: 2.1,
        },
        {
          host: 'kms02.corp.contoso.com',
          port: 123,
          resolve: resolved('10.20.0.16'),
          attempts: [
            {
              address: '10.20.0.16',
              outcome: 'no-answer',
              waitedMs: 3000,
              request: encodeSntpRequest(T1 + 4.2, Buffer.from([0x17, 0x08])).toString('base64'),
              reply: null,
              t4UnixMs: null,
              socketError: 'ConnectionReset',
              errorCode: 10054,
              message: 'An existing connection was forcibly closed by the remote host',
            },
          ],
          durationMs: 1.2,
        },
      ],
    },
    durationMs: 4015.9,
  };
}

export function buildWs2019Fixture(): string {
  return collectorFileText(ws2019Envelope(), probeTexts('ws2019-kms-client'));
}
