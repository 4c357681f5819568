/**
 * Failures of the operating system (a path through a file, a missing directory, no space, no
 * permission) as the InputError a user can act on. The CLI's last line of defence: every code
 * path that touches files checks what it can first, and whatever still fails lands here with
 * exit 1, not as "a bug in skyweave".
 */
import { InputError } from "../errors.js";

/** What each errno means to a user, and how to fix it. */
const KNOWN: Record<string, { readonly what: string; readonly fix: string }> = {
  ENOENT: { what: "no such file or directory", fix: "check the path; a directory it names must exist (create it first)." },
  ENOTDIR: { what: "a part of the path is a file, not a directory", fix: "check the path: every part before the last must be a directory." },
  EISDIR: { what: "is a directory, where a file was expected", fix: "pass the path of a file (not of a directory)." },
  EEXIST: { what: "already exists", fix: "move it away or choose another path." },
  EACCES: { what: "permission denied", fix: "check the permissions of the path (and of the directories above it), or choose another path." },
  EPERM: { what: "operation not permitted", fix: "check the permissions of the path, or choose another path." },
  EROFS: { what: "the file system is read-only", fix: "choose a path on a writable file system." },
  ENOSPC: { what: "no space left on the device", fix: "free some space, or choose a path on another device." },
  EDQUOT: { what: "disk quota exceeded", fix: "free some space, or choose a path on another device." },
  ENAMETOOLONG: { what: "the path is too long", fix: "choose a shorter path." },
  ELOOP: { what: "too many symbolic links in the path", fix: "check the symbolic links in the path for a loop." },
  EMFILE: { what: "too many open files", fix: "raise the open-file limit (ulimit -n), then run the command again." },
  ENFILE: { what: "too many open files on the system", fix: "close other programs or raise the limit, then run the command again." },
  EBUSY: { what: "the file or directory is busy", fix: "close what uses it, then run the command again." },
  ETXTBSY: { what: "the file is busy", fix: "close what uses it, then run the command again." },
};

/** The InputError for a Node.js system error with a known code, or undefined for anything else. */
export function systemErrorToInput(error: unknown): InputError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, path, dest, syscall } = error as { code?: unknown; path?: unknown; dest?: unknown; syscall?: unknown };
  if (typeof code !== "string") return undefined;
  const known = KNOWN[code];
  if (known === undefined) return undefined;
  const where = typeof path === "string" ? path : undefined;
  const to = typeof dest === "string" ? ` → ${dest}` : "";
  const during = typeof syscall === "string" ? ` (${syscall}${to})` : "";
  return new InputError(`${known.what}${during}`, { ...(where === undefined ? {} : { where }), fix: known.fix, cause: error });
}
