/** `activation-doctor key-for`: the KMS client setup key for one installed Windows. */
import { flag, hasSwitch, parseArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../io';
import { clientKeyFor, resolveSources } from '../../../shared/knowledge';
import { gvlkJson } from './keys';
import { writeJson } from './output';

export const keyForCommand: CliCommand = {
  name: 'key-for',
  summary: 'Pick the KMS client setup key for a Windows build and EditionID',
  usage: [
    'Usage: activation-doctor key-for --build <n> --edition <EditionID> [--product "<caption>"]',
    '                                [--installation-type <Client|Server|Server Core>] [--json]',
    '',
    'Picks the KMS client setup key (GVLK) from what Windows reports:',
    '  --build <n>              Win32_OperatingSystem.BuildNumber, e.g. 20348',
    '  --edition <EditionID>    DISM /online /Get-CurrentEdition, e.g. ServerDatacenter, Professional',
    '  --product "<caption>"    Win32_OperatingSystem.Caption: accepted, not used (it is localized;',
    '                           SAC installs say so in their EditionID, e.g. ServerDatacenterACor)',
    '  --installation-type <t>  Client, Server or Server Core (informational)',
    '  --json                   print {found, key, record} or {found: false, reason}',
    '',
    'Exit status: 0 key found, 1 no key exists for this edition (the reason says why), 2 bad usage.',
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { build: { value: true }, edition: { value: true }, product: { value: true }, 'installation-type': { value: true }, json: { value: false } }, 0);
    const buildText = flag(parsed, 'build');
    const edition = flag(parsed, 'edition');
    if (buildText === undefined) throw new UsageError('--build is required, e.g. --build 20348');
    if (edition === undefined) throw new UsageError('--edition is required, e.g. --edition ServerDatacenter');
    if (!/^\d{1,6}$/.test(buildText.trim())) throw new UsageError('--build must be a whole number such as 20348');
    if (!/^[A-Za-z0-9]{1,64}$/.test(edition.trim())) throw new UsageError('--edition must be an EditionID such as ServerDatacenter or Professional (letters and digits)');
    const build = Number(buildText.trim());
    if (build <= 0) throw new UsageError('--build must be a positive whole number such as 20348');

    const answer = clientKeyFor({ build, editionId: edition.trim(), caption: flag(parsed, 'product') ?? null, installationType: flag(parsed, 'installation-type') ?? null });
    const json = hasSwitch(parsed, 'json');
    if (answer.kind === 'none') {
      if (json) writeJson(io, { found: false, cause: answer.cause, reason: answer.reason, conversion: answer.conversion ?? null });
      else io.stdout(`No KMS client setup key: ${answer.reason}\n`);
      return EXIT.problems;
    }
    const r = answer.record;
    if (json) {
      writeJson(io, { found: true, key: r.key, install: [`slmgr.vbs /ipk ${r.key}`, 'slmgr.vbs /ato'], record: gvlkJson(r) });
      return EXIT.ok;
    }
    const lines = [
      `${r.product} ${r.edition}`,
      `KMS client setup key (GVLK): ${r.key}`,
      `Install it:  slmgr.vbs /ipk ${r.key}`,
      'Then:        slmgr.vbs /ato',
      ...(r.notes ?? []).map((n) => `Note: ${n}`),
      ...resolveSources(r.sources).map((s) => `Source: ${s.url}`),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
