/**
 * Checks a provider's answer beyond its JSON shape: known templates, unique ids, connections
 * between existing parts with an access mode the target supports, engine versions the
 * constructs accept, cron schedules, images pinned to a version (as synth's policy requires). Each problem is an issue with a JSON path, so a model
 * can repair it and a user can find it.
 */
import { isCronExpression } from "../constructs/cron-job.js";
import { unpinnedImage } from "../policy/k8s/rules/container-hygiene.js";
import { AppSlotsSchema, type AppSlots } from "./slots.js";
import { loadTemplates, type ConstructClass, type Template } from "./templates.js";

/** One problem in an answer: where (`components[1].template`) and what. */
export interface SlotIssue {
  readonly path: string;
  readonly message: string;
}

/** A construct that already exists in the file being extended. */
export interface ExistingPart {
  readonly id: string;
  readonly className: string;
  /** The variable it is assigned to, if any (only those can take part in new connections). */
  readonly variable?: string;
}

/** Engine versions each backing construct accepts. */
export const ENGINE_VERSIONS: Partial<Record<ConstructClass, readonly string[]>> = {
  Postgres: ["13", "14", "15", "16", "17"],
  MySql: ["8.0", "8.4"],
  Redis: ["6.2", "7.0", "7.2", "7.4"],
};

/** Access modes by construct class (a Service only when it has a port). */
export const ACCESS_BY_CLASS: Record<ConstructClass, readonly string[]> = {
  Service: ["readwrite"], Worker: [], CronJob: [], Postgres: ["readwrite"], MySql: ["readwrite"],
  Redis: ["readwrite"], Queue: ["send", "consume", "readwrite"], Bucket: ["read", "write", "readwrite"],
};

const WORKLOADS: readonly string[] = ["Service", "Worker", "CronJob"];

/**
 * Environment variable names that hold secrets, which slots may never carry in plain text: a
 * password, secret, token, API, access or private key, or credential anywhere in the name
 * (`AWS_SECRET_ACCESS_KEY`, `DB_PASSWORD_FILE`, `GITHUB_TOKEN`), or a name ending in PASS/PASSWD.
 */
export const SECRET_ENV = /PASS(WORD|WD)?(_FILE)?$|PASSWORD|PASSWD|SECRET|TOKENS?(_|$)|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

/** The result of checking an answer: the typed slots, or every issue found. */
export type SlotCheck = { ok: true; slots: AppSlots } | { ok: false; issues: SlotIssue[] };

/** Validates `answer` (parsed JSON) against the schema, then the rules above. */
export function checkSlots(answer: unknown, existing: readonly ExistingPart[] = []): SlotCheck {
  const parsed = AppSlotsSchema.safeParse(answer);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  }
  const slots = parsed.data;
  const templates = loadTemplates();
  const issues: SlotIssue[] = [];
  const classOf = new Map<string, ConstructClass | string>();
  const hasPort = new Map<string, boolean>();
  for (const part of existing) {
    classOf.set(part.id, part.className);
    hasPort.set(part.id, true);
  }
  slots.components.forEach((c, i) => {
    const at = `components[${i}]`;
    const template = templates.get(c.template);
    if (template === undefined) {
      issues.push({ path: `${at}.template`, message: `unknown template "${c.template}"; use one of: ${[...templates.keys()].join(", ")}` });
      return;
    }
    if (existing.some((p) => p.id === c.id)) issues.push({ path: `${at}.id`, message: `id "${c.id}" already exists in the file; choose another id` });
    else if (classOf.has(c.id)) issues.push({ path: `${at}.id`, message: `id "${c.id}" is used twice; ids must be unique` });
    classOf.set(c.id, template.construct);
    hasPort.set(c.id, (c.port ?? template.defaults.port) !== undefined);
    issues.push(...componentIssues(c, template, at));
  });
  const seen = new Set<string>();
  slots.connections.forEach((k, i) => {
    const at = `connections[${i}]`;
    const from = classOf.get(k.from);
    const to = classOf.get(k.to);
    if (from === undefined) issues.push({ path: `${at}.from`, message: `no component "${k.from}"` });
    else if (!WORKLOADS.includes(from)) issues.push({ path: `${at}.from`, message: `"${k.from}" is a ${from}, which cannot connect to anything; swap from and to?` });
    if (to === undefined) issues.push({ path: `${at}.to`, message: `no component "${k.to}"` });
    if (from === undefined || to === undefined) return;
    if (k.from === k.to) issues.push({ path: at, message: "a component cannot connect to itself" });
    const modes = to === "Service" && hasPort.get(k.to) === false ? [] : (ACCESS_BY_CLASS[to as ConstructClass] ?? []);
    if (modes.length === 0) issues.push({ path: `${at}.to`, message: `"${k.to}" (${to}) has no port and cannot be connected to` });
    else if (k.access !== undefined && !modes.includes(k.access)) issues.push({ path: `${at}.access`, message: `"${k.to}" supports ${modes.join(", ")}, not ${k.access}` });
    const key = `${k.from}->${k.to}`;
    if (seen.has(key)) issues.push({ path: at, message: `${k.from} is connected to ${k.to} twice` });
    seen.add(key);
  });
  return issues.length === 0 ? { ok: true, slots } : { ok: false, issues };
}

function componentIssues(c: AppSlots["components"][number], template: Template, at: string): SlotIssue[] {
  const issues: SlotIssue[] = [];
  const versions = ENGINE_VERSIONS[template.construct];
  if (c.version !== undefined && (versions === undefined || !versions.includes(c.version))) {
    issues.push({ path: `${at}.version`, message: versions ? `expected one of ${versions.join(", ")}` : `template ${template.name} takes no version` });
  }
  if (template.construct === "CronJob") {
    const schedule = c.schedule ?? template.defaults.schedule;
    if (schedule === undefined || !isCronExpression(schedule)) issues.push({ path: `${at}.schedule`, message: 'expected a five-field cron expression such as "0 3 * * *"' });
  } else if (c.schedule !== undefined) {
    issues.push({ path: `${at}.schedule`, message: `only cron jobs take a schedule (template ${template.name} is a ${template.construct})` });
  }
  if (!WORKLOADS.includes(template.construct)) {
    for (const key of ["image", "port", "public", "replicas", "env", "healthPath", "command", "args", "volumePath", "cpuLimit", "memoryLimit"] as const) {
      if (c[key] !== undefined) issues.push({ path: `${at}.${key}`, message: `a ${template.construct} takes no ${key}; leave it out` });
    }
  }
  if (template.construct !== "Service") {
    for (const key of ["port", "public", "healthPath"] as const) {
      if (c[key] !== undefined && WORKLOADS.includes(template.construct)) issues.push({ path: `${at}.${key}`, message: `a ${template.construct} has no ${key}; leave it out` });
    }
  }
  if (!template.ownImage && template.defaults.image === undefined && WORKLOADS.includes(template.construct) && c.image === undefined) {
    issues.push({ path: `${at}.image`, message: `template ${template.name} needs an image` });
  }
  const unpinned = c.image === undefined ? undefined : unpinnedImage(c.image);
  if (unpinned !== undefined && WORKLOADS.includes(template.construct)) {
    const own = template.defaults.image === undefined ? "" : ` or leave image out to run the template's ${template.defaults.image}`;
    issues.push({ path: `${at}.image`, message: `"${c.image}" ${unpinned}; name a version tag or digest (e.g. "${c.image!.replace(/:latest$/, "")}:1.2.3")${own}` });
  }
  for (const key of Object.keys(c.env ?? {})) {
    if (SECRET_ENV.test(key)) issues.push({ path: `${at}.env.${key}`, message: "looks like a secret; never put credentials in env (connections provide them from Secrets): leave it out" });
  }
  const port = c.port ?? template.defaults.port;
  if ((c.public === true || c.healthPath !== undefined) && port === undefined) issues.push({ path: `${at}.port`, message: "a public service or an HTTP health check needs a port" });
  return issues;
}

/** `["components", 1, "id"]` → `components[1].id`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "(answer)";
}
