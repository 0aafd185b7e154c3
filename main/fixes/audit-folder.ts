/**
 * Before every write, the audit log asks its folder guard whether the folder can be trusted: a
 * standard user must not be able to redirect the log (a link) or rewrite it (owning the folder).
 *
 * Windows: audit-folder.ps1 checks owner and DACL as SIDs and creates the folder with a protected
 * SYSTEM + Administrators DACL (the logic is tested with the real PowerShell). Elsewhere (the CLI
 * on Linux, development): the folder must be a real directory, not a link, owned by this user
 * (or root) and writable by no one else.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { z } from 'zod';
import type { PowerShellRunner } from '../powershell/runner';

export interface AuditFolderGuard {
  /**
   * Makes sure the folder exists and can be trusted, and returns it. `null` asks for the default
   * place as the OS reports it (Windows: %ProgramData%\ActivationDoctor from the known folder).
   * Throws, with the reasons for a technician, when it cannot be trusted.
   */
  secure(folder: string | null): Promise<string>;
}

export class UntrustedAuditFolderError extends Error {
  override readonly name = 'UntrustedAuditFolderError';
}

const SecuredSchema = z.object({ folder: z.string().min(3).max(1000), created: z.boolean(), repaired: z.boolean() });

export function windowsAuditFolderGuard(runner: PowerShellRunner): AuditFolderGuard {
  return {
    async secure(folder) {
      try {
        const answer = await runner.invoke('audit-folder', { folder }, z.object({ ok: z.literal(true), data: SecuredSchema }), { timeoutMs: 30_000 });
        return answer.data.folder;
      } catch (error) {
        throw new UntrustedAuditFolderError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

export interface PosixIdentity {
  uid: number;
}

/** Linux and macOS: a private folder of this user, never a link. */
export function posixAuditFolderGuard(identity: PosixIdentity = { uid: process.getuid?.() ?? 0 }): AuditFolderGuard {
  return {
    async secure(folder) {
      if (folder === null) throw new UntrustedAuditFolderError('the audit log folder must be named outside Windows');
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const stat = lstatSync(folder);
      const problems: string[] = [];
      if (stat.isSymbolicLink()) problems.push('it is a symbolic link to another place');
      else if (!stat.isDirectory()) problems.push('it is not a folder');
      else {
        if (stat.uid !== identity.uid && stat.uid !== 0) problems.push(`it belongs to user ${stat.uid}, not to this user (${identity.uid})`);
        if ((stat.mode & 0o022) !== 0) problems.push('other users may write to it');
      }
      if (problems.length > 0) throw new UntrustedAuditFolderError(`The audit log folder ${folder} cannot be trusted: ${problems.join('; ')}. Remove it (or fix its owner and permissions), then run the fix again.`);
      return folder;
    },
  };
}
