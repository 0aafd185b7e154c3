/**
 * Turns what a script printed into a validated value: JSON, then the script's own error envelope
 * (`{"error": {...}}`), then the caller's schema.
 */
import { z } from 'zod';
import { PowerShellError, excerpt, type ScriptReportedError } from './errors';
import { toHex } from '../../shared/hex';

const ErrorEnvelopeSchema = z.object({
  error: z.object({
    kind: z.string().min(1).max(40),
    message: z.string().max(4000).nullish(),
    hresult: z.number().int().nullish(),
    errorId: z.string().max(400).nullish(),
    category: z.string().max(100).nullish(),
  }),
});

/** Exception.HResult is a signed 32-bit number in .NET; report it as the unsigned HRESULT. */
const toUnsigned = (value: number | null | undefined) =>
  value === null || value === undefined || value < -0x80000000 || value > 0xffffffff ? null : value >>> 0;

export function reportedError(json: unknown): ScriptReportedError | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.keys(json).length !== 1) return null;
  const parsed = ErrorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  const { kind, message, hresult, errorId, category } = parsed.data.error;
  return { kind, message: message ?? '', hresult: toUnsigned(hresult), errorId: errorId ?? null, category: category ?? null };
}

function formatReported(script: string, reported: ScriptReportedError): string {
  const code = reported.hresult !== null ? ` (${toHex(reported.hresult)})` : '';
  return `${script}.ps1 reported ${reported.kind}: ${excerpt(reported.message, 300) || 'no message'}${code}`;
}

export function interpretOutput<S extends z.ZodType>(script: string, raw: string, schema: S): z.output<S> {
  // Windows PowerShell may put a UTF-8 BOM in front of the first output after an encoding change.
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    throw new PowerShellError({ kind: 'non-json', message: `${script}.ps1 printed nothing; it should print one JSON document`, script, excerpt: '' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PowerShellError({
      kind: 'non-json',
      message: `${script}.ps1 printed something that is not JSON: "${excerpt(text, 120)}"`,
      script,
      excerpt: excerpt(text),
    });
  }
  const reported = reportedError(json);
  if (reported) {
    const message = formatReported(script, reported);
    if (reported.kind === 'not-elevated') throw new PowerShellError({ kind: 'not-elevated', message, script });
    throw new PowerShellError({ kind: 'script-error', message, script, reported, stderr: null });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(document)';
    throw new PowerShellError({
      kind: 'invalid-output',
      message: `${script}.ps1 printed JSON of an unexpected shape at ${path}: ${issue?.message ?? 'invalid'}`,
      script,
      path,
    });
  }
  return parsed.data;
}
