import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../main/fixes/inputs';
import { fixInfo, FIXES } from '../../../main/fixes/registry';
import { validateFixInput } from '../../../renderer/src/components/inputValidation';
import { hostileCorpus } from './hostile-corpus';

// What the fix dialog says live and what main answers before running must be the same verdict
// and the same reason (only the name of the input differs: its label in the dialog, its flag in main).
const samples = [
  'kms1.corp.example',
  'kms1.corp.example:1688',
  '[2001:db8::5]:1688',
  'corp.example',
  'kms 2',
  'W269N-WFGWX-YVC9B-4J6C9-T83GX', // published GVLK (Windows 10/11 Pro)
  'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', // placeholder
  'NPPR9-FWDCX-D2C8J-H872K-2YT43',
  '123456-123456-123456-123456-123456-123456-123456-123456',
  ...hostileCorpus().slice(0, 60),
];

describe('one fix-input parser for the dialog and the engine', () => {
  for (const fix of FIXES) {
    const info = fixInfo(fix);
    for (const [i, spec] of fix.inputs.entries()) {
      it(`${fix.id} --${spec.name}: same verdict and reason`, () => {
        for (const value of samples.filter((s) => s.trim() !== '')) {
          const main = validateInput(spec, value);
          const dialog = validateFixInput(info.inputs[i]!, value);
          expect(dialog === null, `${value}`).toBe(main.ok);
          if (!main.ok) expect(dialog!.replace(info.inputs[i]!.label, '')).toBe(main.message.replace(`--${spec.name}`, ''));
        }
      });
    }
  }

  it('refuses a published GVLK in the MAK/retail and KMS host key fields, naming what it is', () => {
    for (const id of ['install-key-and-activate', 'install-kms-host-key']) {
      const info = fixInfo(FIXES.find((f) => f.id === id)!);
      expect(info.inputs[0]!.keyPurpose).toBeDefined();
      expect(validateFixInput(info.inputs[0]!, 'W269N-WFGWX-YVC9B-4J6C9-T83GX')).toMatch(/published KMS client setup key \(GVLK\)/);
    }
  });
});
