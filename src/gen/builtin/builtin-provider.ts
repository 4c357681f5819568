/**
 * The `builtin` provider: offline, deterministic and rule-based. It names a component for every
 * template the prose mentions, picks ids that are free, makes the entry point public, and wires
 * the parts with the usual rules (`inferConnections`). Same prose, same answer.
 */
import type { ExistingPart } from "../check-slots.js";
import { inferConnections, type Wirable } from "../infer-connections.js";
import type { AppSlots, ComponentSlots } from "../slots.js";
import type { Category } from "../templates.js";
import { findMentions } from "./find-mentions.js";

/** The category of an existing construct, by its class. */
const CLASS_CATEGORY: Readonly<Record<string, Category>> = {
  Service: "web", Worker: "worker", CronJob: "cron", Postgres: "postgres", MySql: "mysql",
  Redis: "redis", Queue: "queue", Bucket: "bucket",
};

/** Answers `prose` with slots, or with no components when it names nothing skyweave knows. */
export function builtinSlots(prose: string, existing: readonly ExistingPart[] = []): AppSlots {
  const mentions = findMentions(prose);
  const taken = new Set(existing.map((p) => p.id));
  const components: ComponentSlots[] = [];
  const wirable: Wirable[] = existing
    .filter((p) => p.variable !== undefined && CLASS_CATEGORY[p.className] !== undefined)
    .map((p) => ({ id: p.id, category: CLASS_CATEGORY[p.className]!, template: "", isNew: false }));
  const hasProxy = mentions.some((m) => m.template.category === "proxy");
  const hasFrontend = mentions.some((m) => m.template.category === "frontend");
  for (const { template } of mentions) {
    const id = freeId([template.defaultId, template.name, template.category], taken);
    const entry = template.category === "proxy" || (!hasProxy && template.category === "frontend") || (!hasProxy && !hasFrontend && template.category === "web");
    const component: ComponentSlots = { id, template: template.name };
    if (entry && template.defaults.port !== undefined && !template.defaults.public) component.public = true;
    if (!entry && template.defaults.public && template.category === "frontend") component.public = false;
    components.push(component);
    wirable.push({ id, category: template.category, template: template.name, isNew: true });
  }
  return { app: appName(prose, mentions.map((m) => m.word)), components, connections: inferConnections(wirable) };
}

function freeId(candidates: readonly string[], taken: Set<string>): string {
  let id = candidates.find((c) => !taken.has(c));
  for (let n = 2; id === undefined; n++) if (!taken.has(`${candidates[0]}-${n}`)) id = `${candidates[0]}-${n}`;
  taken.add(id);
  return id;
}

/** `called "shop"` / `named shop` when the prose says so, else the first thing it names + `-app`. */
function appName(prose: string, words: readonly string[]): string {
  const named = /\b(?:called|named)\s+(?:"([^"]{1,50})"|'([^']{1,50})'|“([^”]{1,50})”|([A-Za-z][A-Za-z0-9-]*))/.exec(prose);
  const base = (named ? (named[1] ?? named[2] ?? named[3] ?? named[4]) : undefined) ?? `${words[0] ?? "my"}-app`;
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50).replace(/-+$/, "");
  return /^[a-z]/.test(slug) ? slug : `app-${slug}`.slice(0, 50);
}
