/** Stage 1: can this computer's licensing be read and changed at all? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';

export const notElevated: Rule = {
  id: 'not-elevated',
  stage: 'prerequisites',
  question: 'Is Activation Doctor running with administrator rights?',
  sources: ['WSD-SLMGR', 'SA-ERR'],
  evaluate(ctx) {
    const elevation = ctx.snapshot.windows.elevation;
    if (elevation.status === 'unavailable') {
      return elevation.reason === 'not-windows' ? notApplicable : unknown(['windows.elevation'], elevation.detail);
    }
    if (elevation.value.elevated) return pass('running as administrator');
    return finding({
      severity: 'warning',
      title: 'Not running as administrator',
      explanation:
        'Reading the licence state works without administrator rights, but installing a key, activating online, changing the KMS host or restarting services does not (error 0x80070005). Restart Activation Doctor with "Run as administrator" before applying a fix.',
      evidence: [evidence('windows.elevation.elevated', 'Administrator rights', 'no', 'required for fixes', false)],
      strength: 0.3,
    });
  },
};

export const sppsvcStopped: Rule = {
  id: 'sppsvc-stopped',
  stage: 'prerequisites',
  question: 'Can the Software Protection service (sppsvc) run?',
  sources: ['SA-TOK', 'SA-8198'],
  evaluate(ctx) {
    const services = factValue(ctx.snapshot.windows.services);
    if (!services) return unknown(['windows.services'], 'the service states could not be read');
    const svc = services.sppsvc;
    if (!svc.exists) {
      return finding({
        severity: 'blocker',
        title: 'The Software Protection service is missing',
        explanation: 'Windows activation runs inside the Software Protection service (sppsvc). It is not registered on this computer, so nothing can be activated until the system files are repaired (sfc /scannow, DISM /Online /Cleanup-Image /RestoreHealth).',
        evidence: [evidence('windows.services.sppsvc', 'Software Protection service (sppsvc)', 'not found', 'installed', false)],
        strength: 0.9,
      });
    }
    if (svc.startType === 'disabled') {
      return finding({
        severity: 'blocker',
        title: 'The Software Protection service is disabled',
        explanation:
          'Windows activation runs inside the Software Protection service (sppsvc). It is set to Disabled, so Windows cannot activate, renew or even report its licence reliably. Set it back to start automatically (delayed) and start it.',
        evidence: [
          evidence('windows.services.sppsvc.startType', 'Start type of sppsvc', 'Disabled', 'Automatic (Delayed Start) or Manual', false),
          evidence('windows.services.sppsvc.status', 'State of sppsvc', svc.status),
        ],
        fixes: [{ fixId: 'start-sppsvc', inputs: {}, reason: 'sets sppsvc back to Automatic (Delayed Start) and starts it' }],
        strength: 0.95,
      });
    }
    return pass(svc.status === 'running' ? 'sppsvc is running' : 'sppsvc is stopped but starts on demand, which is normal');
  },
};
