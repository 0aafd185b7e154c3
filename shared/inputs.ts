/**
 * Strict grammars for every value a technician can type: host names, IP literals, ports, KMS
 * host targets, DNS domains, DNS server addresses. Used by the CLI, the fixes and the UI alike,
 * so a value is judged the same way everywhere. A value that passes is safe to pass as data; a
 * value that fails gets one line saying which rule it broke. Nothing here trims silently except
 * surrounding whitespace.
 */
import { codePoint } from './hex';

export type InputResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): InputResult<T> => ({ ok: true, value });
const fail = <T>(message: string): InputResult<T> => ({ ok: false, message });

/** The longest text any of these grammars will look at; longer input is rejected outright. */
export const MAX_INPUT_LENGTH = 300;

/** Describes the first character that is not printable ASCII, for error messages. */
function firstBadCharacter(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) {
      const shown = code === 0 ? 'NUL' : code < 0x20 ? 'a control character' : code === 0x20 ? 'a space' : codePoint(code);
      return `${shown} at position ${i + 1}`;
    }
  }
  return null;
}

function preflight(raw: string, what: string): InputResult<string> {
  if (typeof raw !== 'string') return fail(`${what} must be text`);
  const text = raw.trim();
  if (text.length === 0) return fail(`${what} is empty`);
  if (text.length > MAX_INPUT_LENGTH) return fail(`${what} is too long (${text.length} characters; at most ${MAX_INPUT_LENGTH})`);
  const bad = firstBadCharacter(text);
  if (bad) return fail(`${what} contains ${bad}; only letters, digits and . - : [ ] are allowed`);
  return ok(text);
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

export function parsePort(raw: string, what = 'the port'): InputResult<number> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^[0-9]{1,5}$/.test(text)) return fail(`${what} must be a whole number from 1 to 65535`);
  const port = Number(text);
  if (port < 1 || port > 65535) return fail(`${what} must be from 1 to 65535 (got ${port})`);
  return ok(port);
}

// ---------------------------------------------------------------------------------------------
// IP literals
// ---------------------------------------------------------------------------------------------

export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * IPv6 literal without brackets and without a zone id. Zone ids (fe80::1%eth0) are rejected:
 * they name an interface of one machine, slmgr cannot take them, and a KMS host is never
 * reached through a link-local address.
 */
export function isIPv6(text: string): boolean {
  if (text.length < 2 || text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    // The dotted tail stands for the last two groups: rewrite it as 0:0 and check the rest.
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const doubleColons = body.split('::').length - 1;
  if (doubleColons > 1) return false;
  const groupOk = (g: string) => /^[0-9a-fA-F]{1,4}$/.test(g);
  if (doubleColons === 1) {
    const [head = '', rest = ''] = body.split('::');
    const headGroups = head === '' ? [] : head.split(':');
    const restGroups = rest === '' ? [] : rest.split(':');
    if (![...headGroups, ...restGroups].every(groupOk)) return false;
    return headGroups.length + restGroups.length <= 7;
  }
  const groups = body.split(':');
  return groups.length === 8 && groups.every(groupOk);
}

// ---------------------------------------------------------------------------------------------
// Host names (RFC 1123)
// ---------------------------------------------------------------------------------------------

/** RFC 1123 host name: labels of letters, digits and inner hyphens, 1–63 each, 253 in total. */
export function isHostName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l))) return false;
  // An all-numeric last label would be read as an IPv4 address by resolvers.
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

export type HostKind = 'name' | 'ipv4' | 'ipv6';
export interface Host {
  host: string;
  kind: HostKind;
}

/** A host: an RFC 1123 name, an IPv4 address, or an IPv6 address (bare or in brackets). */
export function parseHost(raw: string, what = 'the host'): InputResult<Host> {
  const pre = preflight(raw, what);
  if (!pre.ok) return pre;
  let text = pre.value;
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (text.includes('%')) return fail(`${what} has an IPv6 zone id (%...); give a global address or a host name`);
  if (isIPv4(text)) return ok({ host: text, kind: 'ipv4' });
  if (text.includes(':')) {
    return isIPv6(text) ? ok({ host: text.toLowerCase(), kind: 'ipv6' }) : fail(`${what} is not a valid IPv6 address`);
  }
  if (/^[0-9.]+$/.test(text)) return fail(`${what} looks like an IPv4 address but is not a valid one`);
  if (!isHostName(text)) {
    return fail(`${what} is not a valid host name (letters, digits and hyphens in dot-separated labels of at most 63 characters; no leading or trailing hyphen)`);
  }
  return ok({ host: (text.endsWith('.') ? text.slice(0, -1) : text).toLowerCase(), kind: 'name' });
}

export interface HostAndPort extends Host {
  port: number | null;
}

/**
 * A KMS target as slmgr /skms takes it: `name`, `name:port`, `1.2.3.4[:port]`, `[IPv6]:port`
 * or a bare IPv6 address (no port). Port omitted → null (the caller applies the default 1688).
 */
export function parseHostAndPort(raw: string, what = 'the KMS host'): InputResult<HostAndPort> {
  const pre = preflight(raw, what);
  if (!pre.ok) return pre;
  const text = pre.value;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return fail(`${what} opens a [ without closing it`);
    const inside = parseHost(text.slice(0, close + 1), what);
    if (!inside.ok) return inside;
    if (inside.value.kind !== 'ipv6') return fail(`${what}: only IPv6 addresses go in brackets`);
    const rest = text.slice(close + 1);
    if (rest === '') return ok({ ...inside.value, port: null });
    if (!rest.startsWith(':')) return fail(`${what}: expected :port after ]`);
    const port = parsePort(rest.slice(1), `the port of ${what}`);
    return port.ok ? ok({ ...inside.value, port: port.value }) : port;
  }
  const colons = text.split(':').length - 1;
  if (colons > 1) {
    const bare = parseHost(text, what);
    if (bare.ok) return ok({ ...bare.value, port: null });
    const withoutPort = text.slice(0, text.lastIndexOf(':'));
    if (/:[0-9]{1,5}$/.test(text) && isIPv6(withoutPort)) return fail(`${what}: write an IPv6 address with a port as [address]:port`);
    return bare;
  }
  if (colons === 1) {
    const [hostPart = '', portPart = ''] = text.split(':');
    const host = parseHost(hostPart, what);
    if (!host.ok) return host;
    const port = parsePort(portPart, `the port of ${what}`);
    return port.ok ? ok({ ...host.value, port: port.value }) : port;
  }
  const host = parseHost(text, what);
  return host.ok ? ok({ ...host.value, port: null }) : host;
}

/** Formats a host and port the way slmgr /skms expects it. */
export function formatHostAndPort(target: { host: string; kind: HostKind; port: number | null }): string {
  const host = target.kind === 'ipv6' ? `[${target.host}]` : target.host;
  return target.port === null ? host : `${host}:${target.port}`;
}

/** A DNS domain for SRV lookups (`corp.example`): a host name with at least one dot or one label. */
export function parseDnsDomain(raw: string, what = 'the DNS domain'): InputResult<string> {
  const pre = preflight(raw, what);
  if (!pre.ok) return pre;
  const text = pre.value.endsWith('.') ? pre.value.slice(0, -1) : pre.value;
  if (isIPv4(text) || text.includes(':')) return fail(`${what} must be a DNS domain name, not an address`);
  if (!isHostName(text)) return fail(`${what} is not a valid DNS domain name`);
  return ok(text.toLowerCase());
}

/** A DNS server: an IP address with an optional port (IPv6 in brackets when a port is given). */
export function parseDnsServer(raw: string, what = 'the DNS server'): InputResult<{ address: string; port: number | null }> {
  const parsed = parseHostAndPort(raw, what);
  if (!parsed.ok) return parsed;
  if (parsed.value.kind === 'name') return fail(`${what} must be an IP address, not a name`);
  return ok({ address: parsed.value.host, port: parsed.value.port });
}

/** Private, loopback and link-local addresses: inside the organisation by definition. */
export function isPrivateAddress(address: string): boolean {
  if (isIPv4(address)) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = address.toLowerCase();
  // fc00::/7 needs a full first group (fd12:…); 'fd::1' is 00fd::1 and 'fce::1' is 0fce::1.
  return lower === '::1' || /^f[cd][0-9a-f]{2}:/.test(lower) || lower.startsWith('fe80');
}

// ---------------------------------------------------------------------------------------------
// Phone activation: installation ID (shown) and confirmation ID (typed)
// ---------------------------------------------------------------------------------------------

/** A confirmation ID is 48 digits, read out by Microsoft in 8 groups of 6. */
export const CONFIRMATION_ID_GROUPS = 8;
export const CONFIRMATION_ID_GROUP_LENGTH = 6;

/** Separators people type or paste between groups: spaces, hyphens and their look-alikes. */
const GROUP_SEPARATORS = /[\s\-\u2010-\u2015\u2212\u00ad]+/g;

/** One group as it is typed: exactly 6 digits. */
export function validateConfirmationIdGroup(raw: string, index: number): InputResult<string> {
  const text = raw.replace(GROUP_SEPARATORS, '');
  const label = `group ${String.fromCharCode(65 + index)} of the confirmation ID`;
  if (text.length === 0) return fail(`${label} is empty`);
  const bad = [...text].findIndex((c) => c < '0' || c > '9');
  if (bad !== -1) return fail(`${label} may contain digits only (character ${bad + 1} is not a digit)`);
  if (text.length !== CONFIRMATION_ID_GROUP_LENGTH) return fail(`${label} has ${text.length} digits; each group has ${CONFIRMATION_ID_GROUP_LENGTH}`);
  return ok(text);
}

/** The whole confirmation ID, pasted or typed with any separators: 48 digits → 8 groups of 6. */
export function parseConfirmationId(raw: string): InputResult<string[]> {
  if (typeof raw !== 'string') return fail('the confirmation ID must be text');
  if (raw.length > MAX_INPUT_LENGTH) return fail(`the confirmation ID is too long (${raw.length} characters)`);
  const digits = raw.replace(GROUP_SEPARATORS, '');
  const bad = [...digits].findIndex((c) => c < '0' || c > '9');
  if (bad !== -1) return fail('the confirmation ID may contain digits only (and spaces or dashes between groups)');
  const expected = CONFIRMATION_ID_GROUPS * CONFIRMATION_ID_GROUP_LENGTH;
  if (digits.length !== expected) return fail(`the confirmation ID has ${digits.length} digits; it has ${expected} (${CONFIRMATION_ID_GROUPS} groups of ${CONFIRMATION_ID_GROUP_LENGTH})`);
  const groups: string[] = [];
  for (let i = 0; i < expected; i += CONFIRMATION_ID_GROUP_LENGTH) groups.push(digits.slice(i, i + CONFIRMATION_ID_GROUP_LENGTH));
  return ok(groups);
}

/**
 * Splits an installation ID for reading aloud. Windows shows 63 digits as 9 groups of 7 (older
 * releases 54 digits as 9 groups of 6); anything else is split into groups of 6.
 */
export function groupInstallationId(iid: string): string[] {
  const digits = iid.replace(/\D/g, '');
  const size = digits.length === 63 ? 7 : 6;
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += size) groups.push(digits.slice(i, i + size));
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Windows 10 ESU year
// ---------------------------------------------------------------------------------------------

/** The year of the Windows 10 ESU programme a licence is for: exactly 1, 2 or 3. */
export function parseEsuYear(raw: string, what = 'the ESU year'): InputResult<string> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  return /^[123]$/.test(text) ? ok(text) : fail(`${what} must be 1, 2 or 3 (the year of the ESU programme the key was bought for)`);
}

// ---------------------------------------------------------------------------------------------
// Fix inputs: one grammar per kind, and the inputs each fix takes
// ---------------------------------------------------------------------------------------------

export type FixInputKind = 'host-port' | 'host' | 'dns-domain' | 'product-key' | 'confirmation-id' | 'esu-year';

/**
 * The inputs a diagnosis may prefill, per fix, with their grammar. A test keeps this in step
 * with the fix definitions (main/fixes). Secrets (keys, confirmation IDs) are never prefilled.
 */
export const PREFILLABLE_INPUTS: Readonly<Record<string, Readonly<Record<string, FixInputKind>>>> = {
  'set-kms-host': { host: 'host-port' },
  'switch-avma-to-azure-kms': { host: 'host-port' },
  'sync-time-from-kms-host': { host: 'host' },
  'set-kms-lookup-domain': { domain: 'dns-domain' },
  'install-esu-key': { year: 'esu-year' },
  'office-set-kms-host': { host: 'host-port' },
};

/** The grammar of a non-secret input kind, normalised the way the fix will use it. */
export function validateInputOfKind(kind: FixInputKind, raw: string, what: string): InputResult<string> {
  switch (kind) {
    case 'host-port': {
      const r = parseHostAndPort(raw, what);
      return r.ok ? ok(formatHostAndPort(r.value)) : r;
    }
    case 'host': {
      const r = parseHost(raw, what);
      return r.ok ? ok(r.value.host) : r;
    }
    case 'dns-domain':
      return parseDnsDomain(raw, what);
    case 'esu-year':
      return parseEsuYear(raw, what);
    case 'product-key':
    case 'confirmation-id':
      return fail(`${what} is a secret and is never prefilled`);
  }
}

/**
 * True when every prefilled value passes its fix's own grammar. A snapshot is attacker-controlled:
 * a suggestion whose prefilled host is `kms2.corp.example & calc.exe` is dropped, not shown.
 */
export function prefillIsValid(fixId: string, inputs: Readonly<Record<string, string>>): boolean {
  const grammar = PREFILLABLE_INPUTS[fixId] ?? {};
  return Object.entries(inputs).every(([name, value]) => {
    const kind = grammar[name];
    return kind !== undefined && validateInputOfKind(kind, value, name).ok;
  });
}
