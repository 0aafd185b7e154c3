// @vitest-environment jsdom
/**
 * The report is made from facts read on a computer nobody vouches for (a snapshot file may come
 * from anywhere), so every string in it is treated as hostile: it must be shown, never run, and
 * never change the structure of the document. And no full product key may ever leave in it.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { containsFullProductKey, renderHtmlReport, renderJsonExport, type ReportInput } from '../../../shared/report';
import { SnapshotSchema, type Snapshot } from '../../../shared/snapshot';
import { eventsOf, netOf, osOf, product } from '../../support/snapshot-builder';
import { all, kvValue, parseHtml, sectionByHeading, tagSequence, text, xmlParseErrors } from './dom';
import { APP_VERSION, GENERATED_AT, GVLK, MASKED_GVLK, reportInput, richSnapshot, sampleAudit } from './inputs';

const HOSTILE = {
  computerName: '<script>alert(1)</script>"&\u0000\uD800',
  productName: '"onload="alert(1)" x=\'<img src=x onerror=alert(2)>',
  eventInfo: '</style><script>alert(3)</script></td></tr></table><h2>Findings</h2>&amp;\u0000 \uDC00',
  srvTarget: 'javascript:alert(4)//"><a href="javascript:alert(5)">',
  proxy: "http://p'\"><svg onload=alert(6)>",
  errorText: ']]><!-- --><![CDATA[<b>bold</b>]]>',
} as const;

/** Puts each hostile string into a snapshot field that holds free text; the schema accepts them all. */
function hostileSnapshot(): Snapshot {
  const s = richSnapshot();
  osOf(s).computerName = HOSTILE.computerName;
  s.collector.hostname = HOSTILE.computerName;
  product(s).name = HOSTILE.productName;
  product(s).description = `${HOSTILE.productName}, VOLUME_KMSCLIENT channel`;
  const events = eventsOf(s);
  const e12288 = events.e12288[0];
  if (e12288) e12288.info = HOSTILE.eventInfo;
  const e8198 = events.e8198[0];
  if (e8198) e8198.detail = HOSTILE.eventInfo;
  if (s.network.srv.status === 'ok') {
    const record = s.network.srv.value[0]?.records[0];
    if (record) record.target = HOSTILE.srvTarget;
  }
  if (s.network.kmsHosts.status === 'ok') {
    const host = s.network.kmsHosts.value[0];
    if (host) host.error = HOSTILE.errorText;
  }
  netOf(s).winHttpProxy = HOSTILE.proxy;
  return s;
}

/** The same input with every hostile string replaced by harmless text of no structural meaning. */
function defanged<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return Object.values(HOSTILE).reduce((text, bad) => text.split(bad).join('SAFE-TEXT'), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

describe('hostile strings from a snapshot', () => {
  const snapshot = hostileSnapshot();
  const input = reportInput(snapshot, { reportedCode: 0xc004f074, audit: sampleAudit() });
  const html = renderHtmlReport(input);
  const doc = parseHtml(html);

  it('are strings the snapshot schema accepts', () => {
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('create no elements and no attributes', () => {
    expect(html).not.toMatch(/<script/i);
    expect(all(doc, 'script, img, svg, iframe, object, embed, link, base, form')).toHaveLength(0);
    for (const el of all(doc, '*')) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith('on')).toBe(false);
        expect(attr.value).not.toMatch(/javascript:/i);
      }
    }
    // Exactly the structure of the same report made from harmless text.
    const harmless = renderHtmlReport({ ...input, snapshot: defanged(input.snapshot), diagnosis: defanged(input.diagnosis) });
    expect(tagSequence(doc)).toEqual(tagSequence(parseHtml(harmless)));
    expect(all(doc, 'h2').map(text)).toEqual(all(parseHtml(harmless), 'h2').map(text));
    expect(all(doc, 'style')).toHaveLength(1);
  });

  it('keep the document well-formed: no NUL, no lone surrogates', () => {
    expect(xmlParseErrors(html)).toEqual([]);
    expect(html).not.toContain('\u0000');
    expect(/\p{Cs}/u.test(html)).toBe(false);
  });

  it('are shown as the text they are', () => {
    expect(text(doc.querySelector('h1'))).toBe('<script>alert(1)</script>"&\uFFFD\uFFFD');
    expect(doc.title).toContain('<script>alert(1)</script>');
    const licensing = sectionByHeading(doc, 'Licensing facts (slmgr /dlv)');
    expect(kvValue(licensing, 'Name')).toBe(HOSTILE.productName);
    const events = text(sectionByHeading(doc, 'Activation events (Software Protection)'));
    expect(events).toContain('</style><script>alert(3)</script></td></tr></table><h2>Findings</h2>&amp;\uFFFD \uFFFD');
    const network = text(sectionByHeading(doc, 'Network checks'));
    expect(network).toContain(`${HOSTILE.srvTarget}:1688`);
    expect(network).toContain(HOSTILE.errorText);
    expect(kvValue(sectionByHeading(doc, 'Windows facts'), 'WinHTTP proxy')).toBe(HOSTILE.proxy);
  });
});

describe('product keys', () => {
  /** A GVLK quoted in a guidance line and typed into a fix input that escaped the audit log's own masking. */
  function withKeys(key: string): ReportInput {
    const input = reportInput(richSnapshot(), { reportedCode: 0xc004f074, audit: sampleAudit(key) });
    const first = input.diagnosis.findings[0];
    if (!first) throw new Error('expected a finding');
    first.guidance.push(`Install the KMS client setup key: slmgr /ipk ${key}`);
    first.fixes.push({ fixId: 'install-gvlk', inputs: { key }, reason: `installs ${key}` });
    return input;
  }

  for (const [name, key] of [
    ['with dashes', GVLK],
    ['without dashes', GVLK.replace(/-/g, '')],
    ['in lower case', GVLK.toLowerCase()],
    ['with en dashes', GVLK.replace(/-/g, '\u2013')],
  ] as const) {
    it(`are masked to the last five in the HTML and the JSON (${name})`, () => {
      const input = withKeys(key);
      const html = renderHtmlReport(input);
      const json = renderJsonExport(input);
      for (const out of [html, json]) {
        expect(out).not.toContain(key);
        expect(out).not.toMatch(/N69G4.?B89J2/i);
        expect(containsFullProductKey(out)).toBe(false);
        expect(out).toContain(MASKED_GVLK);
      }
      const doc = parseHtml(html);
      const findings = text(sectionByHeading(doc, 'Findings'));
      expect(findings).toContain(`slmgr /ipk ${MASKED_GVLK}`);
      expect(findings).toContain(`key = ${MASKED_GVLK}`);
      expect(text(sectionByHeading(doc, 'Fixes applied'))).toContain(`key = ${MASKED_GVLK}`);
      expect(JSON.parse(json)).toMatchObject({ fixesApplied: [{}, {}, { inputs: { key: MASKED_GVLK } }] });
    });
  }

  it('show the partial key where it belongs', () => {
    const html = renderHtmlReport(reportInput(richSnapshot()));
    expect(kvValue(sectionByHeading(parseHtml(html), 'Licensing facts (slmgr /dlv)'), 'Partial Product Key')).toBe('J464C');
    expect(containsFullProductKey(html)).toBe(false);
  });
});

describe('an input made by hand (not through diagnose)', () => {
  it('renders a diagnosis with a non-https source as plain text, not as a link', () => {
    const snapshot = richSnapshot();
    const diagnosis = diagnose(snapshot);
    const first = diagnosis.findings[0];
    if (!first) throw new Error('expected a finding');
    first.sources = ['http://example.invalid/page', 'https://learn.microsoft.com/windows/deployment/volume-activation/'];
    const html = renderHtmlReport({ snapshot, diagnosis, audit: [], generatedAt: GENERATED_AT, appVersion: APP_VERSION });
    const hrefs = all(parseHtml(html), 'a[href]').map((a) => a.getAttribute('href'));
    expect(hrefs).not.toContain('http://example.invalid/page');
    expect(hrefs).toContain('https://learn.microsoft.com/windows/deployment/volume-activation/');
    expect(html).toContain('http://example.invalid/page');
  });
});
