/**
 * PowerShell checks that run without PowerShell: a syntax check with tree-sitter-powershell (wasm)
 * and a lint for the rules every shipped collector script must follow.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;

export function loadParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')));
    return parser;
  })();
  return parserPromise;
}

function parse(parser: Parser, source: string): Node {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

export interface SyntaxProblem {
  line: number;
  column: number;
  text: string;
}

export function syntaxErrors(parser: Parser, source: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (const node of walk(parse(parser, source))) {
    if (node.isError || node.isMissing) {
      problems.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, text: node.isMissing ? `missing ${node.type}` : node.text.slice(0, 60) });
    }
  }
  return problems;
}

export type LintRule =
  | 'forbidden-command'
  | 'dynamic-invocation'
  | 'forbidden-text'
  | 'param-block'
  | 'args-decoding'
  | 'progress-preference'
  | 'output-encoding'
  | 'error-envelope'
  | 'final-json';

export interface LintProblem {
  rule: LintRule;
  message: string;
}

/** Commands that run text as code, start other shells or processes, change state or pollute stdout. */
const FORBIDDEN_COMMANDS = new Set(
  [
    'invoke-expression',
    'iex',
    'invoke-command',
    'icm',
    'add-type',
    'start-process',
    'saps',
    'start',
    'start-job',
    'new-module',
    'import-module',
    'powershell',
    'powershell.exe',
    'pwsh',
    'pwsh.exe',
    'cmd',
    'cmd.exe',
    'cscript',
    'wscript',
    'slmgr',
    'slmgr.vbs',
    'w32tm',
    'netsh',
    'cd',
    'sl',
    'chdir',
    'pushd',
    'popd',
    'push-location',
    'pop-location',
    'write-host',
    'out-host',
    'write-progress',
    'write-information',
  ].map((name) => name.toLowerCase()),
);
/** Collectors only read: verbs that change the machine are refused (New-Object is the one exception). */
const WRITE_VERBS = new Set(['set', 'remove', 'clear', 'stop', 'restart', 'disable', 'enable', 'install', 'uninstall', 'register', 'unregister', 'rename', 'move', 'copy', 'add', 'new', 'invoke', 'start', 'suspend', 'resume']);
const ALLOWED = new Set(['new-object']);

/** Text that must not appear outside comments, whatever the syntax around it. */
const FORBIDDEN_TEXT: [RegExp, string][] = [
  [/-e(nc(odedcommand)?|c)?\s+['"]?[A-Za-z0-9+/]{16,}={0,2}/i, '-EncodedCommand'],
  [/-EncodedCommand\b/i, '-EncodedCommand'],
  [/\[scriptblock\]::create/i, '[ScriptBlock]::Create'],
  [/\bNewScriptBlock\b/i, 'NewScriptBlock'],
  [/\bInvokeScript\b/i, 'InvokeScript'],
  [/\bExpandString\b/i, 'ExpandString'],
  [/\bInvoke-Expression\b/i, 'Invoke-Expression'],
  [/(^|[\s;|(&{])iex\b/im, 'iex'],
  [/\bAdd-Type\b/i, 'Add-Type'],
];

const stripComments = (source: string, root: Node): string => {
  let out = source;
  const comments = [...walk(root)].filter((node) => node.type === 'comment').sort((a, b) => b.startIndex - a.startIndex);
  for (const comment of comments) out = out.slice(0, comment.startIndex) + ' '.repeat(comment.endIndex - comment.startIndex) + out.slice(comment.endIndex);
  return out;
};

function commandName(command: Node): string | null {
  const name = command.children.find((child) => child?.type === 'command_name');
  return name ? name.text : null;
}

/**
 * Invocation targets that are not computed from data although they are not a literal: the line that
 * dot-sources the shared prologue from the script's own folder, and a variable every assignment of
 * which is such a path or a program from the system folder (Get-SystemExecutable -Name '<literal>').
 */
const SAFE_PATH = /^\(?\[System\.IO\.Path\]::Combine\(\$PSScriptRoot(?:,\s*'[A-Za-z0-9_.-]+')+\)\)?$/;
const SAFE_PROGRAM = /^Get-SystemExecutable -Name '[A-Za-z0-9]+\.exe'$/;
const BARE_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

function safeTarget(target: string, code: string): boolean {
  if (BARE_NAME.test(target) || SAFE_PATH.test(target)) return true;
  const variable = /^\$([A-Za-z][A-Za-z0-9]*)$/.exec(target)?.[1];
  if (!variable) return false;
  const assignments = [...code.matchAll(new RegExp(`^\\s*\\$${variable}\\s*=\\s*(.+?)\\s*$`, 'gim'))].map((m) => m[1] ?? '');
  return assignments.length > 0 && assignments.every((value) => SAFE_PATH.test(value) || SAFE_PROGRAM.test(value));
}

function checkCommands(root: Node, problems: LintProblem[], code: string): void {
  // The script's own helper functions (New-ErrorResult) are not machine-changing cmdlets.
  const ownFunctions = new Set([...walk(root)].filter((node) => node.type === 'function_name').map((node) => node.text.toLowerCase()));
  for (const node of walk(root)) {
    if (node.type !== 'command') continue;
    const operator = node.children.find((child) => child?.type === 'command_invokation_operator');
    if (operator) {
      const target = node.children.find((child) => child?.type === 'command_name_expr')?.firstChild ?? null;
      const literal = target?.type === 'string_literal' && target.firstChild?.type === 'verbatim_string_characters';
      const script = target?.type === 'script_block_expression';
      if (!literal && !script && !safeTarget(target?.text ?? '', code)) {
        problems.push({ rule: 'dynamic-invocation', message: `"${node.text.slice(0, 60)}" runs a command whose name is computed at run time` });
      }
      continue;
    }
    const name = commandName(node);
    if (!name) continue;
    const lower = name.toLowerCase();
    const verb = lower.includes('-') ? lower.split('-')[0] ?? '' : '';
    if (FORBIDDEN_COMMANDS.has(lower) || (WRITE_VERBS.has(verb) && !ALLOWED.has(lower) && !ownFunctions.has(lower))) {
      problems.push({ rule: 'forbidden-command', message: `${name} is not allowed in a collector script` });
    }
  }
}

function checkParamBlock(root: Node, code: string, problems: LintProblem[]): void {
  const block = root.children.find((child) => child?.type === 'param_block');
  if (!block) return;
  const parameters = [...walk(block)].filter((node) => node.type === 'script_parameter');
  const only = parameters.length === 1 ? parameters[0] : undefined;
  const variable = only ? [...walk(only)].find((node) => node.type === 'variable')?.text : undefined;
  const type = only ? [...walk(only)].find((node) => node.type === 'type_name')?.text : undefined;
  if (!only || variable?.toLowerCase() !== '$argsbase64' || type?.toLowerCase() !== 'string') {
    problems.push({ rule: 'param-block', message: 'the only parameter allowed is param([string]$ArgsBase64)' });
    return;
  }
  const uses = code.slice(block.endIndex).match(/\$ArgsBase64\b/gi) ?? [];
  const decoded = /\[(System\.)?Convert\]::FromBase64String\(\s*\$ArgsBase64\s*\)/i.test(code) && /\bConvertFrom-Json\b/i.test(code);
  if (uses.length > 0 && !decoded) {
    problems.push({ rule: 'args-decoding', message: '$ArgsBase64 must be decoded with [Convert]::FromBase64String and ConvertFrom-Json' });
  }
}

function lastStatement(root: Node): Node | null {
  const list = root.children.find((child) => child?.type === 'statement_list');
  const statements = list?.children.filter((child): child is Node => child !== null && child.isNamed && child.type !== 'comment') ?? [];
  return statements.at(-1) ?? null;
}

export function lintScript(parser: Parser, source: string): LintProblem[] {
  const root = parse(parser, source);
  const code = stripComments(source, root);
  const problems: LintProblem[] = [];
  checkCommands(root, problems, code);
  for (const [pattern, label] of FORBIDDEN_TEXT) {
    if (pattern.test(code)) problems.push({ rule: 'forbidden-text', message: `${label} is not allowed` });
  }
  checkParamBlock(root, code, problems);
  if (!/^\$ProgressPreference\s*=\s*'SilentlyContinue'\s*$/im.test(code)) {
    problems.push({ rule: 'progress-preference', message: "the script must set $ProgressPreference = 'SilentlyContinue'" });
  }
  if (!/^\s*\[Console\]::OutputEncoding\s*=\s*(\[(System\.)?Text\.Encoding\]::UTF8|New-Object\s+(-TypeName\s+)?'?(System\.)?Text\.UTF8Encoding'?\b.*)\s*$/im.test(code)) {
    problems.push({ rule: 'output-encoding', message: 'the script must set [Console]::OutputEncoding to UTF-8' });
  }
  // Failures are reported as {"error": {"kind", "message"}} from a top-level try/catch, never thrown.
  const statements = root.children.find((child) => child?.type === 'statement_list')?.children ?? [];
  const hasTry = statements.some((node) => node?.type === 'try_statement' && node.children.some((child) => child?.type === 'catch_clauses' || child?.type === 'catch_clause'));
  if (!hasTry || !/\berror\s*=\s*(\[ordered\])?@\{/i.test(code) || !/\bkind\s*=/i.test(code) || !/\bmessage\s*=/i.test(code)) {
    problems.push({ rule: 'error-envelope', message: 'the script must catch failures at the top level and print them as {"error": {"kind": ..., "message": ...}}' });
  }
  const last = lastStatement(root);
  const lastCommand = last ? [...walk(last)].find((node) => node.type === 'command') : undefined;
  if (!lastCommand || commandName(lastCommand)?.toLowerCase() !== 'convertto-json') {
    problems.push({ rule: 'final-json', message: 'the script must end by writing ConvertTo-Json output' });
  }
  return problems;
}

/** The line (probes) or statement (fixes) by which a script dot-sources the shared prologue. */
const PROLOGUE_INCLUDE = /^[ \t]*\. (?:\(\[System\.IO\.Path\]::Combine\(\$PSScriptRoot, '_prologue\.ps1'\)\)|\$prologuePath)[ \t]*$/m;

/** The script as it runs: its prologue include replaced by the prologue's text (for the lint). */
export function withPrologue(source: string, prologue: string): string {
  if (!PROLOGUE_INCLUDE.test(source)) return source;
  return source.replace(PROLOGUE_INCLUDE, () => prologue);
}
