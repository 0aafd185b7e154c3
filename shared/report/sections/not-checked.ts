/** (d) What could not be checked, and why: so a missing finding is not read as "all clear". */
import type { Diagnosis } from '../../diagnosis/types';
import { unavailableText } from '../format';
import { bullets, gridTable, none, section } from '../layout';
import { code, html, type Html } from '../markup';

export function renderNotChecked(d: Diagnosis): Html {
  if (d.notChecked.length === 0) return section('notChecked', none('Every check ran.'));
  // The decision tree holds each rule's question, which says more to a reader than a finding id.
  const questions = new Map<string, string>(d.tree.flatMap((stage) => stage.rules.map((r) => [r.finding, r.question] as const)));
  return section(
    'notChecked',
    html`<p>These checks could not run, so the causes listed beside them could be neither confirmed nor ruled out.</p>
${gridTable(
  [{ title: 'Check', width: 'w-25' }, { title: 'Why it could not run' }, { title: 'Could not be ruled out', width: 'w-35' }],
  d.notChecked.map((n) => [
    html`${n.title}<br />${code(n.probe)}`,
    unavailableText(n.reason, n.detail),
    n.affects.length === 0 ? 'nothing else depends on it' : bullets(n.affects.map((id) => html`${questions.get(id) ?? id} ${code(id)}`)),
  ]),
)}`,
  );
}
