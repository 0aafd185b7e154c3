// Types for layering.mjs, so TypeScript tests can read the allow-list.
import type { Rule } from 'eslint';

export interface Layer {
  /** How the layer is named in ARCHITECTURE.md's table (a folder without the slash, or "root files"). */
  name: string;
  /** How messages name it: "shared/", "a root file". */
  label: string;
  /** The path prefix of the files it covers ('' with rootOnly: files at the repository root). */
  files: string;
  folders: string[];
  packages: string[];
  onlyFrom?: Record<string, { files: string[]; why: string }>;
  node: boolean;
  rootOnly?: boolean;
  why: string;
}

export const LAYERS: Layer[];
export function layerOf(relativePath: string): Layer | null;
export const importsRule: Rule.RuleModule;
declare const plugin: { rules: { imports: Rule.RuleModule } };
export default plugin;
