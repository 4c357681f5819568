/** Parts joined by connections run in one region: the groups that must move together. */
import type { AppModel } from "../model/app-model.js";

/** Groups of parts joined by connections: a group runs in one region. */
export function connectedGroups(model: AppModel): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const names = [...model.workloads, ...model.resources].map((p) => p.name);
  for (const n of names) parent.set(n, n);
  for (const c of model.connections) {
    const [a, b] = [find(c.from), find(c.to)];
    if (a !== b) parent.set(b < a ? a : b, b < a ? b : a);
  }
  const groups = new Map<string, string[]>();
  for (const n of names) groups.set(find(n), [...(groups.get(find(n)) ?? []), n]);
  return [...groups.values()];
}
