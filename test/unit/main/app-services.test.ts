import { describe, expect, it } from 'vitest';
import { createImplementations, type FileDialogs } from '../../../main/app-services';
import { createLocalComputer } from '../../../main/local-computer';
import { UserFacingError } from '../../../main/user-facing-error';
import { PROBES, type ProbeEvent } from '../../../shared/probes';
import { healthySnapshot } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function setup(options: { dialogs?: Partial<FileDialogs>; files?: Record<string, string> } = {}) {
  const written = new Map<string, string>();
  const events: ProbeEvent[] = [];
  const computer = createLocalComputer({
    platform: 'linux',
    kind: 'app',
    version: '0.0.0',
    auditLogPath: join(mkdtempSync(join(tmpdir(), 'ad-svc-')), 'audit.jsonl'),
    // Only loopback: a closed port for DNS so nothing leaves this machine.
    defaultOptions: { kms: null, domain: null, dnsServer: '127.0.0.1:9', ntpPort: 9, timeoutMs: 300 },
  });
  const services = createImplementations({
    version: '1.0.0',
    platform: 'linux',
    computer: () => computer,
    emit: (e) => events.push(e),
    dialogs: { save: async (name) => `/reports/${name}`, open: async () => '/snapshots/other.json', confirmRun: async () => true, openFolder: async () => null, ...options.dialogs },
    files: {
      write: async (path, text) => void written.set(path, text),
      read: async (path) => {
        const text = options.files?.[path];
        if (text === undefined) throw new Error('ENOENT');
        return new TextEncoder().encode(text);
      },
    },
    now: () => new Date('2026-11-20T10:00:00.000Z'),
  });
  return { services, written, events };
}

describe('app services', () => {
  it('says plainly that Windows facts need Windows', async () => {
    const { services } = setup();
    expect(await services.getComputerStatus(undefined)).toEqual({ available: false, reason: 'Windows facts can only be read on Windows.' });
  });

  it('runs a check with streamed progress and returns the diagnosis', async () => {
    const { services, events } = setup();
    const result = await services.runCheck({ runId: 'run-0000-0001', kms: '127.0.0.1:9', domain: null, reportedCode: '0xC004F074' });
    expect(result.diagnosis.reportedCode?.code).toBe('0xC004F074');
    expect(result.snapshot.options.kms).toBe('127.0.0.1:9');
    expect(events.filter((e) => e.state === 'finished')).toHaveLength(PROBES.length);
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set(['run-0000-0001']));
  });

  it('rejects a bad KMS host or code with a message for the technician', async () => {
    const { services } = setup();
    await expect(services.runCheck({ runId: 'run-0000-0002', kms: 'kms;calc', domain: null, reportedCode: null })).rejects.toBeInstanceOf(UserFacingError);
    await expect(services.runCheck({ runId: 'run-0000-0003', kms: null, domain: null, reportedCode: 'banana' })).rejects.toThrow(/not recognised/);
  });

  it('opens a snapshot of another computer, and then refuses to run fixes', async () => {
    const sc = SCENARIOS.find((s) => s.name === 'f074-port-refused')!;
    const { services } = setup({ files: { '/snapshots/other.json': JSON.stringify(sc.snapshot) } });
    const opened = await services.openSnapshot(undefined);
    expect(opened).toMatchObject({ opened: true, fileName: 'other.json', source: 'snapshot' });
    if (!opened.opened) throw new Error('not opened');
    expect(opened.result.diagnosis.findings[0]?.id).toBe('kms-port-refused');
    const preview = await services.previewFix({ fixId: 'set-kms-host', inputs: { host: 'kms2.corp.example' }, source: 'snapshot' });
    expect(preview).toMatchObject({ kind: 'preview', preview: { commands: [expect.stringContaining('/skms kms2.corp.example')], refusal: { code: 'not-applicable' } } });
    await expect(services.runFix({ fixId: 'set-kms-host', inputs: { host: 'kms2.corp.example' }, override: false, source: 'snapshot', previewToken: 'a'.repeat(64) })).rejects.toThrow(/disabled for a snapshot/);
  });

  it('explains a file that is not a snapshot', async () => {
    const { services } = setup({ files: { '/snapshots/other.json': '{"hello": 1}' } });
    await expect(services.openSnapshot(undefined)).rejects.toThrow(/cannot be opened/);
  });

  it('exports the HTML report and the JSON through the save dialog, with no full key', async () => {
    const snapshot = healthySnapshot();
    const { services, written } = setup({ files: { '/snapshots/other.json': JSON.stringify(snapshot) } });
    await expect(services.exportReport({ format: 'html' })).rejects.toThrow(/nothing to export yet/);
    await services.openSnapshot(undefined);
    const saved = await services.exportReport({ format: 'html' });
    expect(saved).toEqual({ saved: true, path: '/reports/activation-report-APP01-202611201000.html' });
    const html = written.get(saved.path!)!;
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).not.toMatch(/<script/i);
    const json = await services.exportReport({ format: 'json' });
    expect(JSON.parse(written.get(json.path!)!)).toMatchObject({ format: 'activation-doctor/report' });
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const { services, written } = setup({ dialogs: { save: async () => null }, files: { '/snapshots/other.json': JSON.stringify(healthySnapshot()) } });
    await services.openSnapshot(undefined);
    expect(await services.exportReport({ format: 'html' })).toEqual({ saved: false, path: null });
    expect(written.size).toBe(0);
  });
});
