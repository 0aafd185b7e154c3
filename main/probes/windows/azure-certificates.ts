/**
 * Azure issuing-CA certificates (azure-certificates.ps1): the "Microsoft Azure" certificates of
 * LocalMachine\CA and LocalMachine\Root, which the diagnosis compares with the intermediate that
 * signed the Azure attested document (main/probes/azure-attestation.ts).
 */
import { z } from 'zod';
import { AzureCertificatesFactsSchema, type AzureCertificate, type AzureCertificatesFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeAzureCertificates } from '../outcomes';
import { isoTime, psArray, psText, text } from './normalise';

const RawCertificateSchema = z.object({
  store: z.enum(['CA', 'Root']),
  subject: psText,
  issuer: psText,
  thumbprint: psText,
  notBefore: psText,
  notAfter: psText,
});

export const RawAzureCertificatesSchema = z.object({
  certificates: psArray(RawCertificateSchema),
});
export type RawAzureCertificates = z.output<typeof RawAzureCertificatesSchema>;

/** The CN of a distinguished name as .NET writes it ("CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US"). */
export function commonNameOf(dn: string): string | null {
  const match = /(?:^|,\s*)CN=("(?:[^"]|"")*"|[^,]*)/.exec(dn);
  if (!match?.[1]) return null;
  const value = match[1].startsWith('"') ? match[1].slice(1, -1).replace(/""/g, '"') : match[1];
  return text(value.trim(), 200);
}

function parseCertificate(raw: z.output<typeof RawCertificateSchema>): AzureCertificate {
  const subject = text(raw.subject, 1000) ?? '';
  const thumbprint = text(raw.thumbprint, 40)?.toUpperCase() ?? null;
  return {
    store: raw.store,
    subject,
    commonName: commonNameOf(subject),
    issuer: text(raw.issuer, 1000) ?? '',
    thumbprint: thumbprint && /^[0-9A-F]{40}$/.test(thumbprint) ? thumbprint : null,
    notBefore: isoTime(raw.notBefore),
    notAfter: isoTime(raw.notAfter),
  };
}

export function parseAzureCertificates(raw: RawAzureCertificates): AzureCertificatesFacts {
  return { certificates: raw.certificates.slice(0, 64).map(parseCertificate) };
}

export const azureCertificatesCollector = defineCollector({
  script: 'azure-certificates',
  subject: 'the Azure certificates in the computer certificate store',
  raw: RawAzureCertificatesSchema,
  parse: parseAzureCertificates,
  value: AzureCertificatesFactsSchema,
});

/** The registry's entry (registry.ts). */
export const azureCertificatesProbe = defineWindowsProbe({ ...azureCertificatesCollector, key: 'azureCertificates', describe: describeAzureCertificates });
