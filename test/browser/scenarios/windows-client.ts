import { baseHandlers, result } from './common';
import { healthySnapshot } from '../../support/snapshot-builder';

/** A healthy, activated Windows Server: the start page's status line. */
export const handlers = baseHandlers(result(healthySnapshot()));
