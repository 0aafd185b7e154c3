// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { csvCell, diagnoseFleet, FLEET_SECTIONS, renderFleetCsv, renderFleetHtml } from '../../../shared/fleet';
import { fleetMachine, generateFleet } from '../../support/fleet-generator';
import { osOf, product } from '../../support/snapshot-builder';
import { all, parseHtml, text, xmlParseErrors } from '../report/dom';

const HOSTILE = '<img src=x onerror=alert(1)>&"\u0007';

async function fleetWithHostileName() {
  const inputs = [...generateFleet(30)].map(({ name, snapshot }) => ({ source: `${name}.json`, ok: true as const, snapshot }));
  const evil = fleetMachine(29);
  osOf(evil).computerName = HOSTILE;
  product(evil).name = 'Windows key ABCDE-FGHIJ-KLMNO-PQRST-VWXYZ';
  inputs[29] = { source: 'evil.json', ok: true, snapshot: evil };
  return diagnoseFleet([...inputs, { source: '=cmd|calc.json', ok: false as const, reason: '@SUM(1)' }]);
}

describe('the fleet HTML report', () => {
  it('is well-formed, has every section, and shows a hostile computer name as text', async () => {
    const page = renderFleetHtml(await fleetWithHostileName(), { generatedAt: '2026-12-07T08:00:00.000Z', appVersion: '0.1.0' });
    expect(xmlParseErrors(page)).toEqual([]);
    const doc = parseHtml(page);
    expect(all(doc, 'h2').map((h) => text(h))).toEqual(Object.values(FLEET_SECTIONS));
    expect(all(doc, 'script, img, iframe, object, link')).toEqual([]);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;\uFFFD');
    expect(all(doc, 'td').some((td) => text(td).includes('<img src=x onerror=alert(1)>&"'))).toBe(true);
    expect(page).not.toContain('ABCDE-FGHIJ-KLMNO-PQRST-VWXYZ');
  });
});

describe('the fleet CSV', () => {
  it('neutralises every cell Excel would read as a formula, and quotes what needs quoting', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('PC01')).toBe('PC01');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('starts with a BOM, one header, CRLF rows, and a hostile unreadable file name stays text', async () => {
    const csv = renderFleetCsv(await fleetWithHostileName());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('machine,source,domain,verdict,kind,finding,severity,title');
    expect(rows.at(-1)).toBe('');
    expect(rows).toContain(`,'=cmd|calc.json,,unreadable,file,,,'@SUM(1)`);
    // No cell outside quotes starts with a formula character.
    for (const row of rows.slice(1, -1)) for (const cell of row.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
