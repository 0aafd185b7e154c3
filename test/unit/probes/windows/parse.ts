/** Runs a collector's raw schema and parse function on a fixture, as the runner and collector do. */
import type { z } from 'zod';
import type { CollectorSpec } from '../../../../main/probes/windows/collector';
import { fixture } from './fixtures';

export const parseFixture = <Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, machine: string): T => spec.parse(spec.raw.parse(fixture(machine, spec.script)));

/** The same for a fixture edited in the test (to reach a case no fixture shows). */
export function parseEdited<Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, machine: string, edit: (json: Record<string, unknown>) => void): T {
  const json = structuredClone(fixture(machine, spec.script)) as Record<string, unknown>;
  edit(json);
  return spec.parse(spec.raw.parse(json));
}
