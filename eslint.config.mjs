import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layering from './eslint-rules/layering.mjs';

// Globals that would tie shared/ to one runtime. shared/ runs in main, in the renderer and in the CLI.
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history', 'HTMLElement', 'Element', 'Node', 'fetch', 'XMLHttpRequest', 'alert'];
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];
const restricted = (names, why) => names.map((name) => ({ name, message: why }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/lint/**', 'test/fixtures/electronegativity/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layering },
    rules: {
      'layering/imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'eval is never allowed.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function is never allowed.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*', 'test/**/*.ts', 'test/**/*.mjs', 'bench/**', 'eslint-rules/**/*.mjs', '*.config.*', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS entry points (the CLI launcher and its bundler) load modules with require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-globals': ['error', ...restricted(NODE_GLOBALS, 'The renderer has no Node: ask main through the IPC contract.')],
    },
  },
  {
    files: ['shared/**/*.ts'],
    // Imports (zod only through shared/zod.ts included) are the layering rule's; globals are checked here.
    rules: {
      'no-restricted-globals': [
        'error',
        ...restricted(DOM_GLOBALS, 'shared/ has no DOM: it runs in main and the CLI too.'),
        ...restricted(NODE_GLOBALS, 'shared/ has no Node: it runs in the sandboxed renderer too.'),
      ],
    },
  },
);
