/**
 * Administrator rights (elevation.ps1): WindowsPrincipal.IsInRole(Administrator), which is false in
 * a non-elevated process even for a member of the Administrators group.
 */
import { z } from 'zod';
import { ElevationSchema } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeElevation } from '../outcomes';

export const RawElevationSchema = z.object({ elevated: z.boolean() });
export type RawElevation = z.output<typeof RawElevationSchema>;

export const parseElevation = (raw: RawElevation): { elevated: boolean } => ({ elevated: raw.elevated });

export const elevationCollector = defineCollector({
  script: 'elevation',
  subject: 'the administrator rights',
  raw: RawElevationSchema,
  parse: parseElevation,
  value: ElevationSchema,
});

/** The registry's entry (registry.ts). */
export const elevationProbe = defineWindowsProbe({ ...elevationCollector, key: 'elevation', describe: describeElevation });
