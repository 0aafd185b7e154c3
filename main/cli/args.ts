/**
 * A small strict argument parser: declared flags only, every value checked by the caller's
 * validators, unknown flags rejected with a one-line message.
 */
import { UsageError } from './io';

export interface FlagSpec {
  /** Takes a value (`--out file`) or is a switch (`--json`). */
  value: boolean;
  /** May be given more than once (values collected in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: Record<string, FlagSpec>, maxPositional = Infinity): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = specs[name];
      if (!spec) throw new UsageError(`unknown option --${name}`);
      let value = 'true';
      if (spec.value) {
        if (eq !== -1) value = arg.slice(eq + 1);
        else {
          const next = argv[i + 1];
          if (next === undefined) throw new UsageError(`--${name} needs a value`);
          value = next;
          i++;
        }
      } else if (eq !== -1) {
        throw new UsageError(`--${name} does not take a value`);
      }
      const list = flags.get(name) ?? [];
      if (list.length > 0 && !spec.repeat) throw new UsageError(`--${name} was given more than once`);
      list.push(value);
      flags.set(name, list);
      continue;
    }
    positional.push(arg);
  }
  if (positional.length > maxPositional) throw new UsageError(`unexpected argument '${positional[maxPositional]}'`);
  return { positional, flags };
}

export function flag(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.flags.get(name)?.[0];
}

export function hasSwitch(parsed: ParsedArgs, name: string): boolean {
  return parsed.flags.has(name);
}
