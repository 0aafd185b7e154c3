/**
 * (g) The Software Protection events support reads first: each with the fields Activation Doctor
 * parsed from it and, beside them, the raw Info text exactly as Windows logged it, so a reader can
 * check the parsing and see anything the parser does not know.
 */
import type { Event12288, Event12289, Event12290, Event8198, EventFacts, Snapshot } from '../../snapshot';
import { codeName, formatTime, hexFlags, hostPort, licenseStatusText, minutesWithDays, orElse, yesNo } from '../format';
import { bullets, factBlock, gridTable, none, section, type Column } from '../layout';
import { html, type Html, type Interpolation } from '../markup';

const COLUMNS: Column[] = [{ title: 'Time', width: 'w-15' }, { title: 'Result', width: 'w-20' }, { title: 'Parsed fields' }, { title: 'Raw Info text', width: 'w-30' }];

type Field = readonly [label: string, value: string | null];

/** The parsed fields that were present, as "label: value" lines. */
const fields = (list: readonly Field[]): Html => {
  const present = list.filter((f): f is readonly [string, string] => f[1] !== null);
  return present.length === 0 ? html`none parsed` : bullets(present.map(([label, value]) => `${label}: ${value}`), 'list fields');
};

const raw = (text: string): Html => html`<span class="raw">${text}</span>`;
// Code and symbol only: the full message would make every row a column of text. The findings and
// the licensing facts carry the message.
const result = (hresult: number | null): string => orElse(hresult, codeName, 'no code parsed');
const status = (n: number | null) => (n === null ? null : licenseStatusText(n));
const count = (n: number | null) => (n === null ? null : String(n));
const mins = (n: number | null) => (n === null ? null : minutesWithDays(n));

function row12288(e: Event12288): Interpolation[] {
  return [
    formatTime(e.timeCreated),
    result(e.hresult),
    fields([
      ['KMS host', e.kmsHost === null ? null : hostPort(e.kmsHost, e.kmsPort)],
      ['Status flags', e.statusFlags === null ? null : hexFlags(e.statusFlags)],
      ['Client Machine ID', e.cmid],
      ['Client time', e.clientTime],
      ['Licence status', status(e.licenseStatus)],
      ['Time to expiration', mins(e.minutesToExpiration)],
      ['Activation ID', e.activationId],
      ['Required count', count(e.requiredCount)],
    ]),
    raw(e.info),
  ];
}

function row12289(e: Event12289): Interpolation[] {
  return [
    formatTime(e.timeCreated),
    result(e.hresult),
    fields([
      ['Activated', e.activated === null ? null : yesNo(e.activated)],
      ['Status flags', e.statusFlags === null ? null : hexFlags(e.statusFlags)],
      ['KMS current count', count(e.currentCount)],
      ['Activation interval', e.activationIntervalMinutes === null ? null : `${e.activationIntervalMinutes} minutes`],
      ['Renewal interval', mins(e.renewalIntervalMinutes)],
      ['Client time', e.clientTime],
    ]),
    raw(e.info),
  ];
}

function row8198(e: Event8198): Interpolation[] {
  return [formatTime(e.timeCreated), result(e.hresult), 'only the error code (hr=...)', raw(e.detail)];
}

function row12290(e: Event12290): Interpolation[] {
  return [
    formatTime(e.timeCreated),
    result(e.hresult),
    fields([
      ['Client', e.clientName],
      ['Client Machine ID', e.cmid],
      ['Client time', e.clientTime],
      ['Licence status', status(e.licenseStatus)],
      ['Time to expiration', mins(e.minutesToExpiration)],
      ['Activation ID', e.activationId],
      ['Required count', count(e.requiredCount)],
    ]),
    raw(e.info),
  ];
}

function eventTable<E>(id: string, title: string, what: string, events: readonly E[], row: (e: E) => Interpolation[]): Html {
  return html`<h3>${title}</h3>
<p class="what">${what}</p>
${events.length === 0 ? none(`No ${id} events in the log.`) : gridTable(COLUMNS, events.map(row), `Event ${id}, newest first`)}`;
}

function renderEvents(e: EventFacts): Html {
  return html`${eventTable('12288', 'Event 12288: activation request sent', 'Written on this computer (Application log) each time it sends an activation or renewal request to a KMS host.', e.e12288, row12288)}${eventTable(
    '12289',
    'Event 12289: KMS host answer processed',
    "Written on this computer when it processed the KMS host's answer; the result code says whether activation succeeded.",
    e.e12289,
    row12289,
  )}${eventTable('8198', 'Event 8198: licence activation failed', 'Written when License Activation (slui.exe) fails; the text carries the error code (hr=0x...).', e.e8198, row8198)}${eventTable(
    '12290',
    'Event 12290: request received by this KMS host',
    'Written on a KMS host (Key Management Service log) for every client request it processed. Empty on computers that are not KMS hosts.',
    e.e12290,
    row12290,
  )}`;
}

export function renderEventsSection(snapshot: Snapshot): Html {
  return section('events', factBlock(snapshot.windows.events, renderEvents));
}
