/**
 * The probe registry is the one list of Windows probes: every other list (the snapshot's Windows
 * facts, the checklist, the collectors, the collector script and its document, the CLI text) is
 * derived from it. These tests fail when one of them drifts, or when an older file stops reading.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectorDocumentSchema } from '../../../../main/collector/document';
import { EMBEDDED_PROBES } from '../../../../main/collector/probes';
import { buildCollectorScript, readProbeScripts } from '../../../../main/collector/script';
import { windowsFactsOf } from '../../../../main/collector/windows-facts';
import { renderSnapshotText } from '../../../../main/cli/snapshot-text';
import { readSnapshotText } from '../../../../main/snapshot-file';
import { notWindowsCollectors } from '../../../../main/probes/collect';
import { WINDOWS_PROBES } from '../../../../main/probes/windows/registry';
import { PROBES, probeFact } from '../../../../shared/probes';
import { WINDOWS_FACT_KEYS, WINDOWS_FACT_TITLES, WindowsFactsSchema, parseSnapshotJson } from '../../../../shared/snapshot';
import { healthySnapshot } from '../../../support/snapshot-builder';
import { WS2019_FIXTURE } from '../../collector/collector-fixture';

const SCRIPTS = resolve(__dirname, '../../../../main/probes/windows');
const ctx = { signal: new AbortController().signal, timeoutMs: 100, options: healthySnapshot().options };

describe('the registry', () => {
  it('has exactly one probe per Windows fact of the snapshot schema, in schema order', () => {
    expect(WINDOWS_PROBES.map((p) => p.key)).toEqual(Object.keys(WindowsFactsSchema.shape));
    expect(new Set(WINDOWS_PROBES.map((p) => p.id)).size).toBe(WINDOWS_PROBES.length);
  });

  it('names a script that exists and dot-sources the shared prologue', () => {
    for (const probe of WINDOWS_PROBES) {
      const path = join(SCRIPTS, `${probe.script}.ps1`);
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path, 'utf8')).toContain("_prologue.ps1')");
    }
  });

  it('gives every probe its id windows.<key> and the title the schema file declares', () => {
    for (const probe of WINDOWS_PROBES) {
      expect(probe.id).toBe(`windows.${probe.key}`);
      expect(probe.title).toBe(WINDOWS_FACT_TITLES[probe.key]);
    }
  });
});

describe('every list of Windows probes is the registry', () => {
  it('the checklist and progress events (shared PROBES) start with the registry, in its order', () => {
    expect(PROBES.slice(0, WINDOWS_PROBES.length).map((p) => [p.id, p.title])).toEqual(WINDOWS_PROBES.map((p) => [p.id, p.title]));
    expect(PROBES.filter((p) => p.id.startsWith('windows.'))).toHaveLength(WINDOWS_PROBES.length);
  });

  it('the collectors: one per probe, each answering for its own fact', async () => {
    const collectors = notWindowsCollectors('linux');
    expect(Object.keys(collectors).sort()).toEqual([...WINDOWS_FACT_KEYS].sort());
    for (const probe of WINDOWS_PROBES) {
      const fact = await collectors[probe.key](ctx);
      expect(fact).toMatchObject({ status: 'unavailable', reason: 'not-windows' });
      expect(fact.status === 'unavailable' && fact.detail.toLowerCase()).toContain(probe.subject.toLowerCase());
    }
  });

  it('the collector script embeds every probe, once, and lists its key and title', () => {
    expect(EMBEDDED_PROBES.map((p) => [p.key, p.script, p.title])).toEqual(WINDOWS_PROBES.map((p) => [p.key, p.script, p.title]));
    const script = buildCollectorScript({ version: '1.2.3', probeScripts: readProbeScripts(SCRIPTS) });
    for (const probe of WINDOWS_PROBES) {
      expect(script.split(`# --- ${probe.script}.ps1, embedded`)).toHaveLength(2);
      expect(script).toContain(`-Key '${probe.key}' -Title '${probe.title}'`);
      expect(script).toContain(`#       ${probe.title}`);
    }
    expect(script).toMatch(/\$collectorProbeKeys = @\(([^)]*)\)/);
    expect(/\$collectorProbeKeys = @\(([^)]*)\)/.exec(script)?.[1]).toBe(WINDOWS_PROBES.map((p) => `'${p.key}'`).join(', '));
  });

  it("the collector document's raw and durations keys", () => {
    expect(Object.keys(CollectorDocumentSchema.shape.raw.shape)).toEqual(WINDOWS_PROBES.map((p) => p.key));
    expect(Object.keys(CollectorDocumentSchema.shape.durationsMs.shape)).toEqual(WINDOWS_PROBES.map((p) => p.key));
  });

  it('the CLI snapshot text has a line per probe that was read, with its title and its own summary', () => {
    const snapshot = healthySnapshot();
    const text = renderSnapshotText(snapshot);
    for (const probe of WINDOWS_PROBES) {
      const fact = snapshot.windows[probe.key];
      if (fact.status !== 'ok') continue;
      expect(text).toContain(`  ${probe.title}: `);
      expect(text).toContain(probe.describe(fact.value as never).summary);
    }
  });

  it('a fix re-check reads a Windows fact from the snapshot by its probe id', () => {
    const snapshot = healthySnapshot();
    for (const probe of WINDOWS_PROBES) expect(probeFact(snapshot, probe.id)).toBe(snapshot.windows[probe.key]);
  });
});

describe('files written before a probe existed still read (snapshot and collector format version 1)', () => {
  it('a version-1 snapshot lacking a Windows fact reads it as not collected, the rest unchanged', () => {
    const old = { ...healthySnapshot(), version: 1 } as Record<string, unknown>;
    const windows = { ...(old.windows as Record<string, unknown>) };
    delete windows.firewall;
    const result = parseSnapshotJson(JSON.stringify({ ...old, windows }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.version).toBe(2);
    expect(result.snapshot.windows.firewall).toMatchObject({ status: 'unavailable', reason: 'not-collected' });
    expect(result.snapshot.windows.firewall.status === 'unavailable' && result.snapshot.windows.firewall.detail).toMatch(/older version/);
    expect(result.snapshot.windows.licensing).toEqual(healthySnapshot().windows.licensing);
  });

  it('a version-3 snapshot is refused, naming the versions this build reads', () => {
    const result = parseSnapshotJson(JSON.stringify({ ...healthySnapshot(), version: 3 }));
    expect(result).toEqual({ ok: false, message: 'snapshot version 3 is not supported (this build reads versions 1 and 2)' });
  });

  it('a version-1 collector file without a probe reads that fact as not collected, and the snapshot is diagnosable', () => {
    const json = JSON.parse(readFileSync(WS2019_FIXTURE, 'utf8')) as { version: number; raw: Record<string, unknown>; durationsMs: Record<string, unknown> };
    expect(json.version).toBe(1);
    delete json.raw.events;
    delete json.durationsMs.events;
    const result = readSnapshotText(JSON.stringify(json));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.windows.events).toMatchObject({ status: 'unavailable', reason: 'not-collected' });
    expect(result.snapshot.windows.licensing.status).toBe('ok');
    const doc = CollectorDocumentSchema.parse(json);
    expect(windowsFactsOf(doc).events).toMatchObject({ reason: 'not-collected' });
  });
});
