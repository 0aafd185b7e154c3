import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// npm audit cannot be queried from here, so docs/release-notes.md records the shipped dependency
// tree; this keeps it equal to the lock file (every production package at its locked version) and
// names the Electron version that is installed.
describe('release notes', () => {
  const notes = readFileSync('docs/release-notes.md', 'utf8');
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };

  it('list every production dependency at its locked version, and nothing else', () => {
    const locked = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.dev !== true)
        .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version}`),
    );
    expect(locked.size).toBeGreaterThan(2);
    const tree = notes.slice(notes.indexOf('### Production dependencies'));
    const listed = new Set([...tree.matchAll(/[─┬]\s((?:@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+)/g)].map((m) => m[1]!));
    expect(listed).toEqual(locked);
  });

  it('name the installed Electron version', () => {
    const electron = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    expect(notes).toContain(`Electron **${electron}**`);
  });
});
