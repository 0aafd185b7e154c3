/** Every CLI command, one module each. Order is the order of `activation-doctor help`. */
import type { CliCommand } from '../io';

export const commands: CliCommand[] = [];
