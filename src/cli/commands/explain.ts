/** `skyweave explain`: where each part of an app runs, and why. */
import { InputError } from "../../errors.js";
import { place, type PartPlacement } from "../../solver/index.js";
import { loadModel, type LoadModelOptions } from "../../app-file/index.js";

/**
 * Loads and places `file`, and returns the placement of every part, or only of the parts at
 * or under `constructPath` (a construct path such as `shop/web`, or a part name such as `web`).
 */
export async function explain(file: string, constructPath?: string, load?: LoadModelOptions): Promise<PartPlacement[]> {
  const parts = (await place(await loadModel(file, load))).parts;
  if (constructPath === undefined) return parts;
  const wanted = constructPath.replace(/\/+$/, "");
  const chosen = parts.filter((p) => p.path === wanted || p.part === wanted || p.path.startsWith(`${wanted}/`));
  if (chosen.length === 0) {
    throw new InputError(`no part at construct path "${constructPath}"; the app's parts are:\n${parts.map((p) => `  - ${p.path}`).join("\n")}`, {
      where: file,
      fix: "pass one of the construct paths above, or omit it to explain every part.",
    });
  }
  return chosen;
}

/** Renders part placements for a terminal: where, why, and each alternative with what it costs or breaks. */
export function formatExplanation(parts: readonly PartPlacement[]): string {
  return parts
    .map((p) => {
      const where = p.mode === "managed" ? `${p.target} (managed: ${p.service})` : `${p.target} (in-cluster${p.nodePools.length > 0 ? `, node pool ${p.nodePools.join(", ")}` : ""})`;
      const alternatives = p.alternatives.map(
        (a) => `  instead: ${a.option}: ${a.breaks !== undefined ? `breaks ${a.breaks}` : a.extraMonthlyUsd !== undefined ? `+$${a.extraMonthlyUsd.toFixed(2)}/month` : "not priced"}`,
      );
      return [`${p.path}: ${where}, $${p.monthlyUsd.toFixed(2)}/month`, `  why: ${p.reason}`, ...alternatives].join("\n");
    })
    .join("\n");
}
