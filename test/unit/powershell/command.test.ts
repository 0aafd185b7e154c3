import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildScriptCommand, encodeParams, hasControlCharacter, psSingleQuoted, MAX_PARAMS_BYTES } from '../../../main/powershell/command';
import { isPowerShellError } from '../../../main/powershell/errors';
import { interpretOutput, reportedError } from '../../../main/powershell/output';
import { resolveScriptsDirs } from '../../../main/powershell/scripts-dir';

describe('psSingleQuoted', () => {
  it.each([
    ['C:\\Program Files\\Activation Doctor\\resources\\probes\\windows\\os.ps1', "'C:\\Program Files\\Activation Doctor\\resources\\probes\\windows\\os.ps1'"],
    ["C:\\Users\\O'Brien\\x.ps1", "'C:\\Users\\O''Brien\\x.ps1'"],
    ['C:\\a‘b’c‚d‛e', "'C:\\a‘‘b’’c‚‚d‛‛e'"],
    ['$(calc) `n "x"', "'$(calc) `n \"x\"'"],
  ])('quotes %j', (text, quoted) => {
    expect(psSingleQuoted(text)).toBe(quoted);
  });

  it.each(['a\nb', 'a\rb', 'a\u0000b', 'a\u2028b', 'a\u0085b', 'a\tb'])('refuses control characters in %j', (text) => {
    expect(() => psSingleQuoted(text)).toThrow(/control characters/);
    expect(hasControlCharacter(text)).toBe(true);
  });

  it('never lets a quote end the literal early (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!hasControlCharacter(text));
        const literal = psSingleQuoted(text);
        // Inside the literal every quote character comes in pairs.
        const body = literal.slice(1, -1);
        expect(body.replace(/(['\u2018-\u201b])\1/g, '')).not.toMatch(/['\u2018-\u201b]/);
      }),
    );
  });
});

describe('encodeParams', () => {
  it('round-trips any JSON value through base64 made only of [A-Za-z0-9+/=]', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (params) => {
        const blob = encodeParams(params as never);
        expect(blob).toMatch(/^[A-Za-z0-9+/=]+$/);
        expect(JSON.parse(Buffer.from(blob, 'base64').toString('utf8'))).toEqual(JSON.parse(JSON.stringify(params)));
      }),
    );
  });

  it('refuses oversized parameters', () => {
    expect(() => encodeParams({ big: 'x'.repeat(MAX_PARAMS_BYTES) })).toThrow(/limit/);
  });
});

describe('buildScriptCommand', () => {
  it('uses the absolute path for ASCII folders and the relative path otherwise', () => {
    expect(buildScriptCommand({ name: 'os', path: 'C:\\AD\\probes\\windows\\os.ps1' }, 'e30=')).toBe("& 'C:\\AD\\probes\\windows\\os.ps1' -ArgsBase64 'e30='");
    expect(buildScriptCommand({ name: 'os', path: 'C:\\Users\\Jürgen\\AD\\os.ps1' }, 'e30=')).toBe("& '.\\os.ps1' -ArgsBase64 'e30='");
  });

  it('refuses anything but base64 as the parameter blob', () => {
    expect(() => buildScriptCommand({ name: 'os', path: '/x/os.ps1' }, "e30=' ; calc ; '")).toThrow(/base64/);
  });
});

describe('interpretOutput', () => {
  const schema = z.object({ a: z.number() });
  const kindOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return isPowerShellError(error) ? error.kind : 'other';
    }
    return 'none';
  };

  it('accepts 5.1-style JSON with a BOM and CRLF', () => {
    expect(interpretOutput('x', '\uFEFF{\r\n    "a":  1\r\n}\r\n', schema)).toEqual({ a: 1 });
  });

  it('tells non-JSON, invalid output and reported errors apart', () => {
    expect(kindOf(() => interpretOutput('x', 'nope', schema))).toBe('non-json');
    expect(kindOf(() => interpretOutput('x', '{"a": "1"}', schema))).toBe('invalid-output');
    expect(kindOf(() => interpretOutput('x', '{"error": {"kind": "failed", "message": "m"}}', schema))).toBe('script-error');
    expect(kindOf(() => interpretOutput('x', '{"error": {"kind": "not-elevated", "message": "m"}}', schema))).toBe('not-elevated');
  });

  it('only treats a lone top-level "error" object as a reported error', () => {
    expect(reportedError({ error: { kind: 'failed', message: 'm' }, other: 1 })).toBeNull();
    expect(reportedError({ error: 'text' })).toBeNull();
    expect(reportedError([{ error: { kind: 'failed' } }])).toBeNull();
    expect(reportedError({ error: { kind: 'access-denied', message: 'x', hresult: -2147217405 } })?.hresult).toBe(0x80041003);
  });
});

describe('resolveScriptsDirs', () => {
  const files = (...paths: string[]) => (path: string) => paths.includes(path);

  it('uses the packaged resources folder, which holds collectors and fix operations together', () => {
    const exists = files(join('/opt/ad/resources', 'scripts', 'os.ps1'));
    expect(resolveScriptsDirs({ resourcesPath: '/opt/ad/resources', moduleDir: '/opt/ad/resources/app.asar/out/main', exists })).toEqual([join('/opt/ad/resources', 'scripts')]);
  });

  it('walks up to the repository in development (Electron dev, the CLI bundle, the sources)', () => {
    const exists = files(join('/repo', 'main', 'probes', 'windows', 'os.ps1'));
    for (const moduleDir of ['/repo/out/main', '/repo/out/cli', '/repo/main/powershell']) {
      expect(resolveScriptsDirs({ resourcesPath: '/repo/node_modules/electron/dist/resources', moduleDir, exists })).toEqual([
        join('/repo', 'main', 'probes', 'windows'),
        join('/repo', 'main', 'fixes', 'windows'),
      ]);
    }
  });

  it('says where it looked when the scripts are missing', () => {
    expect(() => resolveScriptsDirs({ resourcesPath: undefined, moduleDir: '/nowhere/out/main', exists: () => false })).toThrow(/not found .*main\/probes\/windows above \/nowhere\/out\/main/);
  });
});
