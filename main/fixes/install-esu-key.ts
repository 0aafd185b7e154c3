/**
 * Windows 10 Extended Security Updates: installs the ESU MAK and activates the ESU licence of the
 * chosen year by its activation ID, as Microsoft's "Enable Extended Security Updates (ESU)" page
 * does with `slmgr /ipk <ESU MAK>` then `slmgr /ato <Activation ID>` [IT-ESU]. The activation ID
 * is never left out: without it slmgr acts on Windows' own licence. Nothing here uninstalls a key.
 */
import { ESU_PREREQUISITES, esuLicence, type EsuYear } from '../../shared/knowledge/esu';
import { normaliseProductKey } from '../../shared/knowledge/product-key';
import { productForOs } from '../../shared/knowledge/products';
import type { ScriptParams } from '../powershell/command';
import type { FixDefinition, FixState, FixStep, Refusal } from './types';
import { ACTIVATE_RETRY } from './activate';
import { requireElevation, slmgr, windowsProduct } from './common';

const yearOf = (raw: string | undefined): EsuYear | null => (raw === '1' || raw === '2' || raw === '3' ? (Number(raw) as EsuYear) : null);

/** The ESU licences this computer reported: from its own check when there is one, else from the licence state. */
function esuLicences(state: FixState): Array<{ year: EsuYear; partialProductKey: string | null; licenseStatus: number }> {
  const fact = state.snapshot?.windows.esu;
  if (fact?.status === 'ok') return fact.value.licences;
  return [];
}

function refusal(code: Refusal['code'], message: string, overridable = false): Refusal {
  return { code, message, overridable };
}

export const installEsuKey: FixDefinition = {
  id: 'install-esu-key',
  title: 'Install the Windows 10 ESU key and activate it',
  summary: 'Installs the Extended Security Updates MAK you enter and activates the ESU licence of that year online with Microsoft (slmgr /ipk, then slmgr /ato with the year\'s activation ID).',
  inputs: [
    { name: 'key', label: 'ESU product key (MAK)', hint: 'the ESU MAK from the Microsoft 365 admin centre: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (leave empty when it is already installed and only needs activating)', kind: 'product-key', required: false, secret: true, keyPurpose: 'esu-mak' },
    { name: 'year', label: 'ESU year', hint: '1, 2 or 3: the year of the ESU programme the key was bought for', kind: 'esu-year', required: true, secret: false },
  ],
  addresses: ['esu-not-activated', 'esu-year-not-covered', 'esu-not-enrolled'],
  verify: ['windows.esu', 'windows.licensing'],
  needsElevation: true,
  precondition: (state, inputs) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    if (state.os) {
      const product = productForOs({ build: state.os.build, editionId: state.os.editionId, server: state.os.productType !== 1 });
      if (product !== 'win10') {
        return refusal('not-applicable', `Windows 10 ESU licences apply to Windows 10, version ${ESU_PREREQUISITES.version}; this computer runs ${state.os.caption || `build ${state.os.build}`}.`);
      }
    }
    const year = yearOf(inputs.year);
    if (year === null) return null;
    const licences = esuLicences(state);
    if (!inputs.key) {
      // Activating only: the year's licence must already carry a key.
      const installed = licences.find((l) => l.year === year);
      if (installed && installed.partialProductKey === null) return refusal('not-applicable', `No ESU key is installed for ESU Year ${year}: enter the Year ${year} ESU MAK to install it.`);
      if (installed && installed.licenseStatus === 1) return refusal('not-applicable', `ESU Year ${year} is already activated (key ending in ${installed.partialProductKey}).`);
      return null;
    }
    const key = normaliseProductKey(inputs.key);
    if (!key.ok) return null;
    // The key Windows itself runs on is never the ESU key; installing it again changes nothing.
    const windows = windowsProduct(state);
    if (windows?.partialProductKey === key.last5) {
      return refusal('not-applicable', `The key ending in ${key.last5} is the key Windows itself is licensed with, not an ESU key. Enter the ESU MAK from the Microsoft 365 admin centre.`);
    }
    for (const licence of licences) {
      if (licence.partialProductKey !== key.last5) continue;
      if (licence.year !== year) {
        return refusal('not-applicable', `The key ending in ${key.last5} is already installed for ESU Year ${licence.year}, not Year ${year}: choose year ${licence.year}.`);
      }
      if (licence.licenseStatus === 1) {
        return refusal('not-applicable', `ESU Year ${year} is already activated with the key ending in ${key.last5}; activating it again would use up another MAK activation.`);
      }
    }
    return null;
  },
  plan: (_state, inputs) => {
    const withKey = Boolean(inputs.key);
    const parsed = normaliseProductKey(inputs.key ?? '');
    const year = yearOf(inputs.year);
    const licence = year === null ? null : esuLicence(year);
    const last5 = parsed.ok ? parsed.last5 : '?';
    const masked = parsed.ok ? `*****-*****-*****-*****-${parsed.last5}` : '<key>';
    const activationId = licence?.activationId ?? '<activation ID>';
    const activateChange = `Activate ${licence ? licence.programme : 'the ESU licence'} (activation ID ${activationId}) online with Microsoft`;
    const install: FixStep = { script: 'fix-licensing', params: { operation: 'install-product-key', key: parsed.ok ? parsed.key : '' }, describe: `install the ESU key ending in ${last5}`, timeoutMs: 120_000 };
    // After a new key, that licence must carry it: a key bought for another year is caught here.
    const activateParams: ScriptParams = withKey && parsed.ok ? { operation: 'activate-licence', activationId: licence?.activationId ?? '', partialKey: parsed.last5 } : { operation: 'activate-licence', activationId: licence?.activationId ?? '' };
    const activateStep: FixStep = { script: 'fix-licensing', params: activateParams, describe: `activate ESU Year ${year ?? '?'}`, timeoutMs: 120_000, retry: ACTIVATE_RETRY };
    return {
      changes: withKey ? [`Install the ESU key ending in ${last5}`, activateChange] : [activateChange],
      commands: withKey ? [slmgr('/ipk', masked), slmgr('/ato', activationId)] : [slmgr('/ato', activationId)],
      steps: withKey ? [install, activateStep] : [activateStep],
    };
  },
};
