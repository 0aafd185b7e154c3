/**
 * "Check many computers": a generated fleet of 40 (test/support/fleet-generator.ts, every planted
 * cross-machine problem) diagnosed by the real shared fleet engine, plus two files that could not
 * be read, answered the way main answers (shared/fleet/view.ts). A machine is drilled into by the
 * id in that answer; its diagnosis is the real one, previewed like a snapshot file.
 */
import { diagnose } from '../../../shared/diagnosis';
import { buildFleetDiagnosis, summariseMachine } from '../../../shared/fleet';
import { fleetView } from '../../../shared/fleet/view';
import type { CheckResult } from '../../../shared/ipc/contract';
import { fleetMachine } from '../../support/fleet-generator';
import { healthySnapshot } from '../../support/snapshot-builder';
import type { ScenarioHandlers } from '../../support/test-bridge';
import { baseHandlers, planPreview, result } from './common';

export const FLEET_SIZE = 40;
export const FLEET_UNREADABLE = [
  { source: 'PC00099.json', reason: 'the file is not JSON (Unexpected end of JSON input)' },
  { source: 'shortcut.json', reason: 'a link, not a file; links are not followed' },
];

export function fleetAnswer() {
  const files = Array.from({ length: FLEET_SIZE }, (_, i) => `PC${String(i).padStart(5, '0')}.json`);
  const machines = files.map((file, i) => {
    const snapshot = fleetMachine(i);
    return summariseMachine(snapshot, diagnose(snapshot), file);
  });
  return { files, view: fleetView(buildFleetDiagnosis(machines, FLEET_UNREADABLE), FLEET_SIZE + FLEET_UNREADABLE.length) };
}

export function fleetHandlers(): ScenarioHandlers {
  const { files, view } = fleetAnswer();
  let shown: CheckResult = result(healthySnapshot());
  return {
    ...baseHandlers(shown),
    getAppInfo: () => ({ name: 'Activation Doctor', version: '0.1.0', platform: 'win32', canProbeWindows: true }),
    openFleetFolder: () => ({ opened: true, folderName: 'fleet-20261207', fleet: view }),
    openFleetMachine: ({ machine }) => {
      if (files[machine] === undefined) return { ok: false, error: { code: 'invalid-request', message: 'That computer is not in the folder opened last. Open the folder again with "Check many computers".' } };
      shown = result(fleetMachine(machine));
      return { name: shown.diagnosis.computerName ?? files[machine], fileName: files[machine], result: shown };
    },
    previewFix: (request) => {
      const planned = planPreview(shown.snapshot, request.fixId, request.inputs);
      return planned.kind === 'preview' ? { ...planned, token: null } : planned;
    },
  };
}

export const handlers: ScenarioHandlers = fleetHandlers();
