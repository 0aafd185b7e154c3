import { describe, expect, it } from 'vitest';
import { azureCertificatesCollector, commonNameOf } from '../../../../main/probes/windows/azure-certificates';
import { AzureCertificatesFactsSchema } from '../../../../shared/snapshot';
import { parseEdited, parseFixture } from './parse';

type Certs = Array<Record<string, unknown>>;
const certs = (json: Record<string, unknown>) => json.certificates as Certs;

describe('parseAzureCertificates', () => {
  it('reads the Azure issuing CAs of an Azure Edition VM with their store, common name and validity', () => {
    const facts = parseFixture(azureCertificatesCollector, 'ws2022-azure-edition');
    expect(AzureCertificatesFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.certificates).toEqual([
      {
        store: 'CA',
        subject: 'CN=Microsoft Azure RSA TLS Issuing CA 03, O=Microsoft Corporation, C=US',
        commonName: 'Microsoft Azure RSA TLS Issuing CA 03',
        issuer: 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US',
        thumbprint: 'F9388EA2C9B7D632B66A2B0B406DF1D37D3901F6',
        notBefore: '2023-06-08T00:00:00.000Z',
        notAfter: '2026-08-25T23:59:59.000Z',
      },
      expect.objectContaining({ store: 'Root', commonName: 'Microsoft Azure RSA TLS Issuing CA 04' }),
    ]);
  });

  it('reads one certificate written as a single object, and none', () => {
    expect(parseEdited(azureCertificatesCollector, 'ws2022-azure-edition', (json) => (json.certificates = certs(json)[1])).certificates.map((c) => c.store)).toEqual(['Root']);
    expect(parseEdited(azureCertificatesCollector, 'ws2022-azure-edition', (json) => (json.certificates = null)).certificates).toEqual([]);
  });

  it('drops a malformed thumbprint and an unreadable date, and refuses a store it did not read', () => {
    const facts = parseEdited(azureCertificatesCollector, 'ws2022-azure-edition', (json) => {
      certs(json)[0]!.thumbprint = 'not-a-thumbprint';
      certs(json)[0]!.notAfter = 'tomorrow';
    });
    expect(facts.certificates[0]).toMatchObject({ thumbprint: null, notAfter: null });
    expect(() => parseEdited(azureCertificatesCollector, 'ws2022-azure-edition', (json) => (certs(json)[0]!.store = 'My'))).toThrow();
  });

  it('takes the CN of a distinguished name, quoted or not, wherever it stands', () => {
    expect(commonNameOf('CN=Microsoft Azure ECC TLS Issuing CA 03, O=Microsoft Corporation, C=US')).toBe('Microsoft Azure ECC TLS Issuing CA 03');
    expect(commonNameOf('O=Microsoft Corporation, CN="Azure, Test ""CA""", C=US')).toBe('Azure, Test "CA"');
    expect(commonNameOf('O=Microsoft Corporation, C=US')).toBeNull();
    // "CN=" inside another attribute's value is not the CN.
    expect(commonNameOf('OU=xCN=evil, CN=Real')).toBe('Real');
  });
});
