/** Writes a file atomically (a temp file beside it, then rename), refusing if it changed meanwhile. */
import { readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { InputError } from "../errors.js";

/**
 * Writes `text` to `file` via a temp file and a rename, so the file is either the old one or
 * the new one. `expected` is what the file held when it was read (undefined: it must not
 * exist); if it differs now, nothing is written.
 */
export async function writeFileAtomic(file: string, text: string, expected: string | undefined): Promise<void> {
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current !== expected) {
    throw new InputError(expected === undefined ? "the file appeared while skyweave was working" : "the file changed while skyweave was working", {
      where: file,
      fix: "run the command again; nothing was written.",
    });
  }
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.skyweave-${process.pid}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses, before any work, a path that cannot become a file: a directory, a path whose
 * directory does not exist, or one that runs through a file.
 */
export async function assertWritableFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new InputError("is a directory, not a file", { where: file, fix: `pass the path of the file to write, e.g. ${path.join(file, "app.ts")}.` });
  }
  const dir = path.dirname(path.resolve(file));
  const parent = await stat(dir).catch((error: NodeJS.ErrnoException) => error.code);
  if (parent === "ENOENT") {
    throw new InputError(`the directory ${path.dirname(file)} does not exist`, { where: file, fix: `create it first (mkdir -p ${path.dirname(file)}), or choose another path.` });
  }
  if (parent === "ENOTDIR" || (typeof parent === "object" && !parent.isDirectory())) {
    throw new InputError(`the path runs through a file: ${path.dirname(file)} is not a directory`, { where: file, fix: "choose a path inside a directory." });
  }
}
