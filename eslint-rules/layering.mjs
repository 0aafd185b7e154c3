/**
 * Layering as an allow-list, in the manner of VS Code's `code-layering`: the folder a file lives in
 * decides what it may import, and anything not listed for that folder is an error, including a
 * folder that has no entry at all.
 *
 * Each layer lists the first-party folders (or root files) it may import from, the packages it may
 * import, and whether it may use Node's built-in modules. Packages must also be declared in
 * package.json; `dependencies` means the runtime dependencies only (what ships), `declared` any
 * dependency or devDependency. ARCHITECTURE.md's layering table states the same rules (a test keeps
 * them in step).
 *
 * Raw `ipcMain` / `ipcRenderer` are allowed only in the one IPC module on each side.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IPC_MODULES = {
  ipcMain: 'main/ipc.ts',
  ipcRenderer: 'main/preload/index.ts',
};

/**
 * The allow-list. The first layer whose `files` prefix matches the importing file applies, so the
 * more specific folder (main/preload/) comes before its parent (main/).
 * packages: 'dependencies' / 'declared' (checked against package.json), or package names allowed by name.
 * onlyFrom: a package that only the files listed may import, and why.
 */
export const LAYERS = [
  {
    name: 'main/preload',
    label: 'main/preload/',
    files: 'main/preload/',
    folders: ['main/preload', 'shared'],
    packages: ['electron', 'zod'],
    node: false,
    why: 'The preload runs sandboxed, where only electron can be required; everything else is bundled into it.',
  },
  {
    name: 'shared',
    label: 'shared/',
    files: 'shared/',
    folders: ['shared'],
    packages: [],
    onlyFrom: { zod: { files: ['shared/zod.ts'], why: "Import z from shared/zod.ts: it turns off zod's code generation, which the renderer's CSP forbids." } },
    node: false,
    why: 'shared/ is pure TypeScript that runs unchanged in the renderer, in main and in the CLI.',
  },
  {
    name: 'renderer',
    label: 'renderer/',
    files: 'renderer/',
    folders: ['renderer', 'shared'],
    packages: ['react', 'react-dom'],
    node: false,
    why: 'The renderer is sandboxed: it talks to main only through the IPC contract, and uses zod only through shared/zod.ts.',
  },
  {
    name: 'main',
    label: 'main/',
    files: 'main/',
    folders: ['main', 'shared', 'package.json'],
    packages: ['electron', 'dependencies'],
    node: true,
    why: 'main/ never depends on the UI, the tests or the build scripts, and ships with the runtime dependencies only.',
  },
  {
    name: 'scripts',
    label: 'scripts/',
    files: 'scripts/',
    folders: ['scripts', 'shared', 'main', 'package.json'],
    packages: ['declared'],
    node: true,
    why: 'Build and check scripts may read the app code, never the UI or the tests.',
  },
  {
    name: 'bin',
    label: 'bin/',
    files: 'bin/',
    folders: ['bin', 'scripts'],
    packages: [],
    node: true,
    why: 'The CLI launcher only builds and loads the CLI bundle.',
  },
  {
    name: 'test',
    label: 'test/',
    files: 'test/',
    folders: ['test', 'shared', 'main', 'renderer', 'scripts', 'eslint-rules', 'package.json'],
    // app-builder-lib and builder-util come with electron-builder: the packaging test validates its configuration with them.
    packages: ['electron', 'declared', 'app-builder-lib', 'builder-util'],
    node: true,
    why: 'Tests may import any first-party code except the benchmarks.',
  },
  {
    name: 'bench',
    label: 'bench/',
    files: 'bench/',
    folders: ['bench', 'shared', 'main', 'test'],
    packages: ['declared'],
    node: true,
    why: 'Benchmarks measure the app code with the test peers.',
  },
  {
    name: 'eslint-rules',
    label: 'eslint-rules/',
    files: 'eslint-rules/',
    folders: ['eslint-rules'],
    packages: ['declared'],
    node: true,
    why: 'Lint rules stand alone.',
  },
  {
    name: 'root files',
    label: 'a root file',
    files: '',
    folders: ['eslint-rules', 'package.json'],
    packages: ['declared'],
    node: true,
    rootOnly: true,
    why: 'Tool configuration files at the repository root.',
  },
];

const manifests = new Map();
function packagesOf(root) {
  if (!manifests.has(root)) {
    let manifest = {};
    try {
      manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    } catch {
      manifest = {};
    }
    const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
    const declared = new Set([...dependencies, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})]);
    manifests.set(root, { dependencies, declared });
  }
  return manifests.get(root);
}

export function layerOf(relativePath) {
  const atRoot = !relativePath.includes('/');
  return LAYERS.find((layer) => (layer.rootOnly ? atRoot : relativePath.startsWith(layer.files))) ?? null;
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The first-party folder (or root file) a resolved relative import lands in, the most specific one first. */
function targetOf(relativeTarget, folders) {
  return folders.find((folder) => relativeTarget === folder || relativeTarget.startsWith(`${folder}/`)) ?? null;
}

function describeTarget(relativeTarget) {
  const top = relativeTarget.split('/')[0];
  if (relativeTarget.startsWith('main/preload/') || relativeTarget === 'main/preload') return 'main/preload';
  return relativeTarget.includes('/') ? top : relativeTarget;
}

/** @type {import('eslint').Rule.RuleModule} */
export const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering allow-list: what each folder may import.' },
    schema: [],
    messages: {
      badLayer: "Bad layering: {{from}} must not import from {{to}}/ ('{{spec}}'). It may import from: {{allowed}}. {{why}}",
      platform: "Bad layering: {{from}} must not import '{{spec}}'. {{allowedPackages}} {{why}}",
      undeclared: "'{{spec}}' is not declared in package.json: add it as a {{kind}} before importing it.",
      unknownFolder: 'No layering rule for {{file}}: add its folder to the allow-list in eslint-rules/layering.mjs (and to the table in ARCHITECTURE.md).',
      rawIpc: "Raw '{{name}}' is only allowed in {{allowed}}. Add a message to shared/ipc/contract.ts instead.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    if (file.startsWith('..')) return {};
    const layer = layerOf(file);
    const from = layer?.label;
    const packages = packagesOf(root);

    /** 'named' (listed by name), 'listed' (through package.json), 'undeclared' (a package.json list applies but lacks it) or 'no'. */
    function packageAllowed(name) {
      const onlyFrom = layer.onlyFrom?.[name];
      if (onlyFrom) return onlyFrom.files.includes(file) ? 'named' : 'no';
      if (layer.packages.includes(name)) return 'named';
      if (layer.packages.includes('dependencies') && packages.dependencies.has(name)) return 'listed';
      if (layer.packages.includes('declared') && packages.declared.has(name)) return 'listed';
      if (layer.packages.includes('dependencies') || layer.packages.includes('declared')) return packages.declared.has(name) ? 'no' : 'undeclared';
      return 'no';
    }

    function allowedPackagesText() {
      const names = layer.packages.map((entry) => (entry === 'dependencies' ? 'the package.json dependencies' : entry === 'declared' ? 'any package declared in package.json' : entry));
      const only = Object.entries(layer.onlyFrom ?? {}).map(([name, rule]) => `${name} only in ${rule.files.join(', ')}`);
      const all = [...names, ...only, ...(layer.node ? ['Node built-ins'] : [])];
      return all.length ? `It may import: ${all.join(', ')}.` : 'It may import no packages.';
    }

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
        if (target.startsWith('..')) return;
        if (targetOf(target, layer.folders)) return;
        context.report({ node, messageId: 'badLayer', data: { from, to: describeTarget(target), spec, allowed: layer.folders.map((f) => (f.includes('.') ? f : `${f}/`)).join(', '), why: layer.why } });
        return;
      }
      if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
        if (!layer.node) context.report({ node, messageId: 'platform', data: { from, spec, allowedPackages: allowedPackagesText(), why: layer.why } });
        return;
      }
      const name = packageName(spec);
      const allowed = packageAllowed(name);
      if (allowed === 'undeclared') {
        context.report({ node, messageId: 'undeclared', data: { spec, kind: layer.packages.includes('dependencies') ? 'dependency' : 'dependency or devDependency' } });
      } else if (allowed === 'no') {
        const why = layer.onlyFrom?.[name]?.why ?? layer.why;
        context.report({ node, messageId: 'platform', data: { from, spec, allowedPackages: allowedPackagesText(), why } });
      }
    }

    function checkIpc(node) {
      if (node.source.value !== 'electron') return;
      for (const s of node.specifiers) {
        const name = s.type === 'ImportSpecifier' ? s.imported.name : null;
        if (name && name in IPC_MODULES && IPC_MODULES[name] !== file) {
          context.report({ node: s, messageId: 'rawIpc', data: { name, allowed: IPC_MODULES[name] } });
        }
        if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') {
          if (!Object.values(IPC_MODULES).includes(file)) {
            context.report({ node: s, messageId: 'rawIpc', data: { name: 'electron (whole module)', allowed: 'named imports' } });
          }
        }
      }
    }

    if (!layer) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknownFolder', data: { file } });
        },
      };
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
        checkIpc(node);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { imports: importsRule } };
