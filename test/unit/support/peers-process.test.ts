import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PeerError, startProcess, stopChild, waitUntil } from '../../support/peers/process';

const exited = (child: ReturnType<typeof spawn>) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

describe('test helpers: stopping peers', () => {
  it('stops a process that has already exited without throwing (it used to hide the real error)', async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    await exited(child);
    await expect(stopChild(child)).resolves.toBeUndefined();
  });

  it('reports why a peer died at start, with its own output', async () => {
    const peer = startProcess(process.execPath, ['-e', 'console.error("bind: address already in use"); process.exit(1)']);
    await exited(peer.child);
    const error = await waitUntil(peer, async () => false, 2000, 'the test DNS server').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PeerError);
    expect((error as Error).message).toMatch(/the test DNS server exited at start: bind: address already in use/);
    await expect(peer.stop()).resolves.toBeUndefined();
  });

  it('stops a running process by its PID', async () => {
    const peer = startProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await peer.stop();
    expect(peer.child.exitCode !== null || peer.child.signalCode !== null).toBe(true);
  });
});
