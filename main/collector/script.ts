/**
 * Builds the collector script: one standalone PowerShell file that a technician runs on another
 * Windows computer (also Windows Server 2012 R2, 2008 R2 and Windows 7 SP1 with WMF 3.0+, where the
 * app cannot run) and that writes one file `activation-doctor diagnose --snapshot` reads.
 *
 * The Windows facts come from the app's own probe scripts (main/probes/windows/*.ps1), read when the
 * script is generated and embedded as script blocks, each invoked with the parameters the app's
 * runner passes: one source of truth. The probes' shared prologue (_prologue.ps1), which each
 * dot-sources from its own folder, is embedded once as a function; in each probe the one line that
 * dot-sources the file becomes a line that dot-sources that function (same scope, same effect). Everything else is constant text in main/collector/ps/.
 * Nothing user-supplied is ever part of the generated source: the technician's choices are the
 * script's own parameters, validated by the script before use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeParams, psSingleQuoted, resolveScript } from '../powershell/command';
import { defaultScriptsDirs } from '../powershell/scripts-dir';
import { ALWAYS_CONTACTED_SOURCES, NOT_CONTACTED_REASONS } from '../../shared/kms-target';
import { AZURE_KMS_CLOUDS } from '../../shared/knowledge/azure';
import { COLLECTOR_VERSION } from './document';
import { EMBEDDED_PROBES, type EmbeddedProbe } from './probes';
import { PS_CANDIDATE_FUNCTIONS } from './ps/candidates';
import { PS_CONTACT_FUNCTIONS } from './ps/contact';
import { PS_DOCUMENT_FUNCTIONS } from './ps/document';
import { PS_INPUT_FUNCTIONS } from './ps/inputs';
import { PS_FACTS_VIA, PS_NETWORK_RUN, PS_PARAM_BLOCK, PS_PREAMBLE, PS_START, PS_VALIDATION } from './ps/main';
import { PS_NETWORK_FUNCTIONS } from './ps/network';
import { PS_UNATTENDED_FUNCTIONS } from './ps/unattended';

/** The file name the documentation and the CLI suggest. */
export const COLLECTOR_SCRIPT_NAME = 'activation-doctor-collector.ps1';

export interface CollectorScriptOptions {
  /** Activation Doctor's version, recorded in the script and in every file it writes. */
  version: string;
  /** The probe scripts' text by name (`os`, `licensing`, ...); read from main/probes/windows when omitted. */
  probeScripts?: Readonly<Record<string, string>>;
  /**
   * Defaults for tools that run a script without parameters (Intune remediations): unattended
   * mode and where the file goes. Embedded as base64 JSON data, validated by the script like
   * the parameters; parameters given when it runs win.
   */
  defaults?: { unattended: boolean; outFile: string | null };
}

/** How the header shows the script being run (a backslash before ${ would escape it in a template). */
const RUN_PATH = `.\\${COLLECTOR_SCRIPT_NAME}`;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/;
const KEY = /^[A-Za-z]+$/;

/** The key of the shared prologue among the probe scripts (its file is `_prologue.ps1`). */
export const PROLOGUE = '_prologue';
/** The line by which every probe script dot-sources the prologue from its own folder. */
export const PROLOGUE_LINE = ". ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))";
/** The function the collector script defines the prologue as. */
const PROLOGUE_FUNCTION = 'Invoke-ProbePrologue';

/** Reads every embedded probe script, and the prologue, from the scripts folder the app itself runs them from. */
export function readProbeScripts(scriptsDir: string = firstScriptsDir()): Record<string, string> {
  const scripts: Record<string, string> = {};
  for (const probe of EMBEDDED_PROBES) scripts[probe.script] = readFileSync(resolveScript(scriptsDir, probe.script).path, 'utf8');
  scripts[PROLOGUE] = readFileSync(join(scriptsDir, `${PROLOGUE}.ps1`), 'utf8');
  return scripts;
}

/** The probe with its prologue line pointing at the embedded function (exactly one such line). */
function withEmbeddedPrologue(name: string, source: string): string {
  const lines = source.split('\n');
  const at = lines.flatMap((line, index) => (line.trim() === PROLOGUE_LINE ? [index] : []));
  if (at.length !== 1) throw new Error(`${name} must dot-source the prologue exactly once with the line ${PROLOGUE_LINE} (found ${at.length})`);
  const index = at[0] ?? 0;
  lines[index] = (lines[index] ?? '').replace(PROLOGUE_LINE, `. ${PROLOGUE_FUNCTION}`);
  return lines.join('\n');
}

/** The prologue once, as a function each embedded probe dot-sources into its own scope. */
function prologueSection(source: string): string {
  return [
    '',
    '# ---------------------------------------------------------------------------------------------',
    "# The probes' shared prologue (_prologue.ps1, embedded unchanged): each probe dot-sources it",
    '# ---------------------------------------------------------------------------------------------',
    '',
    `function ${PROLOGUE_FUNCTION} {`,
    source.replace(/\n+$/, ''),
    '}',
    '',
  ].join('\n');
}

function firstScriptsDir(): string {
  const [dir] = defaultScriptsDirs();
  if (!dir) throw new Error('the PowerShell scripts were not found; reinstall Activation Doctor');
  return dir;
}

/** PowerShell reads a file without a BOM as ANSI, and line ends may be either: keep it to ASCII lines. */
function checkedText(name: string, text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowed = code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0x7e);
    if (!allowed) throw new Error(`${name} contains a character that is not ASCII (code ${code} at offset ${i}); the collector script must stay ASCII`);
  }
  // A backtick is PowerShell's escape and line-continuation character: none of our text uses it,
  // so a stray one (a template mistake) cannot change how a line is read.
  if (name.startsWith('collector') && text.includes('`')) throw new Error(`${name} contains a backtick`);
  return text.replace(/\r\n?/g, '\n');
}

/** The header's list of Windows facts: one line each, from the registry's titles. */
function factLines(): string {
  return EMBEDDED_PROBES.map((probe) => `#       ${probe.title}`).join('\n');
}

function header(version: string): string {
  return String.raw`# Activation Doctor collector script (generated by Activation Doctor ${version}).
#
# Collects what Activation Doctor needs to diagnose Windows activation on THIS computer, also where
# Activation Doctor itself cannot run (Windows Server 2012 R2; Windows Server 2008 R2 and Windows 7
# SP1 with Windows Management Framework 3.0 or newer), and writes it to one JSON file:
#   - Windows facts, read through CIM (or WMI where CIM does not work) by the same scripts
#     Activation Doctor runs itself, embedded unchanged below:
${factLines()}
#   - Network checks from this computer: the _vlmcs._tcp DNS records of its domains (Windows 8 and
#     Windows Server 2012 or newer), TCP to every KMS host found (port 1688 unless configured
#     otherwise), and the clock offset to each host (SNTP, UDP 123).
# It changes nothing on this computer, and contacts only its DNS servers and those KMS hosts that
# are the organisation's own (in its DNS domains or private networks), named with -KmsHost or in
# its _vlmcs._tcp records: a host elsewhere, on loopback or link-local is recorded, never contacted.
#
# Run it in PowerShell 3.0 or newer, preferably as administrator:
#   powershell -ExecutionPolicy Bypass -File ${RUN_PATH} [-KmsHost host[:port]] [-Domain corp.example] [-OutFile path] [-TimeoutMs 3000] [-Unattended]
#
#   -KmsHost    also check this KMS host: a name, an IPv4 address or [IPv6]:port; port 1688 by default
#   -Domain     also search this DNS domain for _vlmcs._tcp records
#   -OutFile    where to write the result: a file, or a folder (a share) to write the default name
#               into; default .\activation-doctor-<COMPUTERNAME>-<yyyyMMdd-HHmmss>.json
#   -TimeoutMs  time limit of each network check, 100 to 120000 milliseconds; default 3000
#   -Unattended for RMM tools, Intune, ConfigMgr and remoting: no progress lines, one JSON summary
#               line on stdout; exit 0 activated and none of this script's own checks failed,
#               1 a problem (the line's failedChecks names the checks; they are not finding ids),
#               2 could not run. Full diagnosis: activation-doctor fleet diagnose (docs/fleet.md)
#
# Then bring the file back and run:  activation-doctor diagnose --snapshot <file>
# (or open it in Activation Doctor). Exit status: 0 written; 1 the file could not be written;
# 2 bad parameters, or PowerShell older than 3.0.
#
# Generated; do not edit. A new one: activation-doctor collector --out ${COLLECTOR_SCRIPT_NAME}
`;
}

/** One probe: its script verbatim as a script block, run with the app's parameters, output kept. */
function probeSection(probe: EmbeddedProbe, source: string): string {
  if (!KEY.test(probe.key)) throw new Error(`unexpected probe key ${probe.key}`);
  const body = source.replace(/\n+$/, '');
  return [
    '',
    `    # --- ${probe.script}.ps1, embedded from Activation Doctor (main/probes/windows), its prologue line aside ---`,
    // Splatted, as PowerShell binds it like -ArgsBase64 '...' (a parameter name that ends in
    // digits followed by a value also trips up tree-sitter-powershell, which the tests parse with).
    `    $collectorProbeArgs = @{ ArgsBase64 = ${psSingleQuoted(encodeParams(probe.params))} }`,
    '    $collectorProbeWatch = [System.Diagnostics.Stopwatch]::StartNew()',
    '    try {',
    '        $collectorProbeOutput = @(& {',
    body,
    '        } @collectorProbeArgs)',
    `        $collectorProbe = Read-ProbeOutput -Name ${psSingleQuoted(probe.script)} -Output $collectorProbeOutput`,
    '    }',
    '    catch {',
    `        $collectorProbe = New-ProbeFailure -Message (${psSingleQuoted(`${probe.script}.ps1 stopped: `)} + $_.Exception.Message) -ErrorId ([string]$_.FullyQualifiedErrorId)`,
    '    }',
    `    Save-ProbeResult -Key ${psSingleQuoted(probe.key)} -Title ${psSingleQuoted(probe.title)} -Probe $collectorProbe -Watch $collectorProbeWatch`,
    '',
  ].join('\n');
}

/**
 * The contact policy's data, from the app's own tables (shared/kms-target.ts, the Azure KMS table
 * in shared/knowledge/azure.ts), as a function: the rules in ps/contact.ts read it.
 */
function contactPolicySection(): string {
  const list = (items: readonly string[]) => `@(${items.map(psSingleQuoted).join(', ')})`;
  const azure = AZURE_KMS_CLOUDS.flatMap((cloud) => cloud.hosts.flatMap((h) => [h.name, ...h.ips]));
  const reasons = Object.entries(NOT_CONTACTED_REASONS).map(([key, text]) => `            ${key} = ${psSingleQuoted(text)}`);
  return [
    '',
    'function Get-ContactPolicy {',
    "    # Generated from Activation Doctor's own tables (shared/kms-target.ts, shared/knowledge/azure.ts).",
    '    return @{',
    `        alwaysContacted = ${list(ALWAYS_CONTACTED_SOURCES)}`,
    `        azureKmsHosts   = ${list(azure)}`,
    '        reasons         = @{',
    ...reasons,
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
}

/** The collector script's text: ASCII, CRLF line ends (Notepad on older Windows shows LF-only files as one line). */
export function buildCollectorScript(options: CollectorScriptOptions): string {
  if (!VERSION.test(options.version)) throw new Error(`"${options.version.slice(0, 40)}" is not a version Activation Doctor writes into a script`);
  const scripts = options.probeScripts ?? readProbeScripts();
  const probes = EMBEDDED_PROBES.map((probe) => {
    const source = scripts[probe.script];
    if (source === undefined) throw new Error(`the probe script ${probe.script}.ps1 is missing`);
    return probeSection(probe, withEmbeddedPrologue(`${probe.script}.ps1`, checkedText(`${probe.script}.ps1`, source)));
  });
  const prologue = scripts[PROLOGUE];
  if (prologue === undefined) throw new Error(`the probe prologue ${PROLOGUE}.ps1 is missing`);
  const keys = EMBEDDED_PROBES.map((probe) => psSingleQuoted(probe.key)).join(', ');
  const parts: [string, string][] = [
    ['collector header', header(options.version)],
    ['collector parameters', PS_PARAM_BLOCK],
    ['collector preamble', PS_PREAMBLE],
    ['collector constants', `\n$collectorVersion = ${psSingleQuoted(options.version)}\n$collectorFormatVersion = ${COLLECTOR_VERSION}\n$collectorProbeKeys = @(${keys})\n$collectorDefaults = ${psSingleQuoted(options.defaults ? encodeParams(options.defaults) : '')}\n`],
    ['collector input functions', PS_INPUT_FUNCTIONS],
    ['collector candidate functions', PS_CANDIDATE_FUNCTIONS],
    ['collector contact policy', PS_CONTACT_FUNCTIONS],
    ['collector contact policy data', contactPolicySection()],
    ['collector network functions', PS_NETWORK_FUNCTIONS],
    ['collector document functions', PS_DOCUMENT_FUNCTIONS],
    ['collector unattended functions', PS_UNATTENDED_FUNCTIONS],
    ['collector validation', PS_VALIDATION],
    ['collector facts', PS_FACTS_VIA],
    ['probe prologue', prologueSection(checkedText(`${PROLOGUE}.ps1`, prologue))],
    ['collector start', PS_START],
  ];
  const text = [...parts.map(([name, part]) => checkedText(name, part)), ...probes, checkedText('collector network run', PS_NETWORK_RUN)].join('');
  return text.replace(/\n/g, '\r\n');
}
