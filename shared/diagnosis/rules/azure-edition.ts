/**
 * Windows Server Datacenter: Azure Edition shows "Activate Windows" when it cannot prove it runs on
 * Azure or Azure Local, even while SoftwareLicensingProduct says the KMS activation succeeded
 * [AZ-WM]. The proof is IMDS's attested document, signed by a certificate whose chain the VM must
 * build: the two documented causes are an unreachable attested endpoint and a missing intermediate
 * certificate. Azure Local serves the same attestation ("Azure verification for VMs") [AL-VERIF].
 */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import type { DiagnosisContext } from '../context';
import type { AzureAttestation, OsFacts } from '../../snapshot';
import type { Evidence } from '../types';

/** KB5036909 (April 9, 2024) is Windows Server 2022 build 20348.2402 [AZ-WM]. */
const WS2022_BUILD = 20348;
const KB5036909_UBR = 2402;

/** Azure Edition, as Microsoft's own activation script tells it: the OS name contains "Azure" [AZ-SCRIPT]. */
export function isAzureEdition(os: OsFacts): boolean {
  return os.productType !== 1 && /\bAzure\b/i.test(os.caption);
}

type Gate = { status: 'applies'; os: OsFacts; attestation: AzureAttestation; isAzure: boolean } | { status: 'result'; result: ReturnType<Rule['evaluate']> };

function gate(ctx: DiagnosisContext): Gate {
  const osFact = ctx.snapshot.windows.os;
  if (osFact.status === 'unavailable') return { status: 'result', result: osFact.reason === 'not-windows' ? notApplicable : unknown(['windows.os'], 'the Windows edition could not be read') };
  if (!isAzureEdition(osFact.value)) return { status: 'result', result: notApplicable };
  const azure = ctx.snapshot.azure;
  if (azure.status === 'unavailable') return { status: 'result', result: unknown(['azure'], `the metadata service could not be asked: ${azure.detail}`) };
  const attestation = azure.value.attestation;
  if (!attestation) return { status: 'result', result: unknown(['azure'], 'the attested document was not checked (a snapshot taken before this check existed, or a metadata address given by hand)') };
  return { status: 'applies', os: osFact.value, attestation, isAzure: azure.value.isAzure };
}

const ENDPOINT_TEXT: Record<AzureAttestation['endpoint'], string> = {
  imds: 'Azure IMDS (169.254.169.254)',
  'azure-local-legacy': "Azure Local's attestation endpoint (169.254.169.253)",
};

function attestationEvidence(a: AzureAttestation, ok: boolean | null): Evidence {
  const observed = a.outcome === 'signed' ? `signed by ${a.signer?.subject ?? 'a certificate'}` : `${a.outcome}${a.detail ? `: ${a.detail}` : ''}`;
  return evidence('azure.attestation', `Attested document from ${ENDPOINT_TEXT[a.endpoint]}`, observed, 'a signed document', ok);
}

/** Windows Server 2022 below build 20348.2402 lacks KB5036909, the update Azure Edition needs. */
function missingKb5036909(os: OsFacts): boolean {
  return os.build === WS2022_BUILD && os.ubr !== null && os.ubr < KB5036909_UBR;
}

const osEvidence = (os: OsFacts): Evidence =>
  evidence('windows.os.build', 'Windows', `${os.caption} (build ${os.build}${os.ubr !== null ? `.${os.ubr}` : ''})`, os.build === WS2022_BUILD ? `${WS2022_BUILD}.${KB5036909_UBR} (KB5036909) or later` : null, os.build === WS2022_BUILD ? !missingKb5036909(os) : null);

const AFTER_THE_FIX = 'Then run c:\\windows\\system32\\fclip.exe as an administrator, and restart (or sign out and in): the watermark goes and Settings > System > Activation shows the application state as successful.';

export const azureAttestationUnreachable: Rule = {
  id: 'azure-attestation-unreachable',
  stage: 'state',
  question: 'Can this Azure Edition VM get its attested document (Azure IMDS or Azure Local)?',
  sources: ['AZ-WM', 'AL-VERIF'],
  evaluate(ctx) {
    const g = gate(ctx);
    if (g.status === 'result') return g.result;
    const { os, attestation, isAzure } = g;
    if (attestation.outcome === 'signed') return pass(`${ENDPOINT_TEXT[attestation.endpoint]} returned a signed attested document`);
    const kb = missingKb5036909(os);
    if (isAzure) {
      return finding({
        severity: 'blocker',
        title: 'This Azure Edition VM cannot get its attested document from IMDS',
        explanation: `Azure Edition needs IMDS's attested document to prove it runs on Azure; without it Windows shows "Activate Windows" and Settings reports an activation failure even though the KMS activation succeeded (SoftwareLicensingProduct alone cannot show this). IMDS answered this VM's instance request, but the attested document failed: ${attestation.detail ?? attestation.outcome}.`,
        evidence: [attestationEvidence(attestation, false), osEvidence(os)],
        fixes: [],
        guidance: [
          'Bypass any web proxy for 169.254.169.254 (as for 168.63.129.16): IMDS must be asked directly.',
          'Run "route print": the route to 169.254.169.254 must use the primary network card; compare its MAC and IPv4 address with the VM\'s primary NIC in Azure (az vm nic show, or the portal) and fix the routes if they differ.',
          ...(kb ? ['Install KB5036909 (April 9, 2024, OS build 20348.2402) or a later cumulative update: Windows Server 2022 Azure Edition needs it.'] : []),
          AFTER_THE_FIX,
        ],
        strength: 0.9,
      });
    }
    return finding({
      severity: 'warning',
      title: 'This Azure Edition VM reaches neither Azure IMDS nor Azure Local attestation',
      explanation: `Azure Edition activates only on Azure, or on Azure Local with "Azure verification for VMs" (Azure benefits) enabled; elsewhere Windows shows "Activate Windows" saying the VM "has been deactivated because you are not running on Azure or a supported Azure Stack hypervisor". Azure IMDS did not answer, and neither did Azure Local's legacy endpoint (${attestation.detail ?? attestation.outcome}). On Azure Local a VM can also attest over VMBus (the Guest Service Interface), which cannot be checked from inside the VM: check the host as below.`,
      evidence: [evidence('azure.isAzure', 'Azure IMDS', 'did not answer', 'answers on Azure', false), attestationEvidence(attestation, false), osEvidence(os)],
      fixes: [],
      guidance: [
        'On the Azure Local host: Get-AzureStackHCI must show "IMDS Attestation" as Connected; Get-AzureStackHCIAttestation and Get-AzStackHCIVMAttestation list the VMs; if the cluster has not synced with Azure for more than 30 days, run Sync-AzureStackHCI.',
        'For this VM: Get-VMIntegrationService -VMName <vm> -Name "Guest Service Interface" must be enabled (Enable-VMIntegrationService); VMs using legacy OS support need Add-AzStackHCIVMAttestation -VMName <vm>.',
        ...(kb ? ['Install KB5036909 (April 9, 2024, OS build 20348.2402) or a later cumulative update: Azure Edition on Azure Local needs it.'] : []),
        'Not on Azure or Azure Local? Azure Edition is not licensed to run here: install Windows Server Datacenter instead.',
      ],
      strength: 0.5,
    });
  },
};

export const azureAttestationCertificateMissing: Rule = {
  id: 'azure-attestation-certificate-missing',
  stage: 'state',
  question: "Does this Azure Edition VM hold the intermediate certificate that signed its attested document (LocalMachine\\CA, still valid)?",
  sources: ['AZ-WM', 'AZ-IMDSCC', 'AZ-CA'],
  evaluate(ctx) {
    const g = gate(ctx);
    if (g.status === 'result') return g.result;
    const { os, attestation } = g;
    if (attestation.outcome !== 'signed' || !attestation.signer) return pass('no signed attested document to check (see the attestation check)');
    const needed = attestation.signer.issuerCommonName;
    if (!needed) return pass('the signing certificate names no issuing CA by common name');
    const certsFact = ctx.snapshot.windows.azureCertificates;
    if (certsFact.status === 'unavailable') return unknown(['windows.azureCertificates'], `the certificate store could not be read: ${certsFact.detail}`);
    const takenAt = Date.parse(ctx.snapshot.takenAt);
    const named = certsFact.value.certificates.filter((c) => c.commonName?.toLowerCase() === needed.toLowerCase());
    const valid = named.filter((c) => c.store === 'CA' && (c.notAfter === null || Date.parse(c.notAfter) > takenAt));
    if (valid.length > 0) return pass(`${needed} is in LocalMachine\\CA`);
    const inCa = named.filter((c) => c.store === 'CA');
    const inRoot = named.filter((c) => c.store === 'Root');
    const state = inCa.length > 0 ? `expired on ${inCa.map((c) => c.notAfter).join(', ')}` : inRoot.length > 0 ? 'only in LocalMachine\\Root, the wrong store' : 'missing';
    const kb = missingKb5036909(os);
    return finding({
      severity: 'warning',
      title: inCa.length > 0 ? `The intermediate certificate ${needed} has expired` : inRoot.length > 0 ? `The intermediate certificate ${needed} is in the wrong store` : `The intermediate certificate ${needed} is missing`,
      explanation: `The attested document that proves this Azure Edition VM runs on Azure is signed by ${attestation.signer.subject}, issued by ${attestation.signer.issuer}. Windows can only trust it when that intermediate is in the computer's Intermediate Certification Authorities store (LocalMachine\\CA) and valid, or can be downloaded while the chain is built. Here it is ${state}. Microsoft names a missing or expired intermediate as a cause of the "Activate Windows" watermark on Azure Edition.`,
      evidence: [
        evidence('azure.attestation.signer.issuer', 'Attested document signed under', needed),
        evidence('windows.azureCertificates.certificates', `${needed} in the certificate store`, state, 'in LocalMachine\\CA and valid', false),
        osEvidence(os),
      ],
      fixes: [],
      guidance: [
        ...(kb ? ['Install KB5036909 (April 9, 2024, OS build 20348.2402) or a later cumulative update.'] : []),
        'Allow certificate downloads and revocation lists through the firewall and proxy ("Certificate downloads and revocation lists"), or install the Azure intermediate and root certificates from Microsoft\'s "Azure Certificate Authority details" page (certificate authority chains) into the Local Machine stores by hand.',
        ...(inRoot.length > 0 ? [`Move ${needed} from Trusted Root Certification Authorities to Intermediate Certification Authorities (Local Machine).`] : []),
        AFTER_THE_FIX,
      ],
      strength: 0.6,
    });
  },
};
