/** The fix engine's view of a computer, taken from a snapshot (for previews of another computer). */
import { factValue, type Snapshot } from '../../shared/snapshot';
import type { FixState } from './types';

export function stateFromSnapshot(snapshot: Snapshot): FixState {
  return {
    elevated: factValue(snapshot.windows.elevation)?.elevated ?? null,
    os: factValue(snapshot.windows.os) ?? null,
    licensing: factValue(snapshot.windows.licensing) ?? null,
    services: factValue(snapshot.windows.services) ?? null,
    office: factValue(snapshot.windows.office) ?? null,
    snapshot,
  };
}
