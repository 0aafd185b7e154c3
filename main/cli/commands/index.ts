/** Every CLI command, one module each. Order is the order of `activation-doctor help`. */
import type { CliCommand } from '../io';
import { explainCommand } from './explain';
import { keyForCommand } from './key-for';
import { keysCommand } from './keys';
import { snapshotCommand } from './snapshot';
import { diagnoseCommand } from './diagnose';
import { fixCommand } from './fix';
import { collectorCommand } from './collector';
import { fleetCommand } from './fleet';

export const commands: CliCommand[] = [explainCommand, keysCommand, keyForCommand, snapshotCommand, diagnoseCommand, fixCommand, collectorCommand, fleetCommand];
