// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { REPORT_CSP, REPORT_SECTIONS, renderHtmlReport } from '../../../shared/report';
import { SnapshotSchema } from '../../../shared/snapshot';
import { esuLicences, healthySnapshot, notActivated, product, scenario, service, unavailable } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';
import { all, kvValue, parseHtml, sectionByHeading, text, xmlParseErrors, type Doc } from './dom';
import { APP_VERSION, reportInput, richSnapshot, sampleAudit } from './inputs';

const timeSkew = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h');
if (!timeSkew) throw new Error('scenario f074-time-skew-plus-5h is missing');

function render(input = reportInput(richSnapshot(), { reportedCode: 0xc004f074, audit: sampleAudit() })): { html: string; doc: Doc; input: typeof input } {
  const html = renderHtmlReport(input);
  return { html, doc: parseHtml(html), input };
}

describe('the report document', () => {
  const { html, doc } = render();

  it('is one well-formed HTML5 document in English with a title', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(doc.doctype?.name).toBe('html');
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.title).toMatch(/^Activation report: APP01 \(2026-11-20 09:30:00 UTC\)$/);
    expect(xmlParseErrors(html)).toEqual([]);
    expect(all(doc, 'html')).toHaveLength(1);
    expect(all(doc, 'head > meta[charset="utf-8"]')).toHaveLength(1);
  });

  it('carries the strict CSP and contains no scripts, event handlers, javascript: URLs or remote resources', () => {
    const csp = all(doc, 'meta[http-equiv="Content-Security-Policy"]');
    expect(csp).toHaveLength(1);
    expect(csp[0]?.getAttribute('content')).toBe(REPORT_CSP);
    // base-uri and form-action do not fall back to default-src: they must be named, or injected
    // markup could re-point relative links (<base>) or post the report's contents (<form>).
    const directives = new Map(REPORT_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'none'",
      'style-src': "'unsafe-inline'",
      'img-src': 'data:',
      'base-uri': "'none'",
      'form-action': "'none'",
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(all(doc, 'script, link, img, iframe, frame, object, embed, base, form, svg, video, audio, source')).toHaveLength(0);
    for (const el of all(doc, '*')) for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on')).toBe(false);
    expect(all(doc, 'style')).toHaveLength(1);
  });

  it('links only to https pages or to anchors inside the report', () => {
    const hrefs = all(doc, 'a[href]').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      if (href.startsWith('#')) expect(doc.querySelector(`[id="${href.slice(1)}"]`)).not.toBeNull();
      else expect(href).toMatch(/^https:\/\//);
    }
  });

  it('has every section, in the order support reads them', () => {
    expect(all(doc, 'h2').map(text)).toEqual(Object.values(REPORT_SECTIONS));
    for (const heading of Object.values(REPORT_SECTIONS)) expect(sectionByHeading(doc, heading).localName).toMatch(/^(section|footer)$/);
  });

  it('prints on A4 with a page break before each section', () => {
    const css = text(doc.querySelector('style'));
    expect(css).toContain('@media print');
    expect(css).toContain('@page { size: A4;');
    expect(css).toContain('break-before: page');
    expect(css).toContain('table-layout: fixed');
    expect(css).not.toMatch(/url\(|@import/);
  });
});

describe('header and summary', () => {
  it('names the computer, when and by what the facts were collected, the app version and the verdict', () => {
    const { doc } = render();
    const header = doc.querySelector('header');
    expect(text(header?.querySelector('h1') ?? null)).toBe('APP01');
    expect(text(header)).toContain('2026-11-20 09:30:00 UTC');
    expect(text(header)).toContain('the Activation Doctor app 0.1.0 (platform win32, host name APP01)');
    expect(text(header)).toContain(`by Activation Doctor ${APP_VERSION}`);
    const banner = header?.querySelector('.verdict') ?? null;
    expect(banner?.getAttribute('class')).toBe('verdict verdict-not-activated');
    expect(text(banner)).toContain('Windows is not activated');
  });

  it('gives the verdict and the top findings with their severity, most likely first', () => {
    const { doc, input } = render(reportInput(timeSkew.snapshot, { reportedCode: timeSkew.reportedCode }));
    const summary = sectionByHeading(doc, 'Summary');
    expect(text(summary)).toContain(`Verdict: ${input.diagnosis.verdict.title}.`);
    expect(text(summary)).toContain('Error code the technician reported: 0xC004F074');
    const rows = all(summary, 'table.grid tbody tr');
    const top = input.diagnosis.findings.slice(0, 5);
    expect(rows).toHaveLength(top.length);
    top.forEach((finding, i) => {
      expect(text(rows[i]?.querySelector('td:nth-child(2)') ?? null)).toContain(finding.title);
      expect(text(rows[i]?.querySelector('td:nth-child(3)') ?? null)).toBe({ blocker: 'Blocker', warning: 'Warning', info: 'Information' }[finding.severity]);
    });
    expect(kvValue(summary, 'Product key ends in')).toBe('J464C');
  });
});

describe('findings', () => {
  it('shows every finding with its explanation, evidence, fixes, guidance and sources', () => {
    const { doc, input } = render(reportInput(timeSkew.snapshot, { reportedCode: timeSkew.reportedCode }));
    const section = sectionByHeading(doc, 'Findings');
    const articles = all(section, 'article.finding');
    expect(articles).toHaveLength(input.diagnosis.findings.length);
    input.diagnosis.findings.forEach((finding, i) => {
      const article = articles[i];
      if (!article) throw new Error('missing article');
      expect(text(article.querySelector('h3'))).toBe(`${i + 1}. ${finding.title}`);
      expect(text(article)).toContain(finding.explanation.replace(/\s+/g, ' '));
      const evidenceRows = all(article, 'table.grid tbody tr');
      expect(evidenceRows).toHaveLength(finding.evidence.length);
      finding.evidence.forEach((e, j) => {
        const cells = all(evidenceRows[j] ?? article, 'td').map(text);
        expect(cells[0]).toContain(e.label);
        expect(cells[1]).toBe(e.observed);
        expect(cells[2]).toBe(e.limit ?? '—');
        expect(cells[3]).toBe(e.ok === null ? 'context' : e.ok ? 'ok' : 'not ok');
      });
      for (const fix of finding.fixes) {
        expect(text(article)).toContain(fix.fixId);
        expect(text(article)).toContain(fix.reason);
        for (const [name, value] of Object.entries(fix.inputs)) expect(text(article)).toContain(`${name} = ${value}`);
      }
      for (const line of finding.guidance) expect(text(article)).toContain(line);
      for (const url of finding.sources) expect(all(article, 'a').map((a) => a.getAttribute('href'))).toContain(url);
    });
    const first = articles[0];
    expect(first && text(first)).toContain('5 h 02 min ahead of this computer');
    expect(first && text(first)).toContain('activation-doctor fix sync-time-from-kms-host --host kms1.corp.example');
  });
});

describe('unavailable facts', () => {
  const snapshot = scenario((s) => {
    s.windows.events = unavailable('not-elevated', 'the Application log can only be read as administrator');
    s.network.srv = unavailable('timed-out', 'DNS did not answer within 3000 ms');
  });
  const { doc } = render(reportInput(snapshot));

  it('says what could not be checked, why, and what that leaves open', () => {
    const section = sectionByHeading(doc, 'What could not be checked, and why');
    const rows = all(section, 'tbody tr').map(text);
    expect(rows.some((r) => r.includes('Activation events') && r.includes('not available: needs administrator rights — the Application log can only be read as administrator'))).toBe(true);
    expect(rows.some((r) => r.includes('not available: timed out — DNS did not answer within 3000 ms'))).toBe(true);
  });

  it('shows the reason in place of the missing facts', () => {
    expect(text(sectionByHeading(doc, 'Activation events (Software Protection)'))).toContain('not available: needs administrator rights — the Application log can only be read as administrator');
    expect(text(sectionByHeading(doc, 'Network checks'))).toContain('not available: timed out — DNS did not answer within 3000 ms');
    // Not applicable on a KMS client: shown with its reason, not as a failure.
    expect(text(sectionByHeading(doc, 'Network checks'))).toContain('not available: does not apply to this computer — not checked: run with --check-online');
  });

  it('renders with no licensing facts at all', () => {
    const { doc: bare } = render(reportInput(scenario((s) => void (s.windows.licensing = unavailable('access-denied', 'SoftwareLicensingProduct could not be read')))));
    expect(text(sectionByHeading(bare, 'Licensing facts (slmgr /dlv)'))).toContain('not available: access was denied — SoftwareLicensingProduct could not be read');
    expect(bare.querySelector('header .verdict')?.getAttribute('class')).toBe('verdict verdict-cannot-tell');
  });
});

describe('licensing facts (slmgr /dlv)', () => {
  it('lists what /dlv prints for the Windows product and the licensing service', () => {
    const { doc } = render(reportInput(healthySnapshot()));
    const section = sectionByHeading(doc, 'Licensing facts (slmgr /dlv)');
    expect(kvValue(section, 'Name')).toBe('Windows(R), ServerStandard edition');
    expect(kvValue(section, 'Description')).toBe('Windows(R) Operating System, VOLUME_KMSCLIENT channel');
    expect(kvValue(section, 'Activation ID')).toBe('de32eafd-aaee-4662-9444-c1befb41bde2');
    expect(kvValue(section, 'Partial Product Key')).toBe('J464C');
    expect(kvValue(section, 'License Status')).toBe('1 (Licensed)');
    expect(kvValue(section, 'Status reason')).toMatch(/^0x4004F401\b/);
    expect(kvValue(section, 'Grace or validity remaining')).toBe('253564 minutes (176 days)');
    expect(kvValue(section, 'KMS machine (configured)')).toBe('not set for this product');
    expect(kvValue(section, 'KMS machine from DNS')).toBe('kms1.corp.example:1688');
    expect(kvValue(section, 'KMS host IP address')).toBe('10.20.0.5');
    expect(kvValue(section, 'KMS host extended PID (ePID)')).toBe('06401-00206-556-123456-03-1033-20348.0000-0812023');
    expect(kvValue(section, 'Most recent activation type')).toBe('KMS');
    expect(kvValue(section, 'Activation interval')).toBe('120 minutes');
    expect(kvValue(section, 'Renewal interval')).toBe('10080 minutes (7 days)');
    expect(kvValue(section, 'Software licensing service version')).toBe('10.0.17763.1');
    expect(kvValue(section, 'Client Machine ID (CMID)')).toBe('f9d4e20a-cb8f-4050-9c0c-56420455ada1');
    expect(kvValue(section, 'This computer is a KMS host')).toBe('no');
    expect(text(section)).not.toContain('KMS listening port');
  });

  it('explains a failing status reason with its symbol, and shows the configured KMS host and port', () => {
    const { doc } = render(
      reportInput(
        scenario((s) => {
          notActivated(s, 0xc004f074, 5);
          product(s).kmsMachine = 'kms2.corp.example';
          product(s).kmsPort = 1690;
          product(s).kmsLookupDomain = 'corp.example';
          product(s).avmaHostMachineName = 'HV-HOST-07';
          product(s).avmaLastActivationTime = '2026-11-19T22:10:00.000Z';
        }),
      ),
    );
    const section = sectionByHeading(doc, 'Licensing facts (slmgr /dlv)');
    expect(kvValue(section, 'License Status')).toBe('5 (Notification)');
    expect(kvValue(section, 'Status reason')).toMatch(/^0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE: /);
    expect(kvValue(section, 'KMS machine (configured)')).toBe('kms2.corp.example');
    expect(kvValue(section, 'KMS port (configured)')).toBe('1690');
    expect(kvValue(section, 'KMS SRV lookup domain')).toBe('corp.example');
    expect(kvValue(section, 'AVMA host machine')).toBe('HV-HOST-07');
    expect(kvValue(section, 'AVMA last activation')).toBe('2026-11-19 22:10:00 UTC');
  });

  it("shows a KMS host's counts, port and DNS publishing", () => {
    const { doc } = render(
      reportInput(
        scenario((s) => {
          Object.assign(service(s), { isKmsHost: true, kmsCurrentCount: 27, requiredClientCount: 25, kmsListeningPort: 1688, kmsDnsPublishing: false, kmsTotalRequests: 912, kmsFailedRequests: 3 });
          product(s).description = 'Windows(R) Operating System, VOLUME_KMS_2019 channel';
        }),
      ),
    );
    const section = sectionByHeading(doc, 'Licensing facts (slmgr /dlv)');
    expect(kvValue(section, 'This computer is a KMS host')).toBe('yes');
    expect(kvValue(section, 'KMS current count')).toBe('27');
    expect(kvValue(section, 'Required client count')).toBe('25');
    expect(kvValue(section, 'KMS listening port')).toBe('1688');
    expect(kvValue(section, 'Publishes its DNS SRV record')).toBe('no');
    expect(kvValue(section, 'Failed requests')).toBe('3');
  });

  it('never prints more than the last five characters of a partial key, even when the data holds more', () => {
    const snapshot = healthySnapshot();
    // Outside the schema on purpose: the report must not depend on validation upstream.
    product(snapshot).partialProductKey = 'N69G4B89J24G8F4WWYCCJ464C';
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(false);
    const { html, doc } = render(reportInput(snapshot));
    expect(kvValue(sectionByHeading(doc, 'Licensing facts (slmgr /dlv)'), 'Partial Product Key')).toBe('J464C');
    expect(html).not.toContain('B89J2');
    expect(html).not.toContain('WWYCC');
  });
});

describe('Windows facts', () => {
  it('shows the edition, domain and DNS, services, elevation and the firewall rule', () => {
    const { doc } = render(reportInput(healthySnapshot()));
    const section = sectionByHeading(doc, 'Windows facts');
    expect(kvValue(section, 'Caption')).toBe('Microsoft Windows Server 2019 Standard');
    expect(kvValue(section, 'Version')).toBe('10.0.17763, build 17763.6893');
    expect(kvValue(section, 'EditionID')).toBe('ServerStandard');
    expect(kvValue(section, 'Installation type')).toBe('Server');
    expect(kvValue(section, 'Language')).toBe('en-US (LCID 1033)');
    expect(kvValue(section, 'Evaluation edition')).toBe('no');
    expect(kvValue(section, 'Domain')).toBe('corp.example');
    expect(kvValue(section, 'Primary DNS suffix')).toBe('corp.example');
    expect(kvValue(section, 'DNS suffix search list')).toBe('corp.example');
    expect(kvValue(section, 'DNS servers')).toBe('10.20.0.10');
    expect(kvValue(section, 'WinHTTP proxy')).toBe('none (direct connection)');
    expect(kvValue(section, 'Software Protection (sppsvc)')).toBe('stopped, start type automatic (delayed start)');
    expect(kvValue(section, 'Windows Time (W32Time)')).toBe('running, start type automatic');
    expect(kvValue(section, 'Time source type (W32Time Type)')).toBe('NT5DS');
    expect(kvValue(section, 'NTP servers (W32Time NtpServer)')).toBe('time.windows.com,0x9');
    expect(kvValue(section, 'Activation Doctor ran as administrator')).toBe('yes');
    expect(kvValue(section, 'Rule')).toBe('SPPSVC-In-TCP');
    expect(kvValue(section, 'Applies to profiles')).toBe('Domain, Private');
  });
});

describe('Windows facts beyond KMS (issue 16)', () => {
  it('shows each Windows 10 ESU licence with its activation ID, state and only the last five of its key', () => {
    const snapshot = scenario((s) => {
      const esu = esuLicences();
      esu.licences[0] = { ...esu.licences[0]!, partialProductKey: '4C6R8', productKeyChannel: 'Volume:MAK', licenseStatus: 1, licenseStatusReason: 0 };
      s.windows.esu = { status: 'ok', value: esu, durationMs: 40 };
    });
    const { doc, html } = render(reportInput(snapshot));
    const section = sectionByHeading(doc, 'Windows facts');
    const table = all(section, 'table.grid').find((t) => text(t.querySelector('caption')).startsWith('Windows 10 ESU licences'));
    expect(table).toBeDefined();
    const rows = all(table!, 'tbody tr').map((r) => all(r, 'td').map((c) => text(c)));
    expect(rows).toEqual([
      ['Year 1', 'f520e45e-7413-4a34-a497-d2765967d094', 'Licensed', '4C6R8'],
      ['Year 2', '1043add5-23b1-4afb-9a0f-64343c8f3f8d', 'Unlicensed (0xC004F014)', 'none'],
      ['Year 3', '83d49986-add3-41d7-ba33-87c7bfb5c0fb', 'Unlicensed (0xC004F014)', 'none'],
    ]);
    expect(html).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-4C6R8/);
  });

  it('shows the subscription state and the forest activation objects when read, and nothing for them on a computer without', () => {
    const snapshot = scenario((s) => {
      s.windows.subscription = { status: 'ok', value: { properties: ['SubscriptionType', 'SubscriptionStatus'], typeValue: 0, statusValue: 1, expiry: null, edition: 'Enterprise', windowsUpdateBlocked: false }, durationMs: 30 };
    });
    const section = sectionByHeading(render(reportInput(snapshot)).doc, 'Windows facts');
    expect(kvValue(section, 'Subscription status (SubscriptionStatus)')).toBe('Active (1)');
    expect(kvValue(section, 'Activation objects container')).toBe('present');
    const plain = sectionByHeading(render(reportInput(healthySnapshot())).doc, 'Windows facts');
    expect(text(plain)).not.toMatch(/ESU licences|Subscription status/);
  });
});

describe('SPP events', () => {
  it('shows 12288, 12289, 8198 and 12290 with the parsed fields and the raw Info text', () => {
    const { doc, input } = render();
    const section = sectionByHeading(doc, 'Activation events (Software Protection)');
    const tables = all(section, 'table.grid');
    expect(tables.map((t) => text(t.querySelector('caption')))).toEqual(['Event 12288, newest first', 'Event 12289, newest first', 'Event 8198, newest first', 'Event 12290, newest first']);
    const events = input.snapshot.windows.events;
    if (events.status !== 'ok') throw new Error('events expected');
    const [t12288, t12289, t8198, t12290] = tables.map(text);
    expect(t12288).toContain('2026-11-20 09:00:00 UTC');
    expect(t12288).toContain('0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    expect(t12288).toContain('KMS host: kms-old.corp.example:1688');
    expect(t12288).toContain('Licence status: 2 (OOBGrace: Initial grace period)');
    expect(t12288).toContain(events.value.e12288[0]?.info);
    expect(t12289).toContain('KMS current count: 3');
    expect(t12289).toContain('0xC004F038');
    expect(t12289).toContain(events.value.e12289[0]?.info);
    expect(t8198).toContain('hr=0xC004F074');
    expect(t12290).toContain('Client: WS-0042.corp.example');
    expect(t12290).toContain('Required count: 25');
    expect(t12290).toContain('0x00000000 (success)');
    expect(t12290).toContain(events.value.e12290[0]?.info);
  });

  it('says so when a log has no events of a kind', () => {
    const { doc } = render(reportInput(healthySnapshot()));
    const section = text(sectionByHeading(doc, 'Activation events (Software Protection)'));
    for (const id of ['12288', '12289', '8198', '12290']) expect(section).toContain(`No ${id} events in the log.`);
  });
});

describe('network checks', () => {
  it('shows the SRV lookups with their records, the KMS hosts with latency, clock offsets, endpoints and Azure', () => {
    const { doc } = render();
    const section = sectionByHeading(doc, 'Network checks');
    const body = text(section);
    expect(body).toContain('_vlmcs._tcp.corp.example');
    expect(body).toContain('kms-old.corp.example:1688 (priority 0, weight 0): does not resolve (ENOTFOUND)');
    expect(body).toContain('kms1.corp.example:1688 (priority 0, weight 0): resolves to 10.20.0.5');
    expect(body).toContain('the primary DNS suffix; the Active Directory domain');
    const hostRows = all(section, 'table.grid').find((t) => text(t).includes('TCP result'));
    expect(hostRows && text(hostRows)).toContain('answers (port open)');
    expect(hostRows && text(hostRows)).toContain('1.4 ms');
    expect(hostRows && text(hostRows)).toContain('name does not resolve: ENOTFOUND');
    expect(body).toContain('5 h 02 min ahead of this computer (+18120000 ms)');
    expect(body).toContain('activation-v2.sls.microsoft.com:443');
    expect(body).toContain('85.3 ms');
    expect(body).toContain('proxy error');
    expect(body).toContain('407 Proxy Authentication Required');
    expect(kvValue(section, 'Azure virtual machine')).toBe('yes');
    expect(kvValue(section, 'Azure environment')).toBe('AzurePublicCloud');
    expect(kvValue(section, 'Image')).toBe('MicrosoftWindowsServer / WindowsServer / 2019-Datacenter');
  });
});

describe('fixes applied', () => {
  it('lists each run from the audit log: time, fix, inputs, result and whether the problem is gone', () => {
    const { doc } = render();
    const section = sectionByHeading(doc, 'Fixes applied');
    const rows = all(section, 'tbody tr').map((row) => all(row, ':scope > td').map(text));
    expect(rows).toHaveLength(2);
    const [sync, install] = rows;
    expect(sync?.[0]).toBe('2026-11-20 09:40:00 UTC');
    expect(sync?.[1]).toBe('sync-time');
    expect(sync?.[2]).toContain('w32tm /resync /force');
    expect(sync?.[3]).toContain('succeeded: Windows Time started and the clock was resynchronised.');
    expect(sync?.[3]).toContain('Licence status: OOBGrace → Licensed');
    expect(sync?.[4]).toBe('yes');
    expect(install?.[1]).toBe('install-gvlk');
    expect(install?.[2]).toContain('key = *****-*****-*****-*****-J464C');
    expect(install?.[2]).toContain('Run with the override');
    expect(install?.[3]).toBe('no result recorded: the fix may have been interrupted');
    expect(install?.[4]).toBe('not re-checked');
  });

  it('says so when no fix was applied', () => {
    const { doc } = render(reportInput(healthySnapshot()));
    expect(text(sectionByHeading(doc, 'Fixes applied'))).toContain('No fix was applied');
  });
});

describe('footer', () => {
  it('carries the legitimacy note and says keys are shown by their last 5 characters only', () => {
    const { doc } = render();
    const footer = text(sectionByHeading(doc, 'About this report'));
    expect(footer).toContain('genuine Windows activation');
    expect(footer).toContain('Product keys are shown by their last 5 characters only');
  });
});
