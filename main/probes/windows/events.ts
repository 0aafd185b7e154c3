/**
 * Activation events (events.ps1). The scripts return EventData values, not the localized message;
 * the "Info" of 12288/12289/12290 is a comma-separated list whose fields are named here (TechNet
 * "Windows Event Log", Volume Activation technical reference). 12288/12289 separate with ", ",
 * 12290 with ",". Whether Windows stores Info as one <Data> or one per field is not documented, so
 * both are accepted.
 */
import { z } from 'zod';
import { EventFactsSchema, type Event12288, type Event12289, type Event12290, type Event8198, type EventFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeEvents } from '../outcomes';
import { count, guid, hresult, isoTime, port, psArray, psBoolean, psNumber, psText, text } from './normalise';

const RawEventSchema = z.object({
  id: psNumber,
  timeCreated: psText,
  recordId: psNumber,
  data: psArray(z.string().nullable()),
});
type RawEvent = z.output<typeof RawEventSchema>;

export const RawEventsSchema = z.object({
  maxEvents: psNumber,
  kmsLogExists: psBoolean,
  e12288: psArray(RawEventSchema),
  e12289: psArray(RawEventSchema),
  e8198: psArray(RawEventSchema),
  e12290: psArray(RawEventSchema),
});
export type RawEvents = z.output<typeof RawEventsSchema>;

const MAX_EVENTS = 10;
const MAX_INFO = 2000;

interface Info {
  timeCreated: string;
  info: string;
  fields: string[];
}

function infoOf(event: RawEvent, separator: string): Info | null {
  const timeCreated = isoTime(event.timeCreated);
  if (!timeCreated) return null;
  const values = event.data.map((value) => (value ?? '').trim());
  const info = values.length === 1 ? (values[0] ?? '') : values.join(separator);
  const fields = values.length === 1 ? info.split(',').map((field) => field.trim()) : values;
  return { timeCreated, info: info.slice(0, MAX_INFO), fields };
}

/** "kms01.contoso.com:1688" or "[2001:db8::5]:1688" -> host and port. */
export function splitHostPort(value: string | undefined): { host: string | null; port: number | null } {
  const raw = (value ?? '').trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) return { host: text(bracketed[1], 255), port: port(bracketed[2]) };
  const colon = raw.lastIndexOf(':');
  // More than one colon and no brackets: an IPv6 address without a port.
  if (colon === -1 || raw.indexOf(':') !== colon) return { host: text(raw, 255), port: null };
  return { host: text(raw.slice(0, colon), 255), port: port(raw.slice(colon + 1)) };
}

const clientTime = (value: string | undefined) => text(value, 40);
function flag(value: string | undefined): boolean | null {
  const n = count(value);
  return n === 1 ? true : n === 0 ? false : null;
}

export function parse12288(event: RawEvent): Event12288 | null {
  const parsed = infoOf(event, ', ');
  if (!parsed) return null;
  const f = parsed.fields;
  const server = splitHostPort(f[2]);
  return {
    timeCreated: parsed.timeCreated,
    info: parsed.info,
    hresult: hresult(f[0]),
    statusFlags: hresult(f[1]),
    kmsHost: server.host,
    kmsPort: server.port,
    cmid: guid(f[3]),
    clientTime: clientTime(f[4]),
    // f[5] is the VM flag, not part of the snapshot.
    licenseStatus: count(f[6]),
    minutesToExpiration: count(f[7]),
    activationId: guid(f[8]),
    requiredCount: count(f[9]),
  };
}

export function parse12289(event: RawEvent): Event12289 | null {
  const parsed = infoOf(event, ', ');
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    timeCreated: parsed.timeCreated,
    info: parsed.info,
    hresult: hresult(f[0]),
    statusFlags: hresult(f[1]),
    activated: flag(f[2]),
    // f[3] is unused by Windows.
    currentCount: count(f[4]),
    activationIntervalMinutes: count(f[5]),
    renewalIntervalMinutes: count(f[6]),
    clientTime: clientTime(f[7]),
  };
}

export function parse12290(event: RawEvent): Event12290 | null {
  const parsed = infoOf(event, ',');
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    timeCreated: parsed.timeCreated,
    info: parsed.info,
    hresult: hresult(f[0]),
    requiredCount: count(f[1]),
    clientName: text(f[2], 255),
    cmid: guid(f[3]),
    clientTime: clientTime(f[4]),
    // f[5] is the VM flag.
    licenseStatus: count(f[6]),
    minutesToExpiration: count(f[7]),
    activationId: guid(f[8]),
  };
}

/** 8198: "hr=0x800704CF" and the slui.exe command line. */
export function parse8198(event: RawEvent): Event8198 | null {
  const timeCreated = isoTime(event.timeCreated);
  if (!timeCreated) return null;
  const values = event.data.map((value) => (value ?? '').trim()).filter((value) => value !== '');
  const code = values.map((value) => /^(?:hr\s*=\s*)?(0x[0-9a-f]{1,8})$/i.exec(value)?.[1]).find((match) => match !== undefined);
  return { timeCreated, hresult: hresult(code), detail: values.join(' ').slice(0, MAX_INFO) };
}

const newest = <T extends { timeCreated: string }>(events: RawEvent[], parse: (event: RawEvent) => T | null): T[] =>
  events
    .map(parse)
    .filter((event): event is T => event !== null)
    .sort((a, b) => b.timeCreated.localeCompare(a.timeCreated))
    .slice(0, MAX_EVENTS);

export function parseEvents(raw: RawEvents): EventFacts {
  return {
    e12288: newest(raw.e12288, parse12288),
    e12289: newest(raw.e12289, parse12289),
    e8198: newest(raw.e8198, parse8198),
    e12290: newest(raw.e12290, parse12290),
  };
}

export const eventsCollector = defineCollector({
  script: 'events',
  subject: 'the activation events',
  raw: RawEventsSchema,
  parse: parseEvents,
  value: EventFactsSchema,
  params: { maxEvents: MAX_EVENTS },
});

/** The registry's entry (registry.ts). */
export const eventsProbe = defineWindowsProbe({ ...eventsCollector, key: 'events', describe: describeEvents });
