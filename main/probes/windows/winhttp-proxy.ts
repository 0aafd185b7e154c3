/**
 * Decodes the WinHttpSettings registry value (HKLM\...\Internet Settings\Connections), which is what
 * `netsh winhttp show proxy` reads. Layout, little-endian:
 *   DWORD size-or-version (0x18), DWORD counter, DWORD flags (1 direct, 2 proxy),
 *   DWORD n + n bytes proxy server list, DWORD m + m bytes bypass list.
 */

export interface WinHttpProxy {
  /** The proxy server list ("proxy.corp.example:8080" or "http=a:80;https=b:443"), null when direct. */
  proxy: string | null;
  bypass: string | null;
}

const PROXY_TYPE_PROXY = 0x2;
const MAX_FIELD = 4096;

/** Returns null when the value is absent or not in the expected layout. */
export function decodeWinHttpSettings(base64: string | null | undefined): WinHttpProxy | null {
  if (!base64) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 16) return null;
  let offset = 8;
  const flags = bytes.readUInt32LE(offset);
  offset += 4;
  const readField = (): string | null | undefined => {
    if (offset + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    if (length > MAX_FIELD || offset + length > bytes.length) return undefined;
    const value = bytes.subarray(offset, offset + length).toString('latin1').replace(/\0+$/, '').trim();
    offset += length;
    return value === '' ? null : value;
  };
  const proxy = readField();
  if (proxy === undefined) return null;
  // Some writers stop after the proxy field when there is no bypass list.
  const bypass = offset < bytes.length ? readField() : null;
  if (bypass === undefined) return null;
  return { proxy: flags & PROXY_TYPE_PROXY ? proxy : null, bypass };
}
