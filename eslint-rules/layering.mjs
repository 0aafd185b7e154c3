/**
 * Layering rule in the manner of VS Code's `code-layering`: the folder a file lives in decides
 * what it may import.
 *
 *   shared/    pure TypeScript: may import only shared/ and plain libraries (zod); no node:*,
 *              no Node built-ins, no electron, no main/ or renderer/.
 *   renderer/  may import shared/ and browser libraries; never main/, node:* or electron.
 *   main/      may import shared/, Node and electron; never renderer/.
 *
 * Raw `ipcMain` / `ipcRenderer` are allowed only in the one IPC module on each side.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IPC_MODULES = {
  ipcMain: 'main/ipc.ts',
  ipcRenderer: 'main/preload/index.ts',
};

function layerOf(relativePath) {
  const top = relativePath.split('/')[0];
  return top === 'shared' || top === 'renderer' || top === 'main' ? top : null;
}

function isNodeOrElectron(spec) {
  return spec === 'electron' || spec.startsWith('electron/') || spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
}

/** @type {import('eslint').Rule.RuleModule} */
export const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the main / renderer / shared layering by folder name.' },
    schema: [],
    messages: {
      badLayer: "Bad layering: {{from}}/ must not import from {{to}}/ ('{{spec}}'). {{why}}",
      platform: "Bad layering: {{from}}/ must not import '{{spec}}'. {{why}}",
      rawIpc: "Raw '{{name}}' is only allowed in {{allowed}}. Add a message to shared/ipc/contract.ts instead.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = layerOf(file);
    if (!from) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
        const to = layerOf(target);
        if (!to || to === from) return;
        const allowed = to === 'shared';
        if (!allowed) {
          const why =
            from === 'shared'
              ? 'shared/ is pure TypeScript used by both processes.'
              : from === 'renderer'
                ? 'The renderer talks to main only through the IPC contract.'
                : 'main/ never depends on the UI.';
          context.report({ node, messageId: 'badLayer', data: { from, to, spec, why } });
        }
        return;
      }
      if ((from === 'shared' || from === 'renderer') && isNodeOrElectron(spec)) {
        const why =
          from === 'shared'
            ? 'shared/ must run unchanged in the renderer, in main and in the CLI.'
            : 'The renderer is sandboxed: ask main through the IPC contract.';
        context.report({ node, messageId: 'platform', data: { from, spec, why } });
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
