/**
 * `activation-doctor` command-line entry. Runs without Electron: the same engine the app uses.
 * Exit status: 0 healthy/ok, 1 problems found, 2 could not run (bad usage, unreadable input).
 */
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from './io';
import { commands } from './commands';

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(helpText(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`activation-doctor: unknown command '${printable(name)}' (try 'activation-doctor help')\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`activation-doctor ${command.name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`activation-doctor ${command.name}: failed: ${oneLine(message)}\n`);
    return EXIT.usage;
  }
}

function helpText(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'Activation Doctor: find out why Windows will not activate, and fix it.',
    '',
    'Usage: activation-doctor <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'activation-doctor <command> --help' for a command's options. Add --json for machine-readable output.",
    '',
  ].join('\n');
}

/** Echo user input back safely: printable ASCII only, bounded length. */
export function printable(text: string, max = 60): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

function oneLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** Entry point used by bin/activation-doctor.cjs. */
export async function main(): Promise<void> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
  const code = await runCli(process.argv.slice(2), io);
  process.exitCode = code;
}
