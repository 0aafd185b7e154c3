/**
 * Node's network errors, turned into the short codes the snapshot keeps and the plain words a
 * technician reads. Codes stay in the text ("ETIMEOUT: ...") so a snapshot can be searched for
 * them and matched against documentation.
 */

/** The `code` of a Node system or DNS error (ECONNREFUSED, ENOTFOUND, ...), if it has one. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const DNS_WORDS: Record<string, string> = {
  ENOTFOUND: 'the name does not exist in DNS (NXDOMAIN)',
  ENODATA: 'the name exists but has no record of this type',
  ETIMEOUT: 'the DNS server did not answer in time',
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  EREFUSED: 'the DNS server refused the query (REFUSED): it does not serve this name',
  ECONNREFUSED: 'nothing answers DNS at that address (connection refused)',
  EBADRESP: 'the DNS server sent a malformed answer',
  ECANCELLED: 'the lookup was cancelled',
  EAI_AGAIN: 'the name could not be resolved right now (temporary DNS failure)',
  ENOTIMP: 'the DNS server does not implement this query',
  EFORMERR: 'the DNS server could not read the query',
};

const SOCKET_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the host refused the connection: it is up, but nothing listens on that port',
  EHOSTUNREACH: 'no route to the host (host unreachable)',
  ENETUNREACH: 'no route to that network (network unreachable)',
  ENETDOWN: 'the network is down',
  ECONNRESET: 'the connection was reset',
  EACCES: 'the local system does not allow this connection',
  EPERM: 'a local firewall rule blocked the connection',
  EADDRNOTAVAIL: 'the address is not available from this computer',
  EPIPE: 'the connection closed while sending',
};

/** "ENOTFOUND: the name does not exist in DNS (NXDOMAIN)" */
export function describeDnsError(code: string | null, fallback: string): string {
  if (code && DNS_WORDS[code]) return `${code}: ${DNS_WORDS[code]}`;
  return code ? `${code}: ${oneLine(fallback)}` : oneLine(fallback);
}

export function describeSocketError(code: string | null, fallback: string): string {
  if (code && SOCKET_WORDS[code]) return `${code}: ${SOCKET_WORDS[code]}`;
  return code ? `${code}: ${oneLine(fallback)}` : oneLine(fallback);
}

/** Name-resolution failures that mean "this name does not resolve" rather than "DNS is broken". */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA']);

/** One line, bounded, so it always fits the snapshot's text fields. */
export function clip(text: string, max = 300): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
