/** Automatic VM activation (AVMA), Active Directory-based activation (ADBA) and token-based activation. */
import type { HexCode } from '../hresult';
import type { ErrorRecord } from './record';

const AZURE_AVMA_FIX = [
  'Confirm the VM uses an AVMA key: slmgr.vbs /dlv (Description contains VIRTUAL_MACHINE_ACTIVATION).',
  'In Azure, switch to the KMS client key and Azure KMS: slmgr.vbs /ipk <GVLK>, slmgr.vbs /ckms, slmgr.vbs /skms azkms.core.windows.net:1688, slmgr.vbs /ato',
];

export const AVMA_ERRORS: ErrorRecord[] = [
  {
    code: '0xC004FD00',
    aliases: [],
    symbol: 'SL_E_IA_THROTTLE_LIMIT_EXCEEDED',
    message: "You've reached the request limit for automatic virtual machine activation. Try again later.",
    explanation: 'The VM asked its Hyper-V host for AVMA activation too often in a short time.',
    causes: ['Too many AVMA requests in a short period.'],
    nextSteps: ['Wait, then retry: slmgr.vbs /ato'],
    appliesTo: ['avma'],
    findings: [],
    fixes: ['activate'],
    sources: ['SLERR'],
  },
  {
    code: '0xC004FD01',
    aliases: [],
    symbol: 'SL_E_IA_INVALID_VIRTUALIZATION_PLATFORM',
    message: "Windows isn't running on a supported Microsoft Hyper-V virtualization platform.",
    explanation:
      'The VM has an AVMA key, but it is not running on a Windows Server Datacenter Hyper-V host that can activate it. In Azure this is always the case: AVMA is not supported there.',
    causes: [
      'The VM was configured for AVMA and moved to Azure (migrated from on-premises or another cloud, or the AVMA key was set after deployment).',
      'On-premises: the VM runs on another hypervisor, or on a host that is not Windows Server Datacenter.',
    ],
    nextSteps: AZURE_AVMA_FIX,
    appliesTo: ['avma'],
    findings: ['avma-on-azure'],
    fixes: ['switch-avma-to-azure-kms'],
    sources: ['AZ-FD', 'SLERR', 'WSD-AVMA'],
  },
  {
    code: '0xC004FD02',
    aliases: [],
    symbol: 'SL_E_IA_PARENT_PARTITION_NOT_ACTIVATED',
    message: "Windows isn't activated on the host machine. Please contact your system administrator.",
    explanation:
      'The VM uses an AVMA key, but the Hyper-V host is not an activated Windows Server Datacenter (in a failover cluster every host must be activated). In Azure, AVMA is not supported at all.',
    causes: [
      'In Azure: the VM has an AVMA key, which Azure does not support.',
      'On-premises: the Hyper-V host (or another node of the cluster) is not activated.',
    ],
    nextSteps: [...AZURE_AVMA_FIX, 'On-premises: activate the Datacenter Hyper-V host (slmgr.vbs /ato on the host) and check host event 12310.'],
    appliesTo: ['avma'],
    findings: ['avma-on-azure'],
    fixes: ['switch-avma-to-azure-kms'],
    sources: ['AZ-FD', 'SLERR', 'WSD-AVMA'],
  },
  {
    code: '0xC004FD03',
    aliases: [],
    symbol: 'SL_E_IA_ID_MISMATCH',
    message: "The host machine can't activate the edition of Windows on the virtual machine.",
    explanation: 'The Hyper-V host is older than the guest: a host activates only guests of its own Windows Server version or older.',
    causes: ['The guest Windows Server version is newer than the host (for example a 2022 guest on a 2019 host).'],
    nextSteps: ['Check the AVMA host/guest table (a Server 2019 host activates 2019, 2016 and 2012 R2 guests).', 'Move the VM to a newer Datacenter host, or use KMS or MAK for it.'],
    appliesTo: ['avma'],
    findings: [],
    fixes: [],
    sources: ['SLERR', 'WSD-AVMA'],
  },
  {
    code: '0xC004FD04',
    aliases: [],
    symbol: 'SL_E_IA_MACHINE_NOT_BOUND',
    message: "Windows isn't activated.",
    explanation: 'The VM has an AVMA key but has not been activated by its Hyper-V host.',
    causes: ['The Hyper-V Data Exchange (Key-Value Pair Exchange) integration service is disabled in the VM.', 'The host is not an activated Windows Server Datacenter.'],
    nextSteps: ['Enable the Data Exchange integration service for the VM in Hyper-V Manager.', 'Check event 12309 in the VM and 12310 on the host, then retry: slmgr.vbs /ato'],
    appliesTo: ['avma'],
    findings: [],
    fixes: ['activate'],
    sources: ['SLERR', 'WSD-AVMA'],
  },
];

export const ADBA_ERRORS: ErrorRecord[] = [
  {
    code: '0xC004F081',
    aliases: [],
    symbol: 'SL_E_VL_AD_AO_NOT_FOUND',
    message: 'The Software Licensing Service reported that the Active Directory Activation Object could not be found or was invalid.',
    explanation:
      'An Active Directory-based activation client could not find a usable activation object in the forest: none exists, or none matches the product its KMS client key (GVLK) installed (an Office object never activates Windows). Such clients then fall back to KMS.',
    causes: [
      'No activation object exists for this product, or it is damaged or unreadable.',
      'The objects in the forest were made from another product\'s KMS host key (an Office or an older Windows CSVLK): the object and the client\'s GVLK must match.',
    ],
    nextSteps: [
      'List the activation objects: slmgr.vbs /ao-list (Activation Doctor lists them too, with the product each is for when it is Office\'s).',
      'Add one made from the Windows KMS host key (CSVLK) for this version with Volume Activation Tools, or make sure a KMS host is reachable for the fallback.',
    ],
    appliesTo: ['kms-client'],
    findings: ['adba-no-windows-object', 'adba-object-removed'],
    fixes: [],
    sources: ['SLERR', 'ITPRO-ADBA', 'SLMGR-SRC'],
  },
  {
    code: '0xC004F082',
    aliases: [],
    symbol: 'SL_E_VL_AD_AO_NAME_TOO_LONG',
    message: 'The Software Licensing Service reported that the name specified for the Active Directory Activation Object is too long.',
    explanation: 'Activation object names are limited to 40 Unicode characters.',
    causes: ['The display name given for the activation object is longer than 40 characters.'],
    nextSteps: ['Repeat with a shorter name, for example: slmgr.vbs /ad-activation-online <CSVLK> "<name of 40 characters or fewer>"'],
    appliesTo: ['kms-host'],
    findings: [],
    fixes: [],
    sources: ['SLERR', 'SLMGR-SRC'],
  },
  {
    code: '0xC004F083',
    aliases: [],
    symbol: 'SL_E_VL_AD_SCHEMA_VERSION_NOT_SUPPORTED',
    message: 'The Software Licensing Service reported that Active Directory-Based Activation is not supported in the current Active Directory schema.',
    explanation: 'The Active Directory schema has no activation objects container, so Active Directory-based activation cannot be used until the schema is extended to the Windows Server 2012 R2 level (or higher).',
    causes: [
      'The forest schema was never extended to the Windows Server 2012 R2 (or higher) level that Active Directory-based activation needs: the container CN=Activation Objects,CN=Microsoft SPP,CN=Services in the configuration partition does not exist (reading it fails with 0x80072030, which slmgr reports as this code).',
    ],
    nextSteps: [
      'Extend the forest schema to the Windows Server 2012 R2 or higher level (adprep.exe on a supported server); older domain controllers can still activate clients afterwards.',
      'Then add the activation object: Volume Activation Tools (vmw.exe) → Active Directory-Based Activation, or slmgr.vbs /ad-activation-online <KMS host key>.',
    ],
    appliesTo: ['kms-host', 'kms-client'],
    findings: [],
    fixes: [],
    sources: ['SLERR', 'ITPRO-ADBA', 'SLMGR-SRC'],
  },
];

// Token-based activation (slerror.h zone 0xF300-0xF3FF). None of Microsoft's troubleshooting
// articles covers it; the names and texts are the SDK's.
const TOKEN_CODES: [HexCode, string, string][] = [
  ['0xC004F301', 'SL_E_TKA_CHALLENGE_EXPIRED', 'The Software Licensing Service reported that the product could not be activated. The token-based activation challenge has expired.'],
  [
    '0xC004F302',
    'SL_E_TKA_SILENT_ACTIVATION_FAILURE',
    'The Software Licensing Service reported that Silent Activation failed. The Software Licensing Service reported that there are no certificates found in the system that could activate the product without user interaction.',
  ],
  ['0xC004F303', 'SL_E_TKA_INVALID_CERT_CHAIN', 'The Software Licensing Service reported that the certificate chain could not be built or failed validation.'],
  ['0xC004F304', 'SL_E_TKA_GRANT_NOT_FOUND', 'The Software Licensing Service reported that required license could not be found.'],
  ['0xC004F305', 'SL_E_TKA_CERT_NOT_FOUND', 'The Software Licensing Service reported that there are no certificates found in the system that could activate the product.'],
  ['0xC004F306', 'SL_E_TKA_INVALID_SKU_ID', 'The Software Licensing Service reported that this software edition does not support token-based activation.'],
  ['0xC004F307', 'SL_E_TKA_INVALID_BLOB', 'The Software Licensing Service reported that the product could not be activated. Activation data is invalid.'],
  ['0xC004F308', 'SL_E_TKA_TAMPERED_CERT_CHAIN', 'The Software Licensing Service reported that the product could not be activated. Activation data is tampered.'],
  ['0xC004F309', 'SL_E_TKA_CHALLENGE_MISMATCH', 'The Software Licensing Service reported that the product could not be activated. Activation challenge and response do not match.'],
  ['0xC004F30A', 'SL_E_TKA_INVALID_CERTIFICATE', 'The Software Licensing Service reported that the product could not be activated. The certificate does not match the conditions in the license.'],
  ['0xC004F30B', 'SL_E_TKA_INVALID_SMARTCARD', 'The Software Licensing Service reported that the inserted smartcard could not be used to activate the product.'],
  ['0xC004F30C', 'SL_E_TKA_FAILED_GRANT_PARSING', 'The Software Licensing Service reported that the token-based activation license content is invalid.'],
  ['0xC004F30D', 'SL_E_TKA_INVALID_THUMBPRINT', 'The Software Licensing Service reported that the product could not be activated. The thumbprint is invalid.'],
  ['0xC004F30E', 'SL_E_TKA_THUMBPRINT_CERT_NOT_FOUND', 'The Software Licensing Service reported that the product could not be activated. The thumbprint does not match any certificate.'],
  [
    '0xC004F30F',
    'SL_E_TKA_CRITERIA_MISMATCH',
    'The Software Licensing Service reported that the product could not be activated. The certificate does not match the criteria specified in the issuance license.',
  ],
  [
    '0xC004F310',
    'SL_E_TKA_TPID_MISMATCH',
    'The Software Licensing Service reported that the product could not be activated. The certificate does not match the trust point identifier (TPID) specified in the issuance license.',
  ],
  ['0xC004F311', 'SL_E_TKA_SOFT_CERT_DISALLOWED', 'The Software Licensing Service reported that the product could not be activated. A soft token cannot be used for activation.'],
  [
    '0xC004F312',
    'SL_E_TKA_SOFT_CERT_INVALID',
    'The Software Licensing Service reported that the product could not be activated. The certificate cannot be used because its private key is exportable.',
  ],
  [
    '0xC004F313',
    'SL_E_TKA_CERT_CNG_NOT_AVAILABLE',
    'The Software Licensing Service reported that the CNG encryption library could not be loaded.  The current certificate may not be available on this version of Windows.',
  ],
];

export const TOKEN_ERRORS: ErrorRecord[] = TOKEN_CODES.map(([code, symbol, message]) => ({
  code,
  aliases: [],
  symbol,
  message,
  explanation:
    'A token-based activation error (activation with a certificate issued to your organisation, used in isolated networks). It only occurs when token-based activation is configured.',
  causes: ['Token-based activation failed: see the message for which check (certificate, licence, challenge) did not pass.'],
  nextSteps: [
    'List installed token activation licences: slmgr.vbs /lil',
    'List certificates usable for token activation: slmgr.vbs /ltc',
    'If token-based activation is not intended, allow other activation types again: slmgr.vbs /act-type 0',
  ],
  appliesTo: [],
  findings: [],
  fixes: [],
  sources: ['SLERR', 'WSD-SLMGR'],
}));
