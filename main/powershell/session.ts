/**
 * One Windows PowerShell process driven through node-powershell, with its known pitfalls handled:
 * - a missing executable makes node-powershell's internal exit promise reject; nothing awaits it
 *   unless a command is already queued, so the start-up command is queued in the same tick;
 * - a command that times out keeps running: the only way to stop it is to end the process;
 * - a stdin write after the process died emits 'error' events that would otherwise be uncaught.
 */
import { join } from 'node:path';
import { PowerShell, type InvocationResult } from 'node-powershell';
import { SESSION_INIT_COMMAND } from './command';

export interface SessionOptions {
  /** Executable to start; NODE_POWERSHELL (honoured by node-powershell) takes precedence. */
  executable: string | undefined;
  /** Working directory: the scripts folder (see buildScriptCommand). */
  cwd: string;
}

/** Windows PowerShell 5.1 by absolute path, so a `powershell.exe` earlier on PATH is never used. */
export function defaultExecutable(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (platform !== 'win32') return undefined;
  return join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
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
      spawnOptions: { cwd: options.cwd, windowsHide: true },
    });
    // Queued immediately: this is what attaches a handler to node-powershell's exit promise.
    const ready = shell.invoke(SESSION_INIT_COMMAND).then(noop);
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
