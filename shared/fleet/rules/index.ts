/** Every fleet rule, in the order their findings are listed. */
import type { FleetRule } from '../rule';
import { duplicateCmid } from './duplicate-cmid';
import { kmsCountSplit } from './kms-count-split';
import { mixedChannels } from './mixed-channels';
import { renewalStopped } from './renewal-stopped';
import { srvHostDead } from './srv-host-dead';

export const FLEET_RULES: readonly FleetRule[] = [duplicateCmid, kmsCountSplit, srvHostDead, renewalStopped, mixedChannels];
