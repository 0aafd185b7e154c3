/**
 * Builds the command table scripts/ps51-compat.ps1 checks scripts against, from the project's reference file
 * ps51-cmdlets.json (every Windows PowerShell 5.1 cmdlet/function, its parameters with their aliases and accepted
 * values, and the command aliases, from Microsoft's 5.1 and Windows Server module docs; its .md says how).
 *
 * The reference lives outside the repository and the table is never committed: the test builds it on every run
 * (test/unit/powershell/ps51-compat.test.ts); by hand:
 *   node scripts/ps51-compat/build-commands.mjs [out.json]        (default .cache/ps51-compat/commands.json)
 * and pass the result to the check with -CommandsPath.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REFERENCE_FILE = 'ps51-cmdlets.json';
const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Where the reference folder may be, in order: $AD_SHARED_REFERENCE; shared/reference beside the clone (CI);
 * /work/shared/reference (this project's development machines, for worktrees that have no ../shared).
 */
export function referenceCandidates(env = process.env, root = ROOT) {
  return [env.AD_SHARED_REFERENCE, join(root, '..', 'shared', 'reference'), '/work/shared/reference'].filter((dir) => !!dir).map((dir) => join(dir, REFERENCE_FILE));
}

/** The path of ps51-cmdlets.json; throws, naming every place it looked, when it is nowhere. */
export function findReference(candidates = referenceCandidates()) {
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `The PowerShell 5.1 command reference ${REFERENCE_FILE} was not found. Looked in: ${candidates.join(', ')}. ` +
        'Put the shared/ folder beside the clone, or set AD_SHARED_REFERENCE to the folder that holds ps51-cmdlets.json.',
    );
  }
  return found;
}

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

/**
 * The table: the 5.1 commands, and the modules that are PowerShell's own (those of the 5.1 reference docs, source 0
 * of ps51-cmdlets.json), not Windows feature modules such as NetSecurity that come with the operating system.
 */
export function buildCommandTable(reference) {
  const own = Object.entries(reference.moduleInfo)
    .filter(([, info]) => info.source === 0)
    .map(([module]) => module)
    .sort();
  return {
    about: 'Built by scripts/ps51-compat/build-commands.mjs from ps51-cmdlets.json; never committed. Command and parameter names of Windows PowerShell 5.1, for scripts/ps51-compat.ps1.',
    source: { from: `${REFERENCE_FILE} (project reference data)`, generatedFrom: reference.generatedFrom.map(({ repo, commit, paths }) => ({ repo, commit, paths })) },
    powershellModules: own,
    ...from51(reference),
  };
}

/** Reads the reference and writes the table to `out`; returns the path written. */
export function writeCommandTable(out, referencePath = findReference()) {
  const table = buildCommandTable(JSON.parse(readFileSync(referencePath, 'utf8')));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(table) + '\n');
  return { out, referencePath, commands: Object.keys(table.commands).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, referencePath, commands } = writeCommandTable(resolve(process.argv[2] ?? join(ROOT, '.cache/ps51-compat/commands.json')));
    console.log(`wrote ${out}: ${commands} commands from ${referencePath}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
