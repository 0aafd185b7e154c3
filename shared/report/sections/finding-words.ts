/** Words and badges shared by the summary and the findings sections. */
import type { Finding } from '../../diagnosis/types';
import { html, type Html } from '../markup';
import { PRODUCT_NAMES } from '../../ids';

export const SEVERITY_TEXT: Record<Finding['severity'], string> = {
  blocker: 'Blocker',
  warning: 'Warning',
  info: 'Information',
};

export const severityBadge = (severity: Finding['severity']): Html => html`<span class="badge sev-${severity}">${SEVERITY_TEXT[severity]}</span>`;

/** The in-page anchor of a finding, so the summary can point at it. */
export const findingAnchor = (finding: Finding, rank: number): string => `finding-${rank}-${finding.id}`;

/** Which product a finding is about, shown beside its severity: Windows or Office. */
export const productBadge = (product: Finding['product']): Html => html`<span class="badge product-${product}">${PRODUCT_NAMES[product]}</span>`;
