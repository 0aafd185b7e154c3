import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSnapshotBytes, readSnapshotBytes, readSnapshotText, scanJsonShape } from '../../../main/snapshot-file';
import { MAX_SNAPSHOT_BYTES, SnapshotSchema } from '../../../shared/snapshot';
import { healthySnapshot } from '../../support/snapshot-builder';
import { WS2019_FIXTURE } from './collector-fixture';

const collectorText = () => readFileSync(WS2019_FIXTURE, 'utf8');
const collectorJson = (): Record<string, unknown> => JSON.parse(collectorText()) as Record<string, unknown>;
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

function expectRejected(result: ReturnType<typeof readSnapshotText>, message: RegExp) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.message).toMatch(message);
    expect(result.message.split('\n')).toHaveLength(1);
  }
}

describe('readSnapshotText: either kind of file', () => {
  it('reads a collector file as a collector, converted to a valid snapshot', () => {
    const result = readSnapshotText(collectorText());
    expect(result).toMatchObject({ ok: true, source: 'collector' });
    expect(result.ok && SnapshotSchema.safeParse(result.snapshot).success).toBe(true);
  });

  it('reads an Activation Doctor snapshot as a snapshot', () => {
    const snapshot = healthySnapshot();
    expect(readSnapshotText(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot: SnapshotSchema.parse(snapshot), source: 'snapshot' });
  });

  it('keeps the snapshot reader’s own messages for anything that is not a collector file', () => {
    expectRejected(readSnapshotText('[1,2]'), /not an Activation Doctor snapshot/);
    expectRejected(readSnapshotText(JSON.stringify({ ...healthySnapshot(), version: 99 })), /snapshot version 99 is not supported/);
    expectRejected(readSnapshotText('{"format":'), /the file is not JSON/);
  });
});

describe('encodings Windows tools write', () => {
  it('reads UTF-8 with a BOM (Set-Content -Encoding UTF8 in PowerShell 5.1), as bytes and as text', () => {
    expect(readSnapshotBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(collectorText())]))).toMatchObject({ ok: true, source: 'collector' });
    expect(readSnapshotText(`\uFEFF${collectorText()}`)).toMatchObject({ ok: true, source: 'collector' });
  });

  it('reads UTF-16LE with a BOM (Out-File and > in PowerShell 5.1), converting it', () => {
    const text = collectorText().replace('"APP01"', '"APP01-MÜNCHEN"');
    const result = readSnapshotBytes(utf16le(text));
    expect(result).toMatchObject({ ok: true, source: 'collector', snapshot: { collector: { hostname: 'APP01-MÜNCHEN' } } });
    expect(readSnapshotBytes(utf16le(JSON.stringify(healthySnapshot())))).toMatchObject({ ok: true, source: 'snapshot' });
  });

  it('reads UTF-16BE with a BOM', () => {
    const le = Buffer.from(collectorText(), 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] ?? 0;
      be[i + 1] = le[i] ?? 0;
    }
    expect(readSnapshotBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ ok: true, source: 'collector' });
  });

  it('names the problem with text that is not UTF-8, broken UTF-16, or UTF-16 already read as UTF-8', () => {
    expect(decodeSnapshotBytes(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({ ok: false, message: 'the file is not valid UTF-8 text; save it as UTF-8 and try again' });
    expect(decodeSnapshotBytes(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toEqual({ ok: false, message: 'the file is not valid UTF-16 text; save it as UTF-8 and try again' });
    expectRejected(readSnapshotText(utf16le(collectorText()).toString('utf8')), /UTF-16 text that was read as UTF-8/);
  });
});

describe('malformed and hostile collector files are rejected with a message naming the problem', () => {
  const edited = (edit: (json: Record<string, unknown>) => void) => {
    const json = collectorJson();
    edit(json);
    return JSON.stringify(json);
  };
  const network = (json: Record<string, unknown>) => json.network as Record<string, unknown>;
  const raw = (json: Record<string, unknown>) => json.raw as Record<string, unknown>;
  const firstTimeAttempt = (json: Record<string, unknown>): Record<string, unknown> => {
    const [check] = network(json).time as Record<string, unknown>[];
    const [attempt] = (check?.attempts ?? []) as Record<string, unknown>[];
    if (!attempt) throw new Error('the fixture has a time attempt');
    return attempt;
  };

  it.each([
    ['a future version', (j: Record<string, unknown>) => (j.version = 3), /^collector file version 3 is not supported \(this build reads versions 1 and 2\)/],
    ['the version as text', (j: Record<string, unknown>) => (j.version = '1'), /^collector file version "1" is not supported/],
    ['no raw section', (j: Record<string, unknown>) => delete j.raw, /malformed at raw: /],
    ['no network section', (j: Record<string, unknown>) => delete j.network, /malformed at network: /],
    ['a TCP check as text', (j: Record<string, unknown>) => (network(j).tcp = ['kms01']), /malformed at network\.tcp\.0: /],
    ['a port out of range', (j: Record<string, unknown>) => ((network(j).tcp as Record<string, unknown>[])[0]!.port = 70000), /malformed at network\.tcp\.0\.port: /],
    ['an unknown source', (j: Record<string, unknown>) => ((network(j).tcp as Record<string, unknown>[])[0]!.sources = ['rumour']), /malformed at network\.tcp\.0\.sources\.0: /],
    ['a check without sources', (j: Record<string, unknown>) => ((network(j).tcp as Record<string, unknown>[])[0]!.sources = []), /malformed at network\.tcp\.0\.sources: at least 1 entry/],
    ['too many checks', (j: Record<string, unknown>) => (network(j).tcp = Array.from({ length: 65 }, () => (network(j).tcp as unknown[])[0])), /malformed at network\.tcp: at most 64 entries/],
    ['a timeout out of range', (j: Record<string, unknown>) => ((j.options as Record<string, unknown>).timeoutMs = 5), /malformed at options\.timeoutMs: /],
    ['a computer name of 300 characters', (j: Record<string, unknown>) => (j.computerName = 'A'.repeat(300)), /malformed at computerName: /],
    ['a script tag as the time', (j: Record<string, unknown>) => (j.takenAt = '<script>alert(1)</script>'), /takenAt "<script>alert\(1\)<\/script>" is not a date and time/],
    ['a command as the KMS host', (j: Record<string, unknown>) => ((j.options as Record<string, unknown>).kmsHost = "kms01'; Remove-Item C:\\ -Recurse; '"), /options\.kmsHost contains a space/],
    ['a reply that is not base64', (j: Record<string, unknown>) => (firstTimeAttempt(j).reply = '<not base64>'), /malformed at network\.time\.0\.attempts\.0\.reply: not base64/],
    ['a reply without its request', (j: Record<string, unknown>) => delete firstTimeAttempt(j).request, /malformed at network\.time\.0\.attempts\.0\.request/],
  ])('%s', (_what, edit, message) => {
    expectRejected(readSnapshotText(edited(edit)), message);
  });

  it('rejects a file over the size limit before parsing it', () => {
    const huge = `${collectorText().slice(0, -3)}, "pad": "${'x'.repeat(MAX_SNAPSHOT_BYTES)}"}`;
    expectRejected(readSnapshotText(huge), /limit is 5 MB/);
    expectRejected(readSnapshotBytes(Buffer.from(huge)), /limit is 5 MB/);
  });

  it('reads garbage inside a probe’s output as that probe unavailable, like the app would, never as a crash', () => {
    const text = edited((j) => {
      // Nested garbage within the file's depth limit (deeper files are refused whole: see below).
      raw(j).os = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
      raw(j).services = '<img src=x onerror=alert(1)>';
    });
    const result = readSnapshotText(text);
    expect(result).toMatchObject({ ok: true, snapshot: { windows: { os: { status: 'unavailable', reason: 'failed' }, services: { status: 'unavailable', reason: 'failed' } } } });
  });

  it('strips a prototype-polluting key instead of using it', () => {
    const text = collectorText().replace('"format"', '"__proto__":{"polluted":true},"format"');
    expect(readSnapshotText(text).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, and what it accepts is always a valid snapshot (random edits of the fixture)', () => {
    const base = collectorJson();
    const paths: string[][] = [];
    const collect = (value: unknown, path: string[]) => {
      paths.push(path);
      if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) collect(child, [...path, key]);
    };
    collect(base, []);
    const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constant([]), fc.constant({}), fc.constant(-1), fc.constant('x'.repeat(5000)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: paths.length - 1 }), junk), { minLength: 1, maxLength: 4 }), (edits) => {
        const json = structuredClone(base);
        for (const [index, value] of edits) {
          const path = paths[index] ?? [];
          let target = json as Record<string, unknown>;
          for (const key of path.slice(0, -1)) target = (target?.[key] ?? {}) as Record<string, unknown>;
          const last = path[path.length - 1];
          // A copy: fast-check hands out the same {} and [] each time, and a later edit may write into them.
          if (last !== undefined && target && typeof target === 'object') target[last] = structuredClone(value);
        }
        const result = readSnapshotText(JSON.stringify(json));
        if (result.ok) expect(SnapshotSchema.safeParse(result.snapshot).success).toBe(true);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('files shaped like no snapshot are refused before they are parsed', () => {
  it('refuses 5 MB of [ (and balanced deep nesting) with a clear message', () => {
    expectRejected(readSnapshotText('['.repeat(MAX_SNAPSHOT_BYTES - 16)), /nests brackets more than 64 levels deep/);
    const half = Math.floor(MAX_SNAPSHOT_BYTES / 2) - 8;
    expectRejected(readSnapshotText('['.repeat(half) + ']'.repeat(half)), /nests brackets more than 64 levels deep/);
    expectRejected(readSnapshotBytes(Buffer.from('{"a":'.repeat(100_000))), /nests brackets more than 64 levels deep/);
  });

  it('refuses a list far longer than any list in a snapshot', () => {
    const snapshot = healthySnapshot() as unknown as { network: { srv: { value: unknown } } };
    snapshot.network.srv.value = '@@';
    const text = JSON.stringify(snapshot).replace('"@@"', `[${'0,'.repeat(2_000_000)}0]`);
    expectRejected(readSnapshotText(text), /list of more than 1024 items/);
  });

  it('counts only structure: brackets and commas inside strings do not count', () => {
    expect(scanJsonShape('{"a":"[[[[,,,,]]]]","b":[1,2,3]}')).toEqual({ depth: 2, values: 5, longestArray: 3 });
    expect(scanJsonShape('["\\"[[[", [1]]')).toMatchObject({ depth: 2, longestArray: 2 });
    const snapshot = healthySnapshot();
    snapshot.collector.hostname = '['.repeat(200);
    expect(readSnapshotText(JSON.stringify(snapshot))).toMatchObject({ ok: true });
  });

  it('reads the real files, which nest fewer than 10 levels', () => {
    expect(scanJsonShape(collectorText()).depth).toBeLessThan(10);
    expect(scanJsonShape(JSON.stringify(healthySnapshot())).depth).toBeLessThan(10);
  });
});
