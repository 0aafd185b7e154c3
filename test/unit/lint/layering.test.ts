import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints virtual files through the project's real eslint.config.mjs, so this proves the shipped
// configuration (not a copy of it) fires on violations.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint', () => {
  it.each([
    ['shared/knowledge/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /shared\/ must not import 'node:fs'/],
    ['shared/bad.ts', "import { join } from 'path';\nexport const x = join;\n", /shared\/ must not import 'path'/],
    ['shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", /shared\/ must not import 'electron'/],
    ['shared/bad.ts', "import { x } from '../main/ipc';\nexport const y = x;\n", /shared\/ must not import from main\//],
    ['shared/bad.ts', "import { x } from '../renderer/src/App';\nexport const y = x;\n", /shared\/ must not import from renderer\//],
    ['shared/bad.ts', 'export const title = document.title;\n', /shared\/ has no DOM/],
    ['shared/bad.ts', "import { z } from 'zod';\nexport const s = z.string();\n", /Import z from shared\/zod.ts/],
    ['shared/bad.ts', 'export const env = process.env;\n', /shared\/ has no Node/],
    ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /renderer\/ must not import 'node:fs'/],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /renderer\/ must not import 'electron'/],
    ['renderer/src/bad.ts', "import { runCli } from '../../main/cli/index';\nexport const x = runCli;\n", /renderer\/ must not import from main\//],
    ['renderer/src/bad.ts', 'export const cwd = process.cwd();\n', /The renderer has no Node/],
    ['main/bad.ts', "import { App } from '../renderer/src/App';\nexport const x = App;\n", /main\/ must not import from renderer\//],
    ['main/probes/bad.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", /Raw 'ipcMain' is only allowed in main\/ipc.ts/],
    ['main/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /Raw 'ipcRenderer' is only allowed in main\/preload\/index.ts/],
    ['main/bad.ts', "import * as electron from 'electron';\nexport const x = electron;\n", /only allowed in named imports/],
  ])('%s: rejects %s', async (filePath, code, expected) => {
    const messages = await ruleIds(filePath, code);
    expect(messages.join('\n')).toMatch(expected);
  });

  it.each([
    ['shared/good.ts', "import { z } from './zod';\nexport const s = z.string();\n"],
    ['renderer/src/good.ts', "import { contract } from '../../shared/ipc/contract';\nexport const c = contract;\n"],
    ['main/good.ts', "import { join } from 'node:path';\nimport { contract } from '../shared/ipc/contract';\nexport const x = [join, contract];\n"],
    ['main/ipc-user.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('%s: accepts allowed imports', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([]);
  });

  it('allows raw ipcMain in main/ipc.ts and raw ipcRenderer in the preload only', async () => {
    expect(await ruleIds('main/ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toEqual([]);
    expect(await ruleIds('main/preload/index.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([]);
  });

  it('lints the real tree clean (the rule is active on every layer)', async () => {
    const results = await eslint.lintFiles(['shared', 'main', 'renderer']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(5);
  });
});
