/**
 * Is this an Azure VM, and in which cloud? Asks the Instance Metadata Service (activation-facts
 * §5.5): `GET {base}/metadata/instance?api-version=2021-02-01` with `Metadata: true`, never through
 * a proxy, with a 1 s limit. Anything but IMDS's own answer means "not Azure".
 */
import { request } from 'node:http';
import type { AzureFacts, Fact } from '../../shared/snapshot';
import { okFact, unavailableFact } from '../../shared/snapshot';
import { roundMs, startBudget } from './network/budget';
import { clip, errorCode, errorMessage } from './network/errors';

/** Link-local and non-routable: only ever asked on Windows (see collect.ts). */
export const IMDS_DEFAULT_BASE_URL = 'http://169.254.169.254';
export const IMDS_PATH = '/metadata/instance?api-version=2021-02-01';
export const IMDS_TIMEOUT_MS = 1000;
/** A real answer is a few kilobytes; anything far bigger is not IMDS. */
const MAX_BODY_BYTES = 1024 * 1024;

export const NOT_AZURE: AzureFacts = {
  isAzure: false,
  azEnvironment: null,
  vmId: null,
  location: null,
  offer: null,
  publisher: null,
  sku: null,
  licenseType: null,
  vmSize: null,
};

const FIELDS = [
  ['azEnvironment', 80],
  ['vmId', 80],
  ['location', 80],
  ['offer', 120],
  ['publisher', 120],
  ['sku', 120],
  ['licenseType', 80],
  ['vmSize', 80],
] as const;

/**
 * Reads the facts we need from an IMDS instance document. IMDS gives every primitive as a string
 * and "missing or inapplicable values ... set to an empty string": empty becomes null. Returns
 * null when the document is not shaped like IMDS's (some other server answered).
 */
export function parseImdsInstance(body: unknown): AzureFacts | null {
  if (typeof body !== 'object' || body === null) return null;
  const compute = (body as { compute?: unknown }).compute;
  if (typeof compute !== 'object' || compute === null || Array.isArray(compute)) return null;
  const record = compute as Record<string, unknown>;
  // vmId is what every IMDS answer has; without it this is not IMDS.
  if (typeof record.vmId !== 'string' || record.vmId.trim() === '') return null;
  const facts: AzureFacts = { ...NOT_AZURE, isAzure: true };
  for (const [key, max] of FIELDS) {
    const value = record[key];
    facts[key] = typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;
  }
  return facts;
}

export interface ImdsOptions {
  baseUrl: string;
  timeoutMs?: number;
  signal: AbortSignal;
}

export type HttpAnswer = { ok: true; status: number; body: string } | { ok: false; code: string | null; message: string };

/** One GET to a metadata endpoint: `Metadata: true`, a fresh connection, no proxy, a size limit. */
export function metadataGet(url: URL, timeoutMs: number, signal: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    // agent: false - a fresh connection, and node:http never uses a proxy: IMDS must be asked directly.
    const req = request(url, { method: 'GET', headers: { Metadata: 'true' }, agent: false, signal });
    const timer = setTimeout(() => finish({ ok: false, code: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
    timer.unref();
    req.on('error', (error) => finish({ ok: false, code: errorCode(error), message: errorMessage(error) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) finish({ ok: false, code: 'EFBIG', message: 'the answer is far larger than an IMDS document' });
        else chunks.push(chunk);
      });
      res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish({ ok: false, code: errorCode(error), message: errorMessage(error) }));
    });
    req.end();
  });
}

/** Never throws. Not Azure → ok with isAzure false; IMDS present but failing → unavailable. */
export async function probeImds(options: ImdsOptions): Promise<Fact<AzureFacts>> {
  const timeoutMs = Math.min(options.timeoutMs ?? IMDS_TIMEOUT_MS, IMDS_TIMEOUT_MS);
  const budget = startBudget(timeoutMs);
  let url: URL;
  try {
    url = new URL(IMDS_PATH, options.baseUrl);
  } catch {
    return unavailableFact('failed', `the IMDS address ${clip(options.baseUrl, 100)} is not a URL`);
  }
  if (url.protocol !== 'http:') return unavailableFact('failed', 'IMDS is plain HTTP; the address must start with http://');
  const answer = await metadataGet(url, timeoutMs, options.signal);
  const durationMs = roundMs(budget.elapsed());
  if (options.signal.aborted) return unavailableFact('cancelled', 'the check was cancelled', durationMs);
  if (!answer.ok) {
    // Refused, timed out, no route: no metadata service here, so not an Azure VM.
    return okFact(NOT_AZURE, durationMs);
  }
  if (answer.status === 404) return okFact(NOT_AZURE, durationMs);
  if (answer.status === 429 || answer.status >= 500) {
    return unavailableFact('failed', `the Azure metadata service answered HTTP ${answer.status}; try again in a minute`, durationMs);
  }
  if (answer.status !== 200) return okFact(NOT_AZURE, durationMs);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return okFact(NOT_AZURE, durationMs);
  }
  return okFact(parseImdsInstance(body) ?? NOT_AZURE, durationMs);
}
