/**
 * Reads a folder of snapshot files one at a time, for the fleet diagnosis: each file goes through
 * the same hostile-file-safe reader as `diagnose --snapshot` (main/snapshot-file.ts), and is
 * yielded as a snapshot or as the reason it could not be read. Only `.json` files directly in the
 * folder are read; links and folders are left alone. Nothing is held after it is yielded.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetInput } from '../../shared/fleet';
import { MAX_SNAPSHOT_BYTES } from '../../shared/snapshot';
import { readSnapshotBytes } from '../snapshot-file';

const errorCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error');

export class SnapshotFolderError extends Error {}

/** The .json file names in the folder, sorted; a folder that cannot be listed is a SnapshotFolderError. */
export async function listSnapshotFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = errorCode(error);
    throw new SnapshotFolderError(code === 'ENOENT' ? `${folder} does not exist` : code === 'ENOTDIR' ? `${folder} is not a folder` : `cannot read the folder ${folder} (${code})`);
  }
  return names.filter((n) => n.toLowerCase().endsWith('.json')).sort();
}

export async function readFleetFile(folder: string, name: string): Promise<FleetInput> {
  const path = join(folder, name);
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return { source: name, ok: false, reason: 'a link, not a file; links are not followed' };
    if (!info.isFile()) return { source: name, ok: false, reason: 'not a file' };
    if (info.size > MAX_SNAPSHOT_BYTES) return { source: name, ok: false, reason: `the file is ${Math.round(info.size / 1024)} KB; a snapshot is a few tens of kilobytes` };
    const parsed = readSnapshotBytes(await readFile(path));
    return parsed.ok ? { source: name, ok: true, snapshot: parsed.snapshot } : { source: name, ok: false, reason: parsed.message };
  } catch (error) {
    return { source: name, ok: false, reason: `cannot read the file (${errorCode(error)})` };
  }
}

/**
 * Every snapshot file of the folder, in name order. A few reads run ahead of the one being
 * diagnosed (the disk works while the CPU diagnoses), so at most `readAhead` snapshots are held.
 */
export async function* readSnapshotFolder(folder: string, names?: readonly string[], readAhead = 8): AsyncGenerator<FleetInput> {
  const list = names ?? (await listSnapshotFiles(folder));
  const window: Promise<FleetInput>[] = [];
  let next = 0;
  while (next < list.length || window.length > 0) {
    while (window.length < readAhead && next < list.length) window.push(readFleetFile(folder, list[next++]!));
    yield await window.shift()!;
  }
}
