/** Running a rewritten app file before it replaces the user's: as a hidden sibling, removed afterwards. */
import { randomBytes } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import * as path from "node:path";

/**
 * Writes `text` beside `file` as `.<name>.skyweave-<purpose>-<random><ext>` (so its relative
 * imports resolve as the file's own would), runs `work` on that path, and removes it, whatever
 * `work` does. The user's file is not touched.
 * @example
 * const model = await withSibling("app.ts", edited, "rightsize", (copy) => loadModel(copy));
 */
export async function withSibling<T>(file: string, text: string, purpose: string, work: (sibling: string) => Promise<T>): Promise<T> {
  const absolute = path.resolve(file);
  const ext = path.extname(absolute);
  const sibling = path.join(path.dirname(absolute), `.${path.basename(absolute, ext)}.skyweave-${purpose}-${randomBytes(4).toString("hex")}${ext || ".ts"}`);
  await writeFile(sibling, text, { encoding: "utf8", flag: "wx" });
  try {
    return await work(sibling);
  } finally {
    await unlink(sibling).catch(() => undefined);
  }
}
