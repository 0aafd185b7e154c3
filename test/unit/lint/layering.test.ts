import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint-rules/layering.mjs';

// Lints virtual files through the project's real eslint.config.mjs, so this proves the shipped
// configuration (not a copy of it) fires on violations.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

/** One failing fixture per rule of the allow-list: [file, code, the message expected]. */
const REJECTED: [string, string, RegExp][] = [
  // shared/: shared/ only; zod only in shared/zod.ts; no Node, electron, DOM or other packages.
  ['shared/knowledge/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /shared\/ must not import 'node:fs'/],
  ['shared/bad.ts', "import { join } from 'path';\nexport const x = join;\n", /shared\/ must not import 'path'/],
  ['shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", /shared\/ must not import 'electron'/],
  ['shared/bad.ts', "import { x } from '../main/ipc';\nexport const y = x;\n", /shared\/ must not import from main\//],
  ['shared/bad.ts', "import { x } from '../renderer/src/App';\nexport const y = x;\n", /shared\/ must not import from renderer\//],
  ['shared/bad.ts', "import { x } from '../test/support/snapshot-builder';\nexport const y = x;\n", /shared\/ must not import from test\//],
  ['shared/bad.ts', "import { x } from '../scripts/bench.mjs';\nexport const y = x;\n", /shared\/ must not import from scripts\//],
  ['shared/bad.ts', "import { z } from 'zod';\nexport const s = z.string();\n", /shared\/ must not import 'zod'.*Import z from shared\/zod.ts/],
  ['shared/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n", /shared\/ must not import 'react'/],
  ['shared/bad.ts', 'export const title = document.title;\n', /shared\/ has no DOM/],
  ['shared/bad.ts', 'export const env = process.env;\n', /shared\/ has no Node/],
  // renderer/: renderer/ and shared/; react and react-dom; nothing of Node, electron, main, scripts or tests.
  ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /renderer\/ must not import 'node:fs'/],
  ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /renderer\/ must not import 'electron'/],
  ['renderer/src/bad.ts', "import { runCli } from '../../main/cli/index';\nexport const x = runCli;\n", /renderer\/ must not import from main\//],
  ['renderer/src/bad.ts', "import { x } from '../../scripts/test-summary.mjs';\nexport const y = x;\n", /renderer\/ must not import from scripts\//],
  ['renderer/src/bad.ts', "import { x } from '../../test/support/test-bridge';\nexport const y = x;\n", /renderer\/ must not import from test\//],
  ['renderer/src/bad.ts', "import { z } from 'zod';\nexport const s = z.string();\n", /renderer\/ must not import 'zod'/],
  ['renderer/src/bad.ts', "import { render } from '@testing-library/react';\nexport const x = render;\n", /renderer\/ must not import '@testing-library\/react'/],
  ['renderer/src/bad.ts', 'export const cwd = process.cwd();\n', /The renderer has no Node/],
  // main/: main/, shared/, package.json; Node, electron and the runtime dependencies only.
  ['main/bad.ts', "import { App } from '../renderer/src/App';\nexport const x = App;\n", /main\/ must not import from renderer\//],
  ['main/bad.ts', "import { x } from '../test/support/snapshot-builder';\nexport const y = x;\n", /main\/ must not import from test\//],
  ['main/bad.ts', "import { x } from '../scripts/bench.mjs';\nexport const y = x;\n", /main\/ must not import from scripts\//],
  ['main/bad.ts', "import { build } from 'esbuild';\nexport const x = build;\n", /main\/ must not import 'esbuild'.*runtime dependencies/],
  ['main/bad.ts', "import leftPad from 'left-pad';\nexport const x = leftPad;\n", /'left-pad' is not declared in package.json/],
  // main/preload/: the sandboxed preload: electron, zod and shared/ only, never the rest of main/ or Node.
  ['main/preload/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /main\/preload\/ must not import 'node:fs'/],
  ['main/preload/bad.ts', "import { x } from '../ipc';\nexport const y = x;\n", /main\/preload\/ must not import from main\//],
  ['main/preload/bad.ts', "import PowerShell from 'node-powershell';\nexport const x = PowerShell;\n", /main\/preload\/ must not import 'node-powershell'/],
  // scripts/, bin/, test/, bench/, eslint-rules/, root files.
  ['scripts/bad.mjs', "import { App } from '../renderer/src/App';\nexport const x = App;\n", /scripts\/ must not import from renderer\//],
  ['scripts/bad.mjs', "import { x } from '../test/support/global-temp';\nexport const y = x;\n", /scripts\/ must not import from test\//],
  ['scripts/bad.mjs', "import leftPad from 'left-pad';\nexport const x = leftPad;\n", /'left-pad' is not declared in package.json/],
  ['bin/bad.mjs', "import { x } from '../main/cli/index';\nexport const y = x;\n", /bin\/ must not import from main\//],
  ['test/unit/bad.test.ts', "import { x } from '../../bench/network-probes.bench.mjs';\nexport const y = x;\n", /test\/ must not import from bench\//],
  ['test/unit/bad.test.ts', "import leftPad from 'left-pad';\nexport const x = leftPad;\n", /'left-pad' is not declared in package.json/],
  ['bench/bad.mjs', "import { App } from '../renderer/src/App';\nexport const x = App;\n", /bench\/ must not import from renderer\//],
  ['eslint-rules/bad.mjs', "import { x } from '../main/ipc';\nexport const y = x;\n", /eslint-rules\/ must not import from main\//],
  ['bad.config.mjs', "import { x } from './main/ipc';\nexport const y = x;\n", /a root file must not import from main\//],
  // A folder with no row in the allow-list.
  ['tools/bad.ts', 'export const x = 1;\n', /No layering rule for tools\/bad.ts/],
  // Raw IPC only in its one module on each side.
  ['main/probes/bad.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", /Raw 'ipcMain' is only allowed in main\/ipc.ts/],
  ['main/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /Raw 'ipcRenderer' is only allowed in main\/preload\/index.ts/],
  ['main/bad.ts', "import * as electron from 'electron';\nexport const x = electron;\n", /only allowed in named imports/],
];

describe('layering lint (an allow-list per folder)', () => {
  it.each(REJECTED)('%s: rejects %s', async (filePath, code, expected) => {
    const messages = await ruleIds(filePath, code);
    expect(messages.join('\n')).toMatch(expected);
  });

  it.each([
    ['shared/good.ts', "import { z } from './zod';\nexport const s = z.string();\n"],
    ['shared/zod.ts', "import { z } from 'zod';\nexport { z };\n"],
    ['renderer/src/good.ts', "import { contract } from '../../shared/ipc/contract';\nexport const c = contract;\n"],
    ['renderer/src/good.tsx', "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nexport const x = [useState, createRoot];\n"],
    ['main/good.ts', "import { join } from 'node:path';\nimport { contract } from '../shared/ipc/contract';\nexport const x = [join, contract];\n"],
    ['main/good-deps.ts', "import { z } from 'zod';\nimport { PowerShell } from 'node-powershell';\nimport pkg from '../package.json';\nexport const x = [z, PowerShell, pkg];\n"],
    ['main/ipc-user.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/preload/good.ts', "import { contextBridge } from 'electron';\nimport { contract } from '../../shared/ipc/contract';\nexport const x = [contextBridge, contract];\n"],
    ['scripts/good.mjs', "import { build } from 'esbuild';\nimport { readFileSync } from 'node:fs';\nimport { SnapshotSchema } from '../shared/snapshot';\nexport const x = [build, readFileSync, SnapshotSchema];\n"],
    ['test/unit/good.test.ts', "import { describe } from 'vitest';\nimport { App } from '../../renderer/src/App';\nimport { runCli } from '../../main/cli/index';\nexport const x = [describe, App, runCli];\n"],
    ['bench/good.mjs', "import { build } from 'esbuild';\nimport { x } from '../test/support/peers/netns';\nexport const y = [build, x];\n"],
    ['good.config.mjs', "import layering from './eslint-rules/layering.mjs';\nimport { defineConfig } from 'vitest/config';\nexport default [layering, defineConfig];\n"],
  ])('%s: accepts allowed imports', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([]);
  });

  it('allows raw ipcMain in main/ipc.ts and raw ipcRenderer in the preload only', async () => {
    expect(await ruleIds('main/ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toEqual([]);
    expect(await ruleIds('main/preload/index.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([]);
  });

  it('has a failing fixture for every layer of the allow-list', () => {
    const escaped = (text: string) => text.replace(/\//g, '\\/');
    const tested = new Set(REJECTED.map(([, , expected]) => LAYERS.find((layer) => expected.source.startsWith(`${escaped(layer.label)} must not`))?.name));
    for (const layer of LAYERS) expect(tested.has(layer.name), layer.name).toBe(true);
  });

  it("ARCHITECTURE.md's layering table states each layer's allow-list", () => {
    const doc = readFileSync(resolve(__dirname, '../../../ARCHITECTURE.md'), 'utf8');
    for (const layer of LAYERS) {
      const label = layer.rootOnly ? `| ${layer.name} |` : `| \`${layer.name}/\` |`;
      const row = doc.split('\n').find((line) => line.startsWith(label));
      expect(row, `a row for ${layer.name}/`).toBeDefined();
      const mayImport = row?.split('|')[3] ?? '';
      for (const folder of layer.folders) expect(mayImport, `${layer.name}: ${folder}`).toContain(folder.includes('.') ? `\`${folder}\`` : `\`${folder}/\``);
      for (const name of layer.packages) {
        const words: Record<string, string> = { dependencies: 'runtime dependencies', declared: 'declared packages' };
        expect(mayImport, `${layer.name}: ${name}`).toContain(words[name] ?? `\`${name}\``);
      }
      if (!layer.node) expect(mayImport, `${layer.name}: no Node`).toContain('no Node built-ins');
      else expect(mayImport, `${layer.name}: Node`).toContain('Node built-ins');
    }
  });

  it('lints the real tree clean (the rule is active on every folder)', async () => {
    const results = await eslint.lintFiles(['shared', 'main', 'renderer', 'scripts', 'bin', 'test/unit/lint', 'bench', 'eslint-rules', 'eslint.config.mjs']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(5);
  }, 90_000); // linting the whole tree takes about 20 s on a busy machine
});
