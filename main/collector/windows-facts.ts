/**
 * The Windows facts of a collector file: each embedded probe's output read exactly as the app's
 * runner and collectors read a probe's stdout (main/powershell/output.ts interpretOutput, then the
 * collector's raw schema and parse function, the snapshot schema as the final check, failures
 * through describeFailure). It is the post-invoke half of runCollector and createWindowsCollectors
 * (main/probes/windows/index.ts), synchronous because the output is already here; a test keeps the
 * two equal on every fixture (test/unit/collector/windows-facts.test.ts).
 */
import type { z } from 'zod';
import { okFact, unavailableFact, type Fact, type FirewallRule, type WindowsFacts } from '../../shared/snapshot';
import { interpretOutput } from '../powershell/output';
import type { CollectorSpec } from '../probes/windows/collector';
import { elevationCollector } from '../probes/windows/elevation';
import { eventsCollector } from '../probes/windows/events';
import { describeFailure } from '../probes/windows/failure';
import { firewallCollector, narrowFirewallFact } from '../probes/windows/firewall';
import { licensingCollector } from '../probes/windows/licensing';
import { networkConfigCollector } from '../probes/windows/network-config';
import { osCollector } from '../probes/windows/os';
import { servicesCollector } from '../probes/windows/services';
import type { CollectorDocument } from './document';

/** One probe's printed output (already parsed from the file) → its fact, as runCollector makes it. */
export function factFromOutput<Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, output: unknown, durationMs: number): Fact<T> {
  const elapsed = Math.max(0, Math.round(durationMs));
  let raw: z.output<Raw>;
  try {
    // Back to the text the script printed, so it takes the very path stdout takes in the app.
    raw = interpretOutput(spec.script, JSON.stringify(output), spec.raw);
  } catch (error) {
    const { reason, detail } = describeFailure(error, spec.subject);
    return unavailableFact(reason, detail, elapsed);
  }
  try {
    const checked = spec.value.safeParse(spec.parse(raw));
    if (checked.success) return okFact(checked.data, elapsed);
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the result';
    return unavailableFact('failed', `Could not read ${spec.subject}: ${spec.script}.ps1 returned a value Activation Doctor cannot use at ${where} (${issue?.message ?? 'invalid'}).`, elapsed);
  } catch (error) {
    return unavailableFact('failed', `Could not read ${spec.subject}: interpreting ${spec.script}.ps1 output failed (${error instanceof Error ? error.message : String(error)}).`, elapsed);
  }
}

/** The firewall rule only matters on a KMS host (createWindowsCollectors' rule). */
export function firewallFactFromOutput(output: unknown, durationMs: number): Fact<FirewallRule> {
  return narrowFirewallFact(factFromOutput(firewallCollector, output, durationMs));
}

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

/** Every Windows fact of the document, each read by its own collector's rules. */
export function windowsFactsOf(doc: CollectorDocument): WindowsFacts {
  const { raw, durationsMs: d } = doc;
  return {
    os: adviseForScript(factFromOutput(osCollector, raw.os, d.os)),
    licensing: adviseForScript(factFromOutput(licensingCollector, raw.licensing, d.licensing)),
    networkConfig: adviseForScript(factFromOutput(networkConfigCollector, raw.networkConfig, d.networkConfig)),
    services: adviseForScript(factFromOutput(servicesCollector, raw.services, d.services)),
    events: adviseForScript(factFromOutput(eventsCollector, raw.events, d.events)),
    elevation: adviseForScript(factFromOutput(elevationCollector, raw.elevation, d.elevation)),
    firewall: adviseForScript(firewallFactFromOutput(raw.firewall, d.firewall)),
  };
}
