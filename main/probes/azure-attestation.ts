/**
 * Can this VM get the attested document its Azure Edition activation depends on? Microsoft's check
 * (beyond-kms-facts §6.3, [AZ-WM]) asks IMDS for `/metadata/attested/document` with
 * `Metadata: true`, never through a proxy, and builds the chain of the certificate that signed it.
 * Here Node does the asking and reads the signer certificate out of the PKCS#7 signature; whether
 * the intermediate it names is in the computer's certificate store is read on Windows by
 * attestation-certificates.ps1 and compared by the diagnosis. Only ever asked on Windows: IMDS on
 * Azure, and Azure Local's legacy endpoint where IMDS did not answer.
 */
import { X509Certificate } from 'node:crypto';
import { okFact, unavailableFact, type AttestationSigner, type AzureAttestation, type AzureFacts, type Fact } from '../../shared/snapshot';
import { IMDS_TIMEOUT_MS, metadataGet, probeImds, type ImdsOptions } from './azure';
import { clip } from './network/errors';

export const ATTESTED_PATH = '/metadata/attested/document?api-version=2020-09-01';
/** Azure Local's legacy (v1, "legacy OS support") attestation endpoint inside a VM [AL-VERIF]. */
export const AZURE_LOCAL_LEGACY_BASE_URL = 'http://169.254.169.253';

// ---------------------------------------------------------------------------------------------
// The signer certificate of a PKCS#7 (CMS) SignedData, with a minimal DER reader
// ---------------------------------------------------------------------------------------------

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** One DER tag-length-value at `offset`, or null when it does not fit in the buffer. */
function readTlv(der: Uint8Array, offset: number, limit: number): Tlv | null {
  if (offset + 2 > limit) return null;
  const tag = der[offset]!;
  // Multi-byte tag numbers never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) return null;
  let length = der[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || offset + 2 + bytes > limit) return null;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[offset + 2 + i]!;
    header = 2 + bytes;
  }
  const end = offset + header + length;
  return end > limit ? null : { tag, start: offset, contentStart: offset + header, end };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  let at = parent.contentStart;
  while (at < parent.end) {
    const tlv = readTlv(der, at, parent.end);
    if (!tlv) return [];
    list.push(tlv);
    at = tlv.end;
  }
  return list;
}

const SEQUENCE = 0x30;
const OID = 0x06;
const CONTEXT_0 = 0xa0;
/** 1.2.840.113549.1.7.2, id-signedData. */
const SIGNED_DATA_OID = Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The certificates a PKCS#7 SignedData carries, DER-encoded; [] for anything else. */
export function pkcs7Certificates(der: Uint8Array): Uint8Array[] {
  const contentInfo = readTlv(der, 0, der.length);
  if (!contentInfo || contentInfo.tag !== SEQUENCE) return [];
  const [type, explicit] = children(der, contentInfo);
  if (!type || type.tag !== OID || !sameBytes(der.subarray(type.contentStart, type.end), SIGNED_DATA_OID)) return [];
  if (!explicit || explicit.tag !== CONTEXT_0) return [];
  const signedData = children(der, explicit)[0];
  if (!signedData || signedData.tag !== SEQUENCE) return [];
  // version, digestAlgorithms, encapContentInfo, then [0] IMPLICIT certificates (optional).
  const certificates = children(der, signedData).find((c, i) => i >= 3 && c.tag === CONTEXT_0);
  if (!certificates) return [];
  return children(der, certificates)
    .filter((c) => c.tag === SEQUENCE)
    .map((c) => der.subarray(c.start, c.end));
}

const commonName = (dn: string): string | null => {
  const match = /^CN=(.+)$/m.exec(dn);
  return match?.[1] ? clip(match[1].trim(), 200) : null;
};

/** Node's one-attribute-per-line name, written as Windows writes it: most specific first, comma-separated. */
const windowsStyle = (dn: string): string =>
  clip(
    dn
      .split('\n')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .reverse()
      .join(', '),
    1000,
  );

function isoOrNull(text: string): string | null {
  const at = Date.parse(text);
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/** The certificate that signed the document (the first one that is not a CA), or null. */
export function attestationSigner(signatureBase64: string): AttestationSigner | null {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(signatureBase64)) return null;
  const der = Buffer.from(signatureBase64.replace(/\s+/g, ''), 'base64');
  const parsed: X509Certificate[] = [];
  for (const cert of pkcs7Certificates(der)) {
    try {
      parsed.push(new X509Certificate(cert));
    } catch {
      // Not a certificate Node can read: skipped, as Windows would not build a chain from it.
    }
  }
  const signer = parsed.find((c) => !c.ca) ?? parsed[0];
  if (!signer) return null;
  return {
    subject: windowsStyle(signer.subject),
    issuer: windowsStyle(signer.issuer),
    issuerCommonName: commonName(signer.issuer),
    notAfter: isoOrNull(signer.validTo),
  };
}

// ---------------------------------------------------------------------------------------------
// Asking the endpoint
// ---------------------------------------------------------------------------------------------

export interface AttestationOptions {
  baseUrl: string;
  endpoint: AzureAttestation['endpoint'];
  timeoutMs: number;
  signal: AbortSignal;
}

const result = (endpoint: AzureAttestation['endpoint'], outcome: AzureAttestation['outcome'], detail: string | null, httpStatus: number | null = null, signer: AttestationSigner | null = null): AzureAttestation => ({
  endpoint,
  outcome,
  httpStatus,
  detail: detail === null ? null : clip(detail, 300),
  signer,
});

/** Never throws: every failure is an outcome with its reason. */
export async function probeAttestation(options: AttestationOptions): Promise<AzureAttestation> {
  let url: URL;
  try {
    url = new URL(ATTESTED_PATH, options.baseUrl);
  } catch {
    return result(options.endpoint, 'unreachable', `the address ${clip(options.baseUrl, 100)} is not a URL`);
  }
  if (url.protocol !== 'http:') return result(options.endpoint, 'unreachable', 'the metadata service is plain HTTP; the address must start with http://');
  const answer = await metadataGet(url, options.timeoutMs, options.signal);
  if (!answer.ok) return result(options.endpoint, 'unreachable', `${answer.code ? `${answer.code}: ` : ''}${answer.message}`);
  if (answer.status !== 200) return result(options.endpoint, 'http-error', `HTTP ${answer.status}`, answer.status >= 100 && answer.status <= 599 ? answer.status : null);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return result(options.endpoint, 'unreadable', 'the answer is not JSON', 200);
  }
  const signature = typeof body === 'object' && body !== null ? (body as { signature?: unknown }).signature : undefined;
  if (typeof signature !== 'string' || signature.length === 0) return result(options.endpoint, 'unreadable', 'the answer has no signature', 200);
  const signer = attestationSigner(signature);
  if (!signer) return result(options.endpoint, 'unreadable', 'the signature is not a PKCS#7 document with a certificate', 200);
  return result(options.endpoint, 'signed', null, 200, signer);
}

// ---------------------------------------------------------------------------------------------
// The Azure probe with the attestation check
// ---------------------------------------------------------------------------------------------

export interface AzureProbeOptions extends ImdsOptions {
  /** Azure Local's legacy endpoint, asked only when IMDS is not there; null: not asked. */
  legacyBaseUrl: string | null;
}

/**
 * IMDS's instance document (is this Azure?), then the attested document: from IMDS on Azure, else
 * from Azure Local's legacy endpoint (asked at the same time as IMDS, so a computer that is neither
 * waits one limit, not two).
 */
export async function probeAzure(options: AzureProbeOptions): Promise<Fact<AzureFacts>> {
  const timeoutMs = Math.min(options.timeoutMs ?? IMDS_TIMEOUT_MS, IMDS_TIMEOUT_MS);
  const legacy = options.legacyBaseUrl === null ? null : probeAttestation({ baseUrl: options.legacyBaseUrl, endpoint: 'azure-local-legacy', timeoutMs, signal: options.signal });
  const instance = await probeImds({ baseUrl: options.baseUrl, timeoutMs, signal: options.signal });
  if (instance.status !== 'ok') {
    await legacy;
    return instance;
  }
  const attestation = instance.value.isAzure ? await probeAttestation({ baseUrl: options.baseUrl, endpoint: 'imds', timeoutMs, signal: options.signal }) : await legacy;
  if (options.signal.aborted) return unavailableFact('cancelled', 'the check was cancelled', instance.durationMs);
  return okFact({ ...instance.value, attestation: attestation ?? null }, instance.durationMs);
}
