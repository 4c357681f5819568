/**
 * The instructions a model gets: what skyweave is, every template with its summary and
 * defaults, the template examples, the ids already taken, and the rules the answer must keep.
 */
import type { ExistingPart } from "../check-slots.js";
import { loadTemplates } from "../templates.js";

/** The system prompt: the job, the rules and the template catalogue. */
export function systemPrompt(existing: readonly ExistingPart[]): string {
  const templates = [...loadTemplates().values()].map((t) => {
    const d = t.defaults;
    const facts = [t.construct, t.category, d.port ? `port ${d.port}` : "", d.image ? `image ${d.image}` : t.ownImage ? "your own image" : ""].filter(Boolean).join(", ");
    return `- ${t.name}: ${t.summary} (${facts})`;
  });
  const examples = [...loadTemplates().values()].flatMap((t) => t.examples.map((e) => `- "${e.prose}" → ${JSON.stringify(e.slots)}`));
  const taken = existing.length === 0 ? "none" : existing.map((p) => `${p.id} (${p.className})`).join(", ");
  return [
    "You turn a description of a web application into a skyweave app: a list of components, each one a template with filled slots, and the connections between them.",
    "Answer with one JSON object that matches the given JSON schema, nothing else. Do not write code.",
    "Rules:",
    "- One component per part the description names; do not invent parts it does not name.",
    "- Leave a slot out to use the template's default. Never put passwords or keys in env: connections provide credentials.",
    "- A connection goes from the part that calls (proxy, front end, web service, worker, cron job) to the part it uses.",
    "- The entry point (a proxy, else the front end, else the web service) is public.",
    `- Ids already taken in the file: ${taken}. Existing ids may be used in connections.`,
    "Templates:",
    ...templates,
    ...(examples.length > 0 ? ["Examples of single components:", ...examples] : []),
  ].join("\n");
}

/** The first user turn: the description. */
export function userPrompt(prose: string): string {
  return `Description of the app:\n${prose}`;
}
