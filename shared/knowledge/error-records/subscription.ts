/** Windows subscription activation (Enterprise E3/E5, Education): the code its pages name. */
import type { ErrorRecord } from './record';

export const SUBSCRIPTION_ERRORS: ErrorRecord[] = [
  {
    code: '0xC004F034',
    aliases: [],
    symbol: 'SL_E_EUL_NOT_AVAILABLE',
    message: 'The Software Licensing Service reported that the license could not be found or was invalid.',
    explanation:
      'Windows found no valid licence for the installed product. On a device that steps up to Windows Enterprise or Education by subscription, Microsoft shows this code when the underlying Windows Pro (or Pro Education) licence itself is not activated: subscription activation does not remove the need to activate the underlying Windows.',
    causes: [
      'The device has no firmware-embedded Windows Pro key (it started as Windows Home, or the key was never applied), so Windows Pro was never activated.',
      'Firmware-embedded activation happens automatically only during Windows Setup (OOBE); a device imaged afterwards may not have used its firmware key.',
    ],
    nextSteps: [
      'Check for a firmware key: (Get-CimInstance -ClassName SoftwareLicensingService).OA3xOriginalProductKeyDescription is not empty when there is one.',
      'If there is one, apply it with changepk.exe /ProductKey <the firmware key>, as Microsoft\'s subscription activation page shows; otherwise install a Windows Pro (or Pro Education) MAK or retail key and activate.',
      'Never install an Enterprise KMS client key (GVLK) or point such a device at a KMS host: subscription activation replaces them.',
    ],
    appliesTo: ['retail', 'mak'],
    findings: ['subscription-base-not-activated'],
    fixes: ['install-key-and-activate'],
    sources: ['ITPRO-DEL', 'ITPRO-SUB', 'SLERR'],
  },
];
