/**
 * What "Copy the commands" puts on the clipboard: exactly the commands that would run, with the
 * values the technician typed. The preview on screen masks a product key (screenshots and
 * screen-sharing see only its last five characters); the copy is made on purpose, so it carries
 * the real key and confirmation ID, or the pasted command would not work.
 */
import type { FixInfo } from '../../shared/fix-types';
import { parseConfirmationId } from '../../shared/inputs';
import { normaliseProductKey } from '../../shared/knowledge/product-key';

export function commandsToCopy(commands: readonly string[], inputs: FixInfo['inputs'], values: Record<string, string>): string {
  let text = commands.join('\r\n');
  for (const input of inputs) {
    const raw = values[input.name] ?? '';
    if (input.kind === 'product-key') {
      const key = normaliseProductKey(raw);
      if (key.ok) text = text.split(`*****-*****-*****-*****-${key.last5}`).join(key.key);
    } else if (input.kind === 'confirmation-id') {
      const cid = parseConfirmationId(raw);
      if (cid.ok) text = text.split('<confirmation ID>').join(cid.value.join('-'));
    }
  }
  return text;
}

/** Writes to the clipboard; false when the browser refused. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
