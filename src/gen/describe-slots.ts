/** A human-readable account of slots: what was understood, before anything is written. */
import type { AppSlots } from "./slots.js";
import { loadTemplates } from "./templates.js";

/** Lines such as `  web      python-django  Service, port 8000` and `  proxy → web`. */
export function describeSlots(slots: AppSlots): string {
  const templates = loadTemplates();
  const width = Math.max(...slots.components.map((c) => c.id.length));
  const lines = [`app: ${slots.app}`, "components:"];
  for (const c of slots.components) {
    const t = templates.get(c.template);
    const port = c.port ?? t?.defaults.port;
    const facts = [t?.construct, port !== undefined && t?.construct === "Service" ? `port ${port}` : "", c.public ?? t?.defaults.public ? "public" : "", c.image ?? t?.defaults.image ?? ""].filter(Boolean);
    lines.push(`  ${c.id.padEnd(width)}  ${c.template} (${facts.join(", ")})`);
  }
  lines.push(slots.connections.length === 0 ? "connections: none" : "connections:");
  for (const k of slots.connections) lines.push(`  ${k.from} → ${k.to}${k.access ? ` (${k.access})` : ""}`);
  return lines.join("\n");
}
