/**
 * "Check many computers" in the wizard: a folder the technician chose in the OS dialog, read one
 * snapshot at a time through the same hostile-file-safe reader as `fleet diagnose`
 * (snapshot-folder.ts: size and nesting limits, links not followed, unreadable files listed with
 * why), diagnosed with the shared fleet engine, and cut down to the screen's bounded view. Main
 * keeps the folder and the file name behind each machine id; the renderer only ever gets ids.
 */
import { createFleetAccumulator } from '../../shared/fleet';
import { fleetView, MAX_FLEET_MACHINES, type FleetView } from '../../shared/fleet/view';
import { UserFacingError } from '../user-facing-error';
import { listSnapshotFiles, readSnapshotFolder, SnapshotFolderError } from './snapshot-folder';

export interface FleetFolder {
  path: string;
  /** Machine id (its position in the view) → the file it was read from. */
  machineFiles: readonly string[];
}

export async function openFleetFolder(path: string): Promise<{ folder: FleetFolder; view: FleetView }> {
  let files: string[];
  try {
    files = await listSnapshotFiles(path);
  } catch (error) {
    if (error instanceof SnapshotFolderError) throw new UserFacingError('failed', `The folder cannot be read: ${error.message}. Choose the folder that holds the snapshot files.`);
    throw error;
  }
  const read = files.slice(0, MAX_FLEET_MACHINES);
  const acc = createFleetAccumulator();
  const machineFiles: string[] = [];
  // Streamed: each snapshot is diagnosed and dropped; only its small summary and its file name stay.
  for await (const input of readSnapshotFolder(path, read)) {
    if (acc.add(input) !== null) machineFiles.push(input.source);
  }
  return { folder: { path, machineFiles }, view: fleetView(acc.finish(), files.length, files.length - read.length) };
}
