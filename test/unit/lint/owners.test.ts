/**
 * One owner per concept, kept that way: a source scan of shared/, main/ and renderer/ that fails
 * when code outside the owner picks a Windows product, reads a KMS host setting or gathers DNS
 * domains on its own. Each allowed file says why it may; an entry that no longer matches fails too,
 * so the list cannot rot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Concept {
  name: string;
  owner: string;
  /** What an ad-hoc pick looks like in source. */
  pattern: RegExp;
  /** Files (besides the owner) that may match, each with the reason. */
  allowed: Record<string, string>;
}

export const CONCEPTS: Concept[] = [
  {
    name: 'the Windows product',
    owner: 'shared/windows-product.ts',
    // products[0] (or any fixed row), .products.find/filter, LicenseIsAddon: picking a product by hand.
    pattern: /\.products\[\d+\]|products\[0\]|\.products\.(find|filter|findIndex|at)\(|\bisAddon\b/,
    allowed: {
      'shared/snapshot.ts': 'the schema declares isAddon',
      'main/probes/windows/licensing.ts': 'the parser reads LicenseIsAddon into isAddon',
      'main/probes/windows/esu.ts': 'the ESU licences parser reads LicenseIsAddon into isAddon; it picks no product',
      'shared/report/sections/licensing.ts': 'the report lists every row with its Add-on flag; it picks none',
      'shared/office-licences.ts': "the owner of Office's licences (windows.office): Office is never the Windows product",
    },
  },
  {
    name: 'the configured / discovered KMS host',
    owner: 'shared/kms-host-settings.ts',
    pattern: /\.(kmsMachine|discoveredKmsMachineName)\b/,
    allowed: {
      'main/probes/network/candidates.ts': 'hosts to check: every row’s settings (an add-on activates on its own), not "the" configured host',
      'renderer/src/knownHosts.ts': '"did you mean" candidates: every host name the snapshot knows',
      'shared/report/sections/licensing.ts': 'the report shows each row’s and the service’s raw settings',
      'shared/office-licences.ts': "the owner of Office's own KMS host setting (ospp.vbs /sethst), per Office licence",
      'shared/report/sections/office.ts': 'the report shows each Office licence’s raw KMS host settings',
    },
  },
  {
    name: "the organisation's DNS domains",
    owner: 'shared/org-domains.ts',
    pattern: /\.(dnsSuffixSearchList|connectionDnsSuffixes|primaryDnsSuffix|kmsLookupDomain)\b/,
    allowed: {
      'shared/report/sections/windows.ts': 'the report shows the raw DNS settings',
      'shared/report/sections/licensing.ts': 'the report shows each row’s and the service’s lookup-domain setting',
      'main/probes/windows/network-config.ts': 'the parser derives the search list Windows uses when none is configured',
      'shared/journeys/kms-host.ts': "this host's own FQDN (computer name + primary suffix), not a domain list",
      'shared/fleet/summary.ts': 'the one domain a machine is grouped under in the fleet report',
      'shared/diagnosis/suggestions.ts': 'compares the lookup-domain setting with the one a fix would set',
    },
  },
];

const ROOTS = ['shared', 'main', 'renderer/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Lines (file:line: text) where `concept` is picked outside its owner and allow-list. */
export function violations(concept: Concept, files: ReadonlyArray<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (path === concept.owner || path in concept.allowed) continue;
    text.split('\n').forEach((line, i) => {
      if (concept.pattern.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

const files = ROOTS.flatMap((root) => sourceFiles(root)).map((path) => ({ path: relative(process.cwd(), path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));

describe('one owner per concept (source scan)', () => {
  for (const concept of CONCEPTS) {
    it(`only ${concept.owner} decides ${concept.name}`, () => {
      expect(violations(concept, files), `use ${concept.owner} instead`).toEqual([]);
    });

    it(`every allow-listed file for ${concept.name} still needs its entry`, () => {
      const matching = (path: string) => files.find((f) => f.path === path)?.text.split('\n').some((line) => concept.pattern.test(line)) ?? false;
      expect(Object.keys(concept.allowed).filter((path) => !matching(path))).toEqual([]);
      expect(matching(concept.owner)).toBe(true);
    });
  }

  it('catches a new ad-hoc pick in any layer', () => {
    const [product, kms, domains] = CONCEPTS as [Concept, Concept, Concept];
    const bad = [
      { path: 'main/probes/new.ts', text: 'const main = licensing.products.find((p) => !p.isAddon) ?? licensing.products[0];' },
      { path: 'shared/diagnosis/rules/new.ts', text: "evidence('windows.licensing.products[0].description', 'Channel', c)" },
      { path: 'renderer/src/New.tsx', text: 'const host = product.kmsMachine ?? licensing.service.kmsMachine;' },
      { path: 'main/cli/new.ts', text: 'const domains = [...net.dnsSuffixSearchList, ...net.connectionDnsSuffixes];' },
    ];
    expect(violations(product, bad).map((v) => v.split(':')[0])).toEqual(['main/probes/new.ts', 'shared/diagnosis/rules/new.ts']);
    expect(violations(kms, bad).map((v) => v.split(':')[0])).toEqual(['renderer/src/New.tsx']);
    expect(violations(domains, bad).map((v) => v.split(':')[0])).toEqual(['main/cli/new.ts']);
    // The owner itself and an allow-listed file may.
    expect(violations(product, [{ path: product.owner, text: 'p.isAddon' }])).toEqual([]);
  });
});
