/**
 * `activation-doctor` command-line entry. Runs without Electron: the same engine the app uses.
 * Exit status: 0 healthy/ok, 1 problems found (or refused, failed), 2 could not run (bad usage,
 * unreadable input), 3 could not tell (nothing that decides the answer could be read).
 * Every byte printed passes the output boundary in ./terminal (controls removed, text wrapped).
 */
import packageJson from '../../package.json';
import { EXIT, UsageError, type CliCommand, type CliIo, type ExitCode } from './io';
import { commands } from './commands';
import { DEFAULT_COLUMNS, escapeTerminalControls, forTerminal, stripTerminalControls, terminalColumns } from './terminal';
import { readSecretFromProcess } from './secret';
import { printable } from '../../shared/printable';

/** The one place output leaves the CLI: readable text cleaned and wrapped, data cleaned only. */
export function boundaryIo(io: CliIo): CliIo {
  const columns = io.columns ?? DEFAULT_COLUMNS;
  const data = io.data ?? io.stdout;
  return {
    stdout: (t) => io.stdout(forTerminal(t, columns)),
    stderr: (t) => io.stderr(forTerminal(t, columns)),
    data: (t) => data(escapeTerminalControls(t)),
    columns,
    ...(io.readSecret ? { readSecret: io.readSecret } : {}),
  };
}

export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<ExitCode> {
  const io = boundaryIo(rawIo);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`activation-doctor ${packageJson.version}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined) {
      const command = commands.find((c) => c.name === topic);
      if (!command) {
        io.stderr(`activation-doctor: no help for '${printable(topic)}': there is no such command (try 'activation-doctor help')\n`);
        return EXIT.usage;
      }
      io.stdout(`${command.helpFor?.(rest.slice(1)) ?? command.usage}\n`);
      return EXIT.ok;
    }
    io.stdout(helpText(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`activation-doctor: unknown command '${printable(name)}' (try 'activation-doctor help')\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.helpFor?.(rest.filter((a) => a !== '--help' && a !== '-h')) ?? command.usage}\n`);
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
    "Run 'activation-doctor help <command>' (or '<command> --help') for a command's options, and",
    "'activation-doctor --version' for the version. Add --json for machine-readable output.",
    '',
    'Exit status: 0 healthy or done, 1 problems found (or a fix refused or failed), 2 could not run',
    '(bad usage, unreadable input), 3 could not tell (nothing that decides the answer could be read).',
    '',
  ].join('\n');
}

function oneLine(text: string): string {
  return stripTerminalControls(text.split(/\r?\n/)[0] ?? '');
}

/** Entry point used by bin/activation-doctor.cjs. */
export async function main(): Promise<void> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    data: (t) => process.stdout.write(t),
    columns: terminalColumns(process.stdout),
    readSecret: (prompt) => readSecretFromProcess(prompt),
  };
  const code = await runCli(process.argv.slice(2), io);
  process.exitCode = code;
}
