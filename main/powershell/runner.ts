/**
 * The PowerShell runner: one long-lived Windows PowerShell per app run, started on first use and
 * restarted after a timeout, a cancellation or a crash. Invocations run one at a time. Each runs
 * one of our own scripts by path, with its parameters as base64 JSON data, and the output is
 * validated with the caller's zod schema. Failures are PowerShellError with a `kind`.
 */
import { InvocationError, ProcessError } from 'node-powershell';
import type { z } from 'zod';
import { buildScriptCommand, encodeParams, resolveScript, type ResolvedScript, type ScriptParams } from './command';
import { PowerShellError, excerpt, isPowerShellError } from './errors';
import { interpretOutput } from './output';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPackagedApp, processFacts, scrubEnvironment, silenceShellTracing } from './environment';
import { executionPolicyError, isExecutionPolicyRefusal } from './policy';
import { defaultScriptsDirs } from './scripts-dir';
import { ShellSession, defaultExecutable } from './session';

export interface InvokeOptions {
  /** Longest the script may run once it has started; time waiting for earlier scripts is not counted. */
  timeoutMs: number;
  /** Aborting cancels a queued invocation, or ends the shell if the script is already running. */
  signal?: AbortSignal;
}

export interface PowerShellRunner {
  invoke<S extends z.ZodType>(scriptName: string, params: ScriptParams, schema: S, options: InvokeOptions): Promise<z.output<S>>;
  /** Ends the shell. Later invocations are rejected as cancelled. */
  dispose(): Promise<void>;
}

export interface RunnerOptions {
  /** Folder(s) of the .ps1 files, searched in order; defaults to the packaged or development folders (scripts-dir.ts). */
  scriptsDir?: string | readonly string[];
  /** Defaults to Windows PowerShell 5.1 by absolute path (NODE_POWERSHELL overrides, in development only). */
  executable?: string;
  /** Start-up allowance for a cold powershell.exe (antivirus scans can make it slow). */
  startTimeoutMs?: number;
  /**
   * A packaged app (default: Electron's app.isPackaged, told from the process): NODE_POWERSHELL
   * and DEBUG are removed from the environment and never reach node-powershell or PowerShell.
   */
  packaged?: boolean;
  /**
   * How long a policy refusal (restricted language, execution policy) answers every invocation
   * at once instead of starting PowerShell again: one check reports it once, a re-check after
   * the policy was changed starts afresh.
   */
  policyMemoryMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 30_000;
const DEFAULT_POLICY_MEMORY_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
const noop = () => undefined;

type Settled<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' };

/** Waits for a promise, a deadline or an abort, whichever comes first; always handles the promise. */
function settle<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const finish = (outcome: Settled<T>) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    promise.then(
      (value) => finish({ kind: 'value', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
    if (signal?.aborted) finish({ kind: 'aborted' });
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const cancelled = (script: string, why = 'the check was cancelled') =>
  new PowerShellError({ kind: 'cancelled', message: `${script}.ps1 was not run to the end: ${why}`, script });

const START_FAILURE_CODES = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'EPERM', 'UNKNOWN']);

function startFailure(error: unknown, executable: string, script: string): PowerShellError {
  if (error instanceof ProcessError) {
    const code = (error.originalError as NodeJS.ErrnoException | undefined)?.code;
    const why = code && START_FAILURE_CODES.has(code) ? code : `it exited with code ${error.exitCode ?? error.signalCode ?? 'unknown'}`;
    return new PowerShellError({
      kind: 'powershell-missing',
      message: `Windows PowerShell could not be started (${executable}: ${why}); check that it exists and is not blocked by policy`,
      executable,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PowerShellError({
    kind: 'script-error',
    message: `the PowerShell session could not be prepared: ${excerpt(detail, 300)}`,
    script,
    reported: null,
    stderr: excerpt(detail, 2000),
  });
}

class NodePowerShellRunner implements PowerShellRunner {
  private session: ShellSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private resolvedScriptsDirs: readonly string[] | null;
  private readonly executable: string | undefined;
  private readonly startTimeoutMs: number;
  private readonly packaged: boolean;
  private readonly policyMemoryMs: number;
  /** A policy refusal and until when it answers for every invocation. */
  private refusal: { error: PowerShellError; until: number } | null = null;

  constructor(options: RunnerOptions) {
    this.resolvedScriptsDirs = options.scriptsDir === undefined ? null : typeof options.scriptsDir === 'string' ? [options.scriptsDir] : options.scriptsDir;
    this.packaged = options.packaged ?? isPackagedApp(processFacts());
    if (this.packaged) {
      scrubEnvironment(process.env);
      silenceShellTracing();
    }
    this.executable = options.executable ?? defaultExecutable();
    this.startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    this.policyMemoryMs = options.policyMemoryMs ?? DEFAULT_POLICY_MEMORY_MS;
  }

  invoke<S extends z.ZodType>(scriptName: string, params: ScriptParams, schema: S, options: InvokeOptions): Promise<z.output<S>> {
    let script: ResolvedScript;
    let command: string;
    try {
      if (this.disposed) throw cancelled(scriptName, 'Activation Doctor is shutting down');
      script = resolveScript(this.folderOf(scriptName), scriptName);
      command = buildScriptCommand(script, encodeParams(params));
    } catch (error) {
      if (error instanceof PowerShellError) return Promise.reject(error);
      const message = error instanceof Error ? error.message : String(error);
      return Promise.reject(new PowerShellError({ kind: 'script-error', message, script: scriptName.slice(0, 64), reported: null, stderr: null }));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelled(script.name));
    const timeoutMs = Math.min(Math.max(1, Math.floor(options.timeoutMs)), MAX_TIMEOUT_MS);
    return new Promise<z.output<S>>((resolve, reject) => {
      // A queued invocation is rejected at once on abort and skipped when its turn comes.
      const onAbort = () => reject(cancelled(script.name));
      signal?.addEventListener('abort', onAbort, { once: true });
      const turn = this.queue.then(() => {
        if (signal?.aborted) throw cancelled(script.name);
        if (this.disposed) throw cancelled(script.name, 'Activation Doctor is shutting down');
        if (this.refusal && Date.now() < this.refusal.until) throw this.refusal.error;
        return this.run(script, command, schema, timeoutMs, signal);
      });
      this.queue = turn.catch(noop);
      turn.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const session = this.session;
    this.session = null;
    await session?.dispose();
  }

  private scriptsDirs(): readonly string[] {
    this.resolvedScriptsDirs ??= defaultScriptsDirs();
    return this.resolvedScriptsDirs;
  }

  /** The first folder that has `<name>.ps1` (resolveScript then checks it properly), else the first folder. */
  private folderOf(scriptName: string): string {
    const dirs = this.scriptsDirs();
    return dirs.find((dir) => existsSync(join(dir, `${scriptName}.ps1`))) ?? dirs[0] ?? '';
  }

  private describeExecutable(): string {
    return ShellSession.describeExecutable(this.executable);
  }

  private async run<S extends z.ZodType>(script: ResolvedScript, command: string, schema: S, timeoutMs: number, signal: AbortSignal | undefined): Promise<z.output<S>> {
    const session = await this.ensureSession(script.name, signal);
    const outcome = await settle(session.invoke(command), timeoutMs, signal);
    if (this.disposed) throw cancelled(script.name, 'Activation Doctor is shutting down');
    switch (outcome.kind) {
      case 'timeout':
        // node-powershell's own timeout leaves the command running; ending the shell is the only stop.
        this.discard(session);
        throw new PowerShellError({
          kind: 'timeout',
          message: `${script.name}.ps1 did not finish within ${seconds(timeoutMs)}; PowerShell was stopped and restarts with the next check`,
          script: script.name,
          timeoutMs,
          phase: 'run',
        });
      case 'aborted':
        this.discard(session);
        throw cancelled(script.name);
      case 'error':
        throw this.remember(this.invocationFailure(outcome.error, session, script.name));
      case 'value':
        if (!session.alive) throw this.crashed(session, script.name, null);
        return interpretOutput(script.name, outcome.value.raw, schema);
    }
  }

  private invocationFailure(error: unknown, session: ShellSession, script: string): PowerShellError {
    if (error instanceof ProcessError) return this.crashed(session, script, error.exitCode ?? null);
    if (!session.alive) return this.crashed(session, script, null);
    const text = error instanceof InvocationError ? error.message : error instanceof Error ? error.message : String(error);
    if (isExecutionPolicyRefusal(text)) return executionPolicyError(script, text);
    return new PowerShellError({
      kind: 'script-error',
      message: `${script}.ps1 wrote an error: ${excerpt(text, 300) || '(empty error output)'}`,
      script,
      reported: null,
      stderr: excerpt(text, 2000),
    });
  }

  private crashed(session: ShellSession, script: string, exitCode: number | null): PowerShellError {
    this.discard(session);
    const code = exitCode === null ? '' : ` with exit code ${exitCode}`;
    return new PowerShellError({
      kind: 'crashed',
      message: `PowerShell exited${code} while running ${script}.ps1; it will be restarted for the next check`,
      script,
      exitCode,
    });
  }

  private async ensureSession(script: string, signal: AbortSignal | undefined): Promise<ShellSession> {
    if (this.session?.alive) return this.session;
    if (this.session) this.discard(this.session);
    const session = ShellSession.start({ executable: this.executable, cwd: this.scriptsDirs()[0] ?? '', env: this.childEnvironment() });
    this.session = session;
    const outcome = await settle(session.ready, this.startTimeoutMs, signal);
    // The start-up line only tunes the session (each script sets the same again): if Windows refuses
    // it (no console to set an encoding on), the shell is still usable.
    const tuned = outcome.kind === 'value' || (outcome.kind === 'error' && outcome.error instanceof InvocationError);
    if (tuned && session.alive) return session;
    this.discard(session);
    if (outcome.kind === 'aborted') throw cancelled(script);
    if (outcome.kind === 'error' && isPowerShellError(outcome.error)) throw this.remember(outcome.error);
    if (outcome.kind === 'timeout') {
      throw new PowerShellError({
        kind: 'timeout',
        message: `Windows PowerShell did not start within ${seconds(this.startTimeoutMs)}`,
        script,
        timeoutMs: this.startTimeoutMs,
        phase: 'start',
      });
    }
    if (outcome.kind === 'error') throw startFailure(outcome.error, this.describeExecutable(), script);
    throw new PowerShellError({
      kind: 'powershell-missing',
      message: `Windows PowerShell (${this.describeExecutable()}) exited as soon as it started; check that it is not blocked by policy`,
      executable: this.describeExecutable(),
    });
  }

  /** The environment PowerShell starts with: this process's, without the untrusted variables in a packaged app. */
  private childEnvironment(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    if (this.packaged) {
      // Again at every start: something may have set them since the runner was made.
      scrubEnvironment(process.env);
      scrubEnvironment(env);
    }
    return env;
  }

  /** Policy refusals answer every invocation for a while; other failures pass through. */
  private remember(error: PowerShellError): PowerShellError {
    if (error.kind === 'restricted-language' || error.kind === 'execution-policy') this.refusal = { error, until: Date.now() + this.policyMemoryMs };
    return error;
  }

  private discard(session: ShellSession): void {
    if (this.session === session) this.session = null;
    void session.dispose();
  }
}

export function createPowerShellRunner(options: RunnerOptions = {}): PowerShellRunner {
  return new NodePowerShellRunner(options);
}
