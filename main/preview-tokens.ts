/**
 * The main process confirms: every fix applied from the window must match a preview that main
 * itself issued, for exactly the same fix, inputs and source, and the commands that preview
 * showed. A token is random, used once and expires, so a compromised or scripted renderer cannot
 * run a fix the technician never saw, replay an old confirmation, or swap the inputs after the
 * preview (e.g. preview one KMS host, run with another).
 */
import { randomBytes } from 'node:crypto';

/** Long enough to read a preview and decide; short enough that a stale one is refused. */
export const PREVIEW_TOKEN_LIFETIME_MS = 10 * 60_000;
/** Previews are issued on every keystroke in the dialog: keep only the newest few. */
const MAX_OPEN_TOKENS = 32;

export interface PreviewedFix {
  fixId: string;
  inputs: Record<string, string>;
  source: 'this-computer' | 'snapshot';
}

/** What the technician saw: the commands, and whether an override of a refusal was offered. */
export interface ShownPreview {
  commands: readonly string[];
  refusal: { overridable: boolean } | null;
}

interface Issued {
  key: string;
  commands: readonly string[];
  overridable: boolean;
  expiresAt: number;
}

export type Redemption = { ok: true; commands: readonly string[] } | { ok: false; message: string };

/** One canonical string for a request: key order and prototype tricks cannot make two equal. */
function canonical(fix: PreviewedFix): string {
  const inputs = Object.keys(fix.inputs)
    .sort()
    .map((name) => [name, fix.inputs[name]]);
  return JSON.stringify([fix.fixId, fix.source, inputs]);
}

export class PreviewTokens {
  private readonly open = new Map<string, Issued>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new one-time token for this preview. */
  issue(fix: PreviewedFix, shown: ShownPreview): string {
    this.dropExpired();
    while (this.open.size >= MAX_OPEN_TOKENS) this.open.delete(this.open.keys().next().value as string);
    const token = randomBytes(32).toString('hex');
    this.open.set(token, { key: canonical(fix), commands: [...shown.commands], overridable: shown.refusal?.overridable === true, expiresAt: this.now() + PREVIEW_TOKEN_LIFETIME_MS });
    return token;
  }

  /**
   * Uses up the token (whether or not it matches: a wrong guess burns it) and says whether it was
   * issued for exactly this request. An override is accepted only if that preview offered one.
   * On success, returns the commands the preview showed.
   */
  redeem(token: string, fix: PreviewedFix, override = false): Redemption {
    const issued = this.open.get(token);
    this.open.delete(token);
    if (!issued) return { ok: false, message: 'This fix was not previewed, or its preview was already used. Nothing was changed: open the fix again and confirm the new preview.' };
    if (issued.expiresAt <= this.now()) return { ok: false, message: 'The preview is more than 10 minutes old. Nothing was changed: open the fix again and confirm the new preview.' };
    if (issued.key !== canonical(fix)) return { ok: false, message: 'The fix or its inputs differ from the preview that was confirmed. Nothing was changed: check the inputs and confirm the new preview.' };
    if (override && !issued.overridable) return { ok: false, message: 'The preview that was confirmed offered no override. Nothing was changed: open the fix again and confirm the new preview.' };
    return { ok: true, commands: issued.commands };
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [token, issued] of this.open) if (issued.expiresAt <= now) this.open.delete(token);
  }
}
