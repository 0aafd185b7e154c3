/**
 * The Windows facts of a collector file: each embedded probe's output read exactly as the app's
 * runner and collectors read a probe's stdout (main/powershell/output.ts interpretOutput, then the
 * collector's raw schema and parse function, the snapshot schema as the final check, failures
 * through describeFailure). It is the post-invoke half of runCollector and createWindowsCollectors
 * (main/probes/windows/index.ts), synchronous because the output is already here; a test keeps the
 * two equal on every fixture (test/unit/collector/windows-facts.test.ts).
 */
import { notCollectedFact, WINDOWS_FACT_KEYS, type Fact, type WindowsFacts } from '../../shared/snapshot';
import { factFromOutput } from '../probes/windows/probe';
import { windowsProbe } from '../probes/windows/registry';
import type { CollectorDocument } from './document';

export { factFromOutput };

/**
 * The app's advice names the app; on the other computer the technician ran the script, so the
 * same advice names the script.
 */
const ADVICE: [string, string][] = [['Start Activation Doctor as administrator.', 'Run the collector script from an elevated PowerShell (Run as administrator).']];

export function adviseForScript<T>(fact: Fact<T>): Fact<T> {
  if (fact.status === 'ok') return fact;
  const detail = ADVICE.reduce((text, [app, script]) => text.split(app).join(script), fact.detail);
  return { ...fact, detail: detail.slice(0, 2000) };
}

/** Every Windows fact of the document, each read by its own probe's rules; a probe the script did not have is "not collected". */
export function windowsFactsOf(doc: CollectorDocument): WindowsFacts {
  const { raw, durationsMs } = doc;
  const facts = WINDOWS_FACT_KEYS.map((key) => {
    const output = raw[key];
    const fact: Fact<unknown> = output === undefined ? notCollectedFact(key) : windowsProbe(key).fromOutput(output, durationsMs[key] ?? 0);
    return [key, adviseForScript(fact)] as const;
  });
  return Object.fromEntries(facts) as WindowsFacts;
}
