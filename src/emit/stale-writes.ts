/**
 * What a killed `writeStack()` leaves behind, put right by the next one (under the stack's
 * lock, so nothing else is writing). `writeStack()` builds the new stack in
 * `.skyweave-tmp-<app>-<id>`, moves the user's own files into it, renames the old stack to
 * `…-old` and the new one into place. A run killed at any point leaves one of three states:
 * - the new stack is complete and the old one already moved aside: the swap is finished;
 * - the swap is done and only the old copy is left: it is removed;
 * - the new stack is half-built: the user's files already moved into it go back, and it is removed.
 * Nothing of the user's is deleted in any of them.
 */
import { readdir, readFile, rename, rm, stat, mkdir } from "node:fs/promises";
import * as path from "node:path";

/** The manifest of generated files inside a stack directory (as in write-stack.ts). */
const MANIFEST = ".skyweave/generated.json";

/** The prefix of the temp directories `writeStack()` makes for the stack of `appName`. */
export function tempPrefix(appName: string): string {
  return `.skyweave-tmp-${appName}-`;
}

/** Puts right every interrupted write of `<outDir>/<appName>/`. */
export async function recoverStaleWrites(outDir: string, appName: string): Promise<void> {
  const dir = path.resolve(outDir);
  const target = path.join(dir, appName);
  const prefix = tempPrefix(appName);
  const names = await readdir(dir).catch(() => [] as string[]);
  const ids = new Set(names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length).replace(/-old$/, "")).filter((id) => /^[0-9a-f]{12}$/.test(id)));
  for (const id of [...ids].sort()) {
    const temp = path.join(dir, `${prefix}${id}`);
    const backup = `${temp}-old`;
    const [hasTemp, hasBackup, hasTarget] = await Promise.all([isDir(temp), isDir(backup), isDir(target)]);
    if (hasBackup && !hasTarget) {
      // Killed between the two renames: the new stack in temp is complete.
      await rename(hasTemp ? temp : backup, target);
    }
    if (hasBackup) await rm(backup, { recursive: true, force: true });
    if (hasTemp && (await isDir(temp))) await abandon(temp, target);
  }
}

/** Moves the user's entries that a half-built `temp` holds back into `target`, then removes `temp`. */
async function abandon(temp: string, target: string): Promise<void> {
  const generated = await generatedPaths(temp);
  if (generated !== undefined) {
    const ancestors = new Set<string>();
    for (const p of generated) {
      const parts = p.split("/");
      for (let i = 1; i < parts.length; i++) ancestors.add(parts.slice(0, i).join("/"));
    }
    const walk = async (rel: string): Promise<void> => {
      const entries = await readdir(path.join(temp, ...(rel ? rel.split("/") : [])), { withFileTypes: true });
      for (const entry of entries) {
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (generated.has(child) || child === MANIFEST) continue;
        if (entry.isDirectory() && ancestors.has(child)) {
          await walk(child);
          continue;
        }
        const home = path.join(target, ...child.split("/"));
        if (await exists(home)) continue;
        await mkdir(path.dirname(home), { recursive: true });
        await rename(path.join(temp, ...child.split("/")), home);
      }
    };
    await walk("");
  }
  await rm(temp, { recursive: true, force: true });
}

/**
 * The generated paths recorded in a half-built stack. The record is written last of the
 * generated files and before any file of the user's is moved in, so without it there is
 * nothing of the user's inside.
 */
async function generatedPaths(temp: string): Promise<Set<string> | undefined> {
  const text = await readFile(path.join(temp, ...MANIFEST.split("/")), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const files = (JSON.parse(text) as { files?: { path?: unknown }[] }).files ?? [];
    return new Set(files.map((f) => f.path).filter((p): p is string => typeof p === "string"));
  } catch {
    return undefined; // cut short while being written: nothing was moved in yet
  }
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() === true;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}
