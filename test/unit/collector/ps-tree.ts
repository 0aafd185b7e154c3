/**
 * Small tree-sitter helpers for reading the generated collector script in tests (the parser itself
 * comes from test/unit/probes/windows/ps1-tools.ts).
 */
import type { Node, Parser } from 'web-tree-sitter';

export function rootOf(parser: Parser, source: string): Node {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}

export function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

export const nodesOfType = (root: Node, type: string): Node[] => [...walk(root)].filter((node) => node.type === type);

/** The source with every comment blanked out (same length, so offsets still match). */
export function withoutComments(source: string, root: Node): string {
  let out = source;
  for (const comment of nodesOfType(root, 'comment').sort((a, b) => b.startIndex - a.startIndex)) {
    out = out.slice(0, comment.startIndex) + ' '.repeat(comment.endIndex - comment.startIndex) + out.slice(comment.endIndex);
  }
  return out;
}

/** True when `node` sits inside a try statement, whose catch then handles its failure. */
export function insideTry(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'try_statement' && current.children.some((child) => child?.type === 'catch_clauses' || child?.type === 'catch_clause')) return true;
  }
  return false;
}

/** The name of the function a node is defined in, if any. */
export function enclosingFunction(node: Node): string | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_statement') return current.children.find((child) => child?.type === 'function_name')?.text ?? null;
  }
  return null;
}
