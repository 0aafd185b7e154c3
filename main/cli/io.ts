/** What a CLI command may touch: its arguments, two output streams and nothing global. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit statuses, a public contract documented in docs/cli.md. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: printed as one line on stderr, exit status 2, never a stack trace. */
export class UsageError extends Error {}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<ExitCode>;
}
