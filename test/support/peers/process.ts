/**
 * Starting and stopping the real servers the network tests talk to. Every process is started
 * directly (no shell), remembered by PID, and stopped by that PID - on success, on failure, and
 * when the test process exits. A peer that cannot start is an error with a clear message, never a
 * silent skip: a network test that did not run must not look like one that passed.
 */
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export class PeerError extends Error {}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: whatever a test forgot (or could not reach because it crashed) is stopped here.
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
}

/** Absolute path of a program on PATH (plus the sbin directories root uses), or a PeerError. */
export function requireBinary(name: string, hint: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  throw new PeerError(`'${name}' is not installed, so this network test cannot run. Install it: ${hint}`);
}

export function requireRoot(what: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new PeerError(`${what} needs root (network namespaces, firewall rules); CI runs as root - run the tests as root`);
  }
}

export interface Peer {
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote to stderr and stdout so far (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(command: string, args: string[], env: Record<string, string> = {}): Peer {
  installExitHook();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (error) => collect(Buffer.from(`\nspawn error: ${error.message}\n`)));
  if (child.pid === undefined) throw new PeerError(`could not start ${command}`);
  running.add(child);
  const pid = child.pid;
  return {
    pid,
    child,
    output: () => output,
    stop: () => stopChild(child),
  };
}

/**
 * SIGTERM by PID, then SIGKILL after 2 s; resolves when the process is gone. Safe on a process
 * that already exited or never started (the timer is declared before anything can call done(),
 * so a peer that died at start reports its own error, not "Cannot access 'kill' before
 * initialization").
 */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer: { kill?: NodeJS.Timeout } = {};
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      if (timer.kill !== undefined) clearTimeout(timer.kill);
      running.delete(child);
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return done();
    child.once('exit', done);
    const pid = child.pid;
    timer.kill = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        done();
      }
    }, 2000);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      done();
    }
  });
}

export function hasExited(peer: Peer): boolean {
  return peer.child.exitCode !== null || peer.child.signalCode !== null;
}

/** Waits until `ready()` says yes, the process dies, or `ms` pass. */
export async function waitUntil(peer: Peer, ready: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (hasExited(peer)) throw new PeerError(`${what} exited at start: ${peer.output().trim().slice(-600) || 'no output'}`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  await peer.stop();
  throw new PeerError(`${what} did not become ready within ${ms} ms: ${peer.output().trim().slice(-600) || 'no output'}`);
}

/** Runs a short command and returns its output; throws a PeerError naming the command on failure. */
export function run(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 10_000 });
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
    throw new PeerError(`'${command} ${args.join(' ')}' failed: ${stderr.trim() || (error instanceof Error ? error.message : String(error))}`);
  }
}

/**
 * Runs a program to completion and returns its stdout. A run that outlives `ms` is killed (by its
 * PID, through Node's own timeout) and reported with its stderr.
 */
export function runToCompletion(command: string, args: string[], ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: ms, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new PeerError(`'${[command, ...args].join(' ').slice(0, 300)}' failed: ${stderr.trim().slice(-800) || error.message}`));
      else resolve(stdout);
    });
  });
}
