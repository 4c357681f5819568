/**
 * One writer per stack directory: `<out>/.skyweave-lock-<app>` is created exclusively before a
 * stack is written and removed after. A lock left by a process that is gone (killed synth) is
 * taken over; one held by a live process is a clear error instead of a race between two synths
 * that would fail half-way or mistake each other's files for edits.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { InputError } from "../errors.js";

/** What the lock file records about its holder. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** The lock file of the stack `<outDir>/<appName>/`. */
export function lockPath(outDir: string, appName: string): string {
  return path.join(path.resolve(outDir), `.skyweave-lock-${appName}`);
}

/**
 * Takes the lock of `<outDir>/<appName>/` (which must exist as a directory), runs `work`, and
 * releases it, also when `work` fails.
 */
export async function withStackLock<T>(outDir: string, appName: string, work: () => Promise<T>): Promise<T> {
  const file = lockPath(outDir, appName);
  await acquire(file, path.join(outDir, appName));
  try {
    return await work();
  } finally {
    await rm(file, { force: true }).catch(() => undefined);
  }
}

async function acquire(file: string, stack: string): Promise<void> {
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written whole beside it, then linked into place: link() fails if the lock exists, and a
    // lock that exists always says who holds it.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(draft, `${JSON.stringify(me)}\n`, { flag: "wx" });
    try {
      await link(draft, file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await rm(draft, { force: true });
    }
    const holder = await readHolder(file);
    if (holder !== undefined && isAlive(holder)) {
      throw new InputError(`another skyweave is writing ${stack} (process ${holder.pid} on ${holder.host}, since ${holder.since})`, {
        where: stack,
        fix: `wait for it to finish and run again; if no skyweave is running, delete ${file}.`,
      });
    }
    await rm(file, { force: true }); // its holder is gone: a killed run; take it over
  }
  throw new InputError(`could not take the lock of ${stack}: another process keeps creating ${file}`, { where: stack, fix: "wait for the other synth to finish, then run again." });
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    return typeof data.pid === "number" && typeof data.host === "string" ? { pid: data.pid, host: data.host, since: String(data.since) } : undefined;
  } catch {
    return undefined; // written half by a killed run
  }
}

/** A holder on another machine (a shared file system) counts as alive: nothing here can tell. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, but someone else's
  }
}
