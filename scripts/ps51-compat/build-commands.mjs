/**
 * Builds scripts/ps51-compat/commands.json, the command table scripts/ps51-compat.ps1 checks scripts against:
 *
 *   5.1  every cmdlet/function, its parameters with their aliases, and the command aliases, from
 *        ps51-cmdlets.json (Microsoft's Windows PowerShell 5.1 and Windows Server module docs; its .md says how);
 *   3.0  the cmdlets and parameters of PowerShell 3.0 itself, from the reference/3.0 help sources that
 *        MicrosoftDocs/PowerShell-Docs carried until commit 879c46f (removed in 55d6b7a, 2019).
 *
 * Run it again when either source changes:
 *   node scripts/ps51-compat/build-commands.mjs <ps51-cmdlets.json> <PowerShell-Docs git dir>
 * e.g. node scripts/ps51-compat/build-commands.mjs ../shared/reference/ps51-cmdlets.json /work/.mirror/MicrosoftDocs+PowerShell-Docs/repo
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PS3_COMMIT = '879c46f82';
const OUT = join(import.meta.dirname, 'commands.json');
const [referencePath, docsGitDir] = process.argv.slice(2);
if (!referencePath || !docsGitDir) {
  console.error('usage: node scripts/ps51-compat/build-commands.mjs <ps51-cmdlets.json> <PowerShell-Docs git dir>');
  process.exit(2);
}

const git = (...args) => execFileSync('git', ['--git-dir', docsGitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

/**
 * Parameters packed small: "Name" or "Name=alias1,alias2"; the names newer than Windows 10 1607 /
 * Server 2016 (absent from the real 5.1.14393 capture), provider parameters and the accepted values
 * the docs list (ValidateSet / enum) apart.
 */
function packParameters(parameters) {
  const names = [...parameters.keys()].sort((a, b) => a.localeCompare(b));
  const packed = { parameters: names.map((p) => (parameters.get(p).aliases.size ? `${p}=${[...parameters.get(p).aliases].sort().join(',')}` : p)) };
  const newer = names.filter((p) => parameters.get(p).newerThan14393);
  const provider = names.filter((p) => parameters.get(p).provider);
  if (newer.length) packed.newerParameters = newer;
  if (provider.length) packed.provider = provider;
  const values = names.filter((p) => parameters.get(p).values?.size).map((p) => [p, [...parameters.get(p).values]]);
  if (values.length) packed.values = Object.fromEntries(values);
  return packed;
}

/** 5.1: merge the modules (a command documented in two modules gets the union of its parameters). */
function from51(reference) {
  const commands = new Map();
  const aliases = new Map();
  const add = (module, name, info, supplement) => {
    const entry = commands.get(name) ?? { module, parameters: new Map(), newerThan14393: true };
    if (!info.absentOn14393) entry.newerThan14393 = false;
    for (const [param, p] of Object.entries(info.parameters ?? {})) {
      const known = entry.parameters.get(param) ?? { aliases: new Set(), newerThan14393: true };
      for (const alias of p.aliases ?? []) known.aliases.add(alias);
      if (!p.absentOn14393) known.newerThan14393 = false;
      if (p.provider) known.provider = true;
      if (p.values?.length) known.values = new Set([...(known.values ?? []), ...p.values]);
      entry.parameters.set(param, known);
    }
    if (supplement) entry.supplement = true;
    commands.set(name, entry);
    for (const alias of info.aliases ?? []) aliases.set(alias, name);
  };
  for (const [module, cmds] of Object.entries(reference.modules)) for (const [name, info] of Object.entries(cmds)) add(module, name, info, false);
  for (const [module, cmds] of Object.entries(reference.realMachineSupplement)) for (const [name, info] of Object.entries(cmds)) add(module, name, info, true);
  // WhatIf and Confirm only where a cmdlet lists them (it supports ShouldProcess), as the reference says.
  const common = Object.fromEntries(
    reference.commonParameters.filter((name) => name !== 'WhatIf' && name !== 'Confirm').map((name) => [name, reference.commonParameterInfo[name]?.aliases ?? []]),
  );
  const commonValues = Object.fromEntries(Object.keys(common).filter((name) => reference.commonParameterInfo[name]?.values).map((name) => [name, reference.commonParameterInfo[name].values]));
  return {
    commonParameters: common,
    commonParameterValues: commonValues,
    commands: sortedObject(
      [...commands].map(([name, c]) => [
        name,
        {
          module: c.module,
          ...(c.newerThan14393 ? { newerThan14393: true } : {}),
          ...packParameters(c.parameters),
        },
      ]),
    ),
    aliases: sortedObject(aliases),
  };
}

/** 3.0: SYNTAX blocks give the parameter names, the `### -Name` yaml blocks their aliases. */
function from30(aliases51) {
  const files = git('ls-tree', '-r', '--name-only', PS3_COMMIT, 'reference/3.0/')
    .split('\n')
    .filter((path) => path.endsWith('.md') && !path.includes('/About/'));
  const commands = new Map();
  for (const path of files) {
    const [, , module, file] = path.split('/');
    if (!module || !file) continue;
    const text = git('show', `${PS3_COMMIT}:${path}`).replace(/\r\n/g, '\n');
    const syntax = text.split(/^## SYNTAX\s*$/m)[1]?.split(/^## /m)[0];
    if (!syntax) continue; // module landing page
    const name = file.replace(/\.md$/, '');
    const parameters = new Map();
    const values = new Map();
    for (const block of syntax.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
      for (const match of (block[1] ?? '').matchAll(/(?:^|[\s[])-([A-Za-z][A-Za-z0-9_]*)\b/g)) parameters.set(match[1], new Set());
    }
    for (const section of text.split(/^### -/m).slice(1)) {
      const param = section.match(/^([A-Za-z][A-Za-z0-9_]*)/)?.[1];
      if (!param) continue;
      const known = parameters.get(param) ?? new Set();
      const aliasLine = section.match(/^Aliases:[ \t]*(.*)$/m)?.[1]?.trim();
      if (aliasLine && aliasLine !== 'None') for (const alias of aliasLine.split(',')) if (alias.trim()) known.add(alias.trim());
      parameters.set(param, known);
      const valuesLine = section.split(/^## /m)[0]?.match(/^Accepted values:[ \t]*(.*)$/m)?.[1]?.trim();
      if (valuesLine) values.set(param, new Set(valuesLine.split(',').map((v) => v.trim()).filter(Boolean)));
    }
    const entry = commands.get(name) ?? { module, parameters: new Map(), values: new Map() };
    for (const [p, a] of parameters) entry.parameters.set(p, new Set([...(entry.parameters.get(p) ?? []), ...a]));
    for (const [p, v] of values) entry.values.set(p, v);
    commands.set(name, entry);
  }
  const common = git('show', `${PS3_COMMIT}:reference/3.0/Microsoft.PowerShell.Core/About/about_CommonParameters.md`);
  const commonNames = [...common.matchAll(/^#### (\w+)\s*$/gm)].map((m) => m[1]).filter((n) => n !== 'WhatIf' && n !== 'Confirm');
  const commonAliases = { Verbose: ['vb'], Debug: ['db'], ErrorAction: ['ea'], WarningAction: ['wa'], ErrorVariable: ['ev'], WarningVariable: ['wv'], OutVariable: ['ov'], OutBuffer: ['ob'] };
  return {
    commonParameters: Object.fromEntries(commonNames.map((n) => [n, commonAliases[n] ?? []])),
    // Filled from 5.1's below: the same ActionPreference names (Ignore and Suspend came with 3.0).
    commonParameterValues: {},
    commands: sortedObject([...commands].map(([name, c]) => [name, { module: c.module, ...packParameters(new Map([...c.parameters].map(([p, a]) => [p, { aliases: a, values: c.values.get(p) }]))) }])),
    // 3.0's help has no alias front matter: the 5.1 aliases of commands 3.0 has (aliases date from 1.0/2.0).
    aliases: sortedObject(Object.entries(aliases51).filter(([, target]) => commands.has(target))),
  };
}

const reference = JSON.parse(readFileSync(referencePath, 'utf8'));
const v51 = from51(reference);
const v30 = from30(v51.aliases);
v30.commonParameterValues = Object.fromEntries(Object.entries(v51.commonParameterValues).filter(([name]) => name in v30.commonParameters));
const docsCommit = git('rev-parse', PS3_COMMIT).trim();
const out = {
  about: 'Generated by scripts/ps51-compat/build-commands.mjs; do not edit. Command and parameter names per PowerShell version, for scripts/ps51-compat.ps1.',
  sources: {
    '5.1': { from: 'ps51-cmdlets.json (project reference data)', generatedFrom: reference.generatedFrom.map(({ repo, commit, paths }) => ({ repo, commit, paths })) },
    '3.0': { from: 'MicrosoftDocs/PowerShell-Docs reference/3.0 (help sources of Windows PowerShell 3.0, removed from the repository later)', repo: 'MicrosoftDocs/PowerShell-Docs', commit: docsCommit },
  },
  versions: { '5.1': v51, '3.0': v30 },
};
writeFileSync(OUT, JSON.stringify(out) + '\n');
console.log(`wrote ${OUT}: 5.1 ${Object.keys(v51.commands).length} commands, 3.0 ${Object.keys(v30.commands).length} commands`);
