/** `activation-doctor explain <code>`: what an activation error code means and what to do next. */
import { parseArgs, hasSwitch } from '../args';
import { EXIT, UsageError, type CliCommand } from '../io';
import { explainError, type ActivationType, type DecodedHresult, type ErrorRecord, type HexCode } from '../../../shared/knowledge';
import { sourceLines, sourcesJson, writeJson } from './output';
import { toHex } from '../../../shared/hex';

const TYPE_LABELS: Record<ActivationType, string> = {
  mak: 'MAK',
  'kms-client': 'KMS client',
  'kms-host': 'KMS host',
  retail: 'retail / OEM',
  avma: 'AVMA',
};

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain an activation error code (0xC004F074, C004F074, -1073418124, ...)',
  usage: [
    'Usage: activation-doctor explain <code> [--json]',
    '',
    'Explains a Windows activation error code: Microsoft\'s message, what it means, likely causes,',
    'next steps and the Microsoft pages it comes from. <code> may be 0xC004F074, C004F074,',
    'c004f074, a signed (-1073418124) or unsigned (3221549172) decimal, or a pasted message',
    'that contains a code. Unknown but well-formed codes are decoded (facility, severity).',
    '',
    'Exit status: 0 answered (known or unknown code), 2 the input is not an error code.',
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { json: { value: false } });
    const input = parsed.positional.join(' ');
    if (input.trim() === '') throw new UsageError('give an error code, e.g. activation-doctor explain 0xC004F074');
    const answer = explainError(input);
    if (answer.kind === 'invalid') throw new UsageError(answer.message);
    const json = hasSwitch(parsed, 'json');
    if (answer.kind === 'known') {
      if (json) writeJson(io, knownJson(answer.code, answer.record));
      else io.stdout(knownText(answer.code, answer.record));
    } else if (json) {
      writeJson(io, { code: answer.code, symbol: null, message: null, known: false, decoded: answer.decoded, advice: answer.advice, didYouMean: answer.didYouMean });
    } else if (answer.nearMissOnly) {
      io.stdout(nearMissText(input.trim(), answer.didYouMean));
    } else {
      io.stdout(unknownText(answer.code, answer.decoded, answer.advice));
    }
    return EXIT.ok;
  },
};

function knownJson(code: HexCode, r: ErrorRecord) {
  return {
    code,
    canonicalCode: r.code,
    aliases: r.aliases,
    symbol: r.symbol,
    message: r.message,
    sdkMessage: r.sdkMessage ?? null,
    known: true,
    explanation: r.explanation,
    causes: r.causes,
    nextSteps: r.nextSteps,
    appliesTo: r.appliesTo,
    findings: r.findings,
    fixes: r.fixes,
    sources: sourcesJson(r.sources),
  };
}

function knownText(code: HexCode, r: ErrorRecord): string {
  const title = code === r.code ? code : `${code} (the informational form is ${r.code})`;
  const lines = [
    `${title}${r.symbol ? `  ${r.symbol}` : ''}`,
    '',
    `Message:      ${r.message}`,
    ...(r.sdkMessage ? [`Windows text: ${r.sdkMessage}`] : []),
    `Applies to:   ${r.appliesTo.length > 0 ? r.appliesTo.map((t) => TYPE_LABELS[t]).join(', ') : 'token-based activation'}`,
    '',
    r.explanation,
    '',
    'Likely causes:',
    ...r.causes.map((c) => `  - ${c}`),
    '',
    'Next steps:',
    ...r.nextSteps.map((s, i) => `  ${i + 1}. ${s}`),
    '',
    'Sources:',
    ...sourceLines(r.sources),
  ];
  return `${lines.join('\n')}\n`;
}

function unknownText(code: HexCode, d: DecodedHresult, advice: string[]): string {
  const lines = [
    `${code}  is not in Activation Doctor's tables`,
    '',
    `Severity:    ${d.severity}${d.failure ? ' (a failure code)' : ''}`,
    `Facility:    ${d.facility}${d.facilityName ? ` (${d.facilityName})` : ''}`,
    `Code:        ${toHex(d.code, 4)} (${d.code})`,
    ...(d.win32Error !== null ? [`Win32 error: ${d.win32Error}`] : []),
    ...(d.customer ? ['Customer bit set: defined by a non-Microsoft component.'] : []),
    ...(d.ntstatus ? ['NTSTATUS bit set: an NTSTATUS value mapped into an HRESULT.'] : []),
    '',
    'Where to look next:',
    ...advice.map((a) => `  - ${a}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A near miss of a known code: the suggestion only, never the decoding of the mistyped code. */
function nearMissText(input: string, near: HexCode[]): string {
  const lines = [
    `Did you mean ${near.join(' or ')}?`,
    '',
    `${input.length <= 40 ? input : 'What was typed'} is not a known activation code, but ${near.length === 1 ? 'this known one is' : 'these known ones are'} one digit away from it.`,
    ...near.map((code) => `  activation-doctor explain ${code}`),
  ];
  return `${lines.join('\n')}\n`;
}
