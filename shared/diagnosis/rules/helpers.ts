/** Small helpers several rules share: which hosts matter, whether KMS is wanted, code evidence. */
import type { KmsHostCheck } from '../../snapshot';
import type { FindingId } from '../../ids';
import { lookupError } from '../../knowledge/errors';
import { codesToExplain, type DiagnosisContext } from '../context';
import { evidence } from '../rule';
import type { Evidence } from '../types';
import { toHex as hex } from '../../hex';

/**
 * The KMS hosts whose checks explain this computer's activation: the configured or discovered
 * target when there is one, else every host found through DNS, else every host checked.
 */
export function relevantHostChecks(ctx: DiagnosisContext): KmsHostCheck[] {
  const all = ctx.snapshot.network.kmsHosts.status === 'ok' ? ctx.snapshot.network.kmsHosts.value : [];
  if (ctx.kmsHostInUse) {
    const target = ctx.hostCheck(ctx.kmsHostInUse.host, ctx.kmsHostInUse.port) ?? ctx.hostCheck(ctx.kmsHostInUse.host);
    if (target) return [target];
  }
  const fromSrv = all.filter((h) => h.sources.includes('srv'));
  if (fromSrv.length > 0) return fromSrv;
  return all;
}

export function openHosts(ctx: DiagnosisContext): KmsHostCheck[] {
  return ctx.snapshot.network.kmsHosts.status === 'ok' ? ctx.snapshot.network.kmsHosts.value.filter((h) => h.tcp === 'open') : [];
}

export const hostLabel = (h: { host: string; port: number }) => `${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}`;

export const hostFact = (h: { host: string; port: number }) => `network.kmsHosts[${hostLabel(h)}]`;

/** True when this computer is meant to activate through KMS: a KMS client key, or KMS signs around it. */
export function kmsWanted(ctx: DiagnosisContext): boolean {
  if (ctx.activation === 'kms-client') return true;
  if (ctx.isAzure) return true;
  if (ctx.kmsHostInUse) return true;
  if (ctx.srvLookups().some((l) => l.result === 'found')) return true;
  return codesToExplain(ctx).some((code) => lookupError(code)?.appliesTo.includes('kms-client') === true && lookupError(code)?.appliesTo.length === 1);
}

/** Evidence lines for every code (reported or observed) whose record names this finding. */
export function codeEvidence(ctx: DiagnosisContext, id: FindingId): Evidence[] {
  const lines: Evidence[] = [];
  const alsoObserved = ctx.observedCodes.some((o) => o.code === ctx.reportedCode);
  if (ctx.reportedCode !== null && !alsoObserved && lookupError(ctx.reportedCode)?.findings.includes(id)) {
    const r = lookupError(ctx.reportedCode);
    lines.push(evidence('reportedCode', 'Error code you reported', `${hex(ctx.reportedCode)}${r?.symbol ? ` (${r.symbol})` : ''}`));
  }
  for (const o of ctx.observedCodes) {
    const r = lookupError(o.code);
    if (r?.findings.includes(id)) lines.push(evidence(o.fact, `Error code in ${o.where}`, `${hex(o.code)}${r.symbol ? ` (${r.symbol})` : ''}`));
  }
  return lines;
}

/** Whether this finding is backed by an observed (not just reported) error code. */
export function observedCodeFor(ctx: DiagnosisContext, codes: number[]): boolean {
  return ctx.observedCodes.some((o) => codes.includes(o.code));
}

export function anyCode(ctx: DiagnosisContext, codes: number[]): boolean {
  return codesToExplain(ctx).some((c) => codes.includes(c));
}

import { clientKeyFor } from '../../knowledge/gvlk';
import { maskProductKey } from '../../knowledge/product-key';

export interface GvlkChoice {
  ok: true;
  /** "Windows Server 2022 Datacenter", for explanations. */
  label: string;
  /** The key masked to its last five characters, for evidence and reports. */
  masked: string;
}

/** The KMS client key (GVLK) for this computer's edition, or why there is none. */
export function gvlkFor(ctx: DiagnosisContext): GvlkChoice | { ok: false; reason: string } {
  const os = ctx.snapshot.windows.os.status === 'ok' ? ctx.snapshot.windows.os.value : null;
  if (!os) return { ok: false, reason: 'the Windows edition could not be read' };
  const choice = clientKeyFor({ caption: os.caption, build: os.build, editionId: os.editionId, installationType: os.installationType });
  if (choice.kind !== 'key') return { ok: false, reason: choice.reason };
  return { ok: true, label: `${choice.record.product} ${choice.record.edition}`, masked: maskProductKey(choice.record.key) };
}

import { AZURE_KMS_CLOUDS, azureKmsFor, type AzureKmsCloud } from '../../knowledge/azure';

/** Azure KMS for this VM's cloud (public Azure when IMDS did not say which). */
export function azureEndpointFor(ctx: DiagnosisContext): AzureKmsCloud {
  const env = ctx.snapshot.azure.status === 'ok' ? ctx.snapshot.azure.value.azEnvironment : null;
  return (env ? azureKmsFor(env) : undefined) ?? AZURE_KMS_CLOUDS[0]!;
}

/** True when a network fact was skipped because there was nothing to check (not a failure). */
export function nothingToCheck(fact: { status: string; reason?: string }): boolean {
  return fact.status === 'unavailable' && fact.reason === 'no-candidates';
}

import { commandLine, type Shell } from '../../command-line';
import { parseHost } from '../../inputs';

/**
 * "<what>: <command line>" with the host (first argument) checked against the host grammar and
 * every argument quoted for the shell; a host from the snapshot that is not a valid host name
 * is never put in a command.
 */
export function checkCommand(what: string, command: string, args: [host: string, ...rest: string[]], shell: Shell): string {
  const host = parseHost(args[0], 'the host');
  const line = host.ok ? commandLine(shell, command, [host.value.host, ...args.slice(1)]) : null;
  return line === null ? `${what}: not shown, because the recorded host name is not a valid host name (${host.ok ? 'it cannot be quoted safely' : host.message}).` : `${what}: ${line}`;
}
