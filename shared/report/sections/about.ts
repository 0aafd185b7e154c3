/** (j) The footer: what the report is for, what it never contains, and how it was made. */
import { formatTime } from '../format';
import { html, type Html } from '../markup';
import { REPORT_SECTIONS } from '../layout';

export function renderAbout(generatedAt: string, appVersion: string): Html {
  return html`<footer id="about" class="report-section report-footer" aria-labelledby="about-title">
<h2 id="about-title">${REPORT_SECTIONS.about}</h2>
<p>Activation Doctor diagnoses and repairs genuine Windows activation with the organisation's own licences: Microsoft's published KMS client setup keys (GVLKs), the organisation's KMS host or Active Directory, MAK, phone activation and Azure KMS. It does not bypass or emulate activation.</p>
<p><strong>Product keys are shown by their last 5 characters only</strong> (as Windows itself shows them); any full key found in the text was masked to <code>*****-*****-*****-*****-XXXXX</code> before the report was written.</p>
<p>Made ${formatTime(generatedAt)} by Activation Doctor ${appVersion}. Facts were collected on the computer named at the top; network checks were measured from it. The report contains no scripts and loads nothing from the network; links open only when clicked.</p>
</footer>
`;
}
