/** What a CLI command may touch: its arguments, two output streams and nothing global. */
export interface CliIo {
  /** Readable text: at the boundary (runCli) it is cleaned of terminal controls and wrapped. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Machine output (JSON, a script): cleaned but never wrapped. Falls back to stdout. */
  data?: (text: string) => void;
  /** Width to wrap to; 100 when not given (not a terminal). */
  columns?: number;
  /**
   * Reads a secret (a product key) without it appearing on the command line: from a prompt with
   * echo off on a terminal, or the first line of standard input when it is piped. Null when there
   * is nothing to read.
   */
  readSecret?: (prompt: string) => Promise<string | null>;
}

/** Exit statuses, a public contract documented in docs/cli.md. */
export const EXIT = { ok: 0, problems: 1, usage: 2, cannotTell: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: printed as one line on stderr, exit status 2, never a stack trace. */
export class UsageError extends Error {}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Help for `<command> <arg> --help` when it depends on the argument (`fix <id> --help`). */
  helpFor?: (args: readonly string[]) => string | null;
  run(args: string[], io: CliIo): Promise<ExitCode>;
}
