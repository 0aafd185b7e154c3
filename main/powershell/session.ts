/**
 * One Windows PowerShell process driven through node-powershell, with its known pitfalls handled:
 * - a missing executable makes node-powershell's internal exit promise reject; nothing awaits it
 *   unless a command is already queued, so the start-up command is queued in the same tick;
 * - a command that times out keeps running: the only way to stop it is to end the process;
 * - a stdin write after the process died emits 'error' events that would otherwise be uncaught;
 * - under Constrained Language Mode node-powershell's framing never answers: the start-up line's
 *   marker is read from the raw output instead (see SESSION_INIT_COMMAND);
 * - node-powershell (child-shell 5.0.0) missed a closing delimiter followed by CRLF when both
 *   arrived in one read and waited forever: fixed by patches/child-shell+5.0.0.patch at install.
 */
import { PowerShell, type InvocationResult } from 'node-powershell';
import { LANGUAGE_MODE_MARKER, SESSION_INIT_COMMAND } from './command';
import { hostFacts, powershellExecutable } from './environment';
import { restrictedLanguageError } from './policy';

export interface SessionOptions {
  /** Executable to start; NODE_POWERSHELL (honoured by node-powershell) takes precedence unless removed. */
  executable: string | undefined;
  /** Working directory: the scripts folder (see buildScriptCommand). */
  cwd: string;
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Windows PowerShell 5.1 by absolute path, so a `powershell.exe` earlier on PATH is never used (environment.ts). */
export function defaultExecutable(): string | undefined {
  return powershellExecutable(hostFacts());
}

const MARKER_PATTERN = new RegExp(`${LANGUAGE_MODE_MARKER}([A-Za-z]+)`);
const MARKER_WINDOW = 4096;

/** Rejects when the start-up line reports a restricted language mode on the raw output. */
function watchLanguageMode(stdout: NodeJS.ReadableStream): { restricted: Promise<never>; stop: () => void } {
  let seen = '';
  let onData: (chunk: string | Buffer) => void = () => undefined;
  const restricted = new Promise<never>((_, reject) => {
    onData = (chunk) => {
      seen = (seen + chunk.toString()).slice(-MARKER_WINDOW);
      const match = MARKER_PATTERN.exec(seen);
      if (match?.[1]) reject(restrictedLanguageError(match[1]));
    };
  });
  stdout.on('data', onData);
  return { restricted, stop: () => stdout.removeListener('data', onData) };
}

const KILL_GRACE_MS = 3000;
const noop = () => undefined;

export class ShellSession {
  private exited = false;

  private constructor(
    private readonly shell: PowerShell,
    /** Settles when the start-up command has run (or the process could not start). */
    readonly ready: Promise<void>,
  ) {
    const markExited = () => {
      this.exited = true;
    };
    // Persistent listeners: node-powershell only listens once, and an unhandled 'error' would crash the app.
    shell.streams.stdin.on('error', markExited);
    shell.streams.stdout.on('error', markExited);
    shell.streams.stderr.on('error', markExited);
    shell.streams.stdout.once('close', markExited);
  }

  /** The executable this session runs, as node-powershell resolves it (for messages). */
  static describeExecutable(executable: string | undefined): string {
    return process.env.NODE_POWERSHELL || executable || 'pwsh';
  }

  static start(options: SessionOptions): ShellSession {
    const shell = new PowerShell({
      ...(options.executable ? { executable: options.executable } : {}),
      executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
      spawnOptions: { cwd: options.cwd, windowsHide: true, ...(options.env ? { env: options.env } : {}) },
    });
    const watch = watchLanguageMode(shell.streams.stdout);
    // Queued immediately: this is what attaches a handler to node-powershell's exit promise.
    const prepared = shell.invoke(SESSION_INIT_COMMAND).then(noop);
    const ready = Promise.race([prepared, watch.restricted]).finally(watch.stop);
    return new ShellSession(shell, ready);
  }

  get alive(): boolean {
    const stdin = this.shell.streams.stdin;
    return !this.exited && !stdin.destroyed && !stdin.writableEnded;
  }

  invoke(command: string): Promise<InvocationResult> {
    // node-powershell keeps every command and its output in `history`; a long-lived session must not.
    return this.shell.invoke(command).finally(() => this.shell.history.splice(0));
  }

  /** Ends the process (and with it any command still running); never rejects. */
  dispose(): Promise<void> {
    if (!this.alive) {
      this.exited = true;
      return this.shell.dispose().catch(noop);
    }
    this.exited = true;
    const force = setTimeout(() => void this.shell.dispose('SIGKILL').catch(noop), KILL_GRACE_MS);
    force.unref();
    return this.shell
      .dispose()
      .catch(noop)
      .finally(() => clearTimeout(force));
  }
}
