/**
 * A whole Compose file onto slots: one component per service, connections from `depends_on`,
 * `links` and environment values that name another service, and a warning for every key that
 * does not carry over. Top-level keys get theirs too.
 */
import * as path from "node:path";
import { defaultEnvPrefix } from "../../constructs/connection.js";
import { checkSlots } from "../check-slots.js";
import { visibleText } from "../../code-text.js";
import { placeholderImage } from "../construct-specs.js";
import type { AppSlots, ConnectionSlots } from "../slots.js";
import { isDistinctive, redact, secretFields } from "./find-secrets.js";
import type { ImportWarning } from "./import-warning.js";
import { mapService, secretValues, type MappedService } from "./map-service.js";
import { readCompose } from "./read-compose.js";

/** Slots, TODO notes by component id, and the warnings. */
export interface ComposeImport {
  readonly slots: AppSlots;
  readonly notes: ReadonlyMap<string, readonly string[]>;
  readonly warnings: readonly ImportWarning[];
  /** Compose service name → construct id. */
  readonly ids: ReadonlyMap<string, string>;
}

/** Suffixes of the variables a connection sets (a workload's own env must not repeat them). */
const CONNECTION_VARIABLES = ["HOST", "PORT", "ADDR", "NAME", "USER", "PASSWORD", "URL", "TOKEN", "ENDPOINT", "BUCKET", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY"];

/** A DNS label from any name: `My_App.v2` → `my-app-v2`. */
export function dnsLabel(name: string, fallback: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+/, "").slice(0, 63).replace(/-+$/, "");
  return slug === "" ? fallback : slug;
}

/** Which Compose key a slot field came from, for warnings about it. */
const COMPOSE_KEY: Readonly<Record<string, string>> = { image: "image", command: "entrypoint", args: "command", env: "environment", healthPath: "healthcheck", volumePath: "volumes" };

/**
 * Reads `file` and maps it onto slots. No secret-looking value of the file reaches the result:
 * slot fields holding one are left out (with a warning), and warnings and notes are redacted
 * and written on one visible line.
 */
export function composeToSlots(file: string): ComposeImport {
  const compose = readCompose(file);
  const secrets = secretValues(compose);
  // Any secret value drops an env value that contains it; only distinctive ones are searched for in other text.
  const distinctive = new Set([...secrets].filter(isDistinctive));
  const warnings: ImportWarning[] = [];
  const warn = (p: (string | number)[], message: string): void => void warnings.push({ where: visibleText(redact(compose.where(p), distinctive)), message: visibleText(redact(message, distinctive)) });
  const app = dnsLabel(typeof compose.data.name === "string" ? compose.data.name : path.basename(compose.dir), "app");
  const services = compose.data.services as Record<string, unknown>;
  const names = Object.keys(services);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = dnsLabel(name, "service");
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base.slice(0, 62 - String(n).length).replace(/-+$/, "")}-${n}`;
    if (id !== name) warn(["services", name], `construct ids are DNS labels: "${name}" becomes "${id}"`);
    used.add(id);
    ids.set(name, id);
  }
  const mapped = names.map((name) => mapService(compose, app, name, ids.get(name)!, new Set(names), secrets, warn));
  for (const m of mapped) dropSecrets(m, app, distinctive, warn);
  const byName = new Map(mapped.map((m) => [m.name, m]));
  const connections: ConnectionSlots[] = [];
  for (const from of mapped) {
    const targets = [...from.dependsOn.map((d) => [d, ["services", from.name, "depends_on", d]] as const), ...from.envHosts.map(([k, d]) => [d, ["services", from.name, "environment", k]] as const)];
    for (const [name, where] of targets) {
      const to = byName.get(name);
      if (to === undefined) { warn([...where], `no service "${name}" in this file`); continue; }
      if (connections.some((c) => c.from === from.component.id && c.to === to.component.id)) continue;
      const problem = connectProblem(from, to);
      if (problem) { warn([...where], problem); continue; }
      connections.push({ from: from.component.id, to: to.component.id });
      dropConnectionEnv(from, to.component.id, (k) => warn(["services", from.name, "environment", k], `${k} is set by the connection to ${to.component.id}; the Compose value is dropped`));
    }
  }
  // A workload that shares a Compose secret with a database reads that database's password: it uses it.
  for (const from of mapped) {
    for (const to of mapped) {
      if (from === to || !STORE_CONSTRUCTS.has(to.template.construct) || connections.some((c) => c.from === from.component.id && c.to === to.component.id)) continue;
      const shared = secretNames(services[from.name]).filter((n) => secretNames(services[to.name]).includes(n));
      if (shared.length === 0 || connectProblem(from, to) !== undefined) continue;
      connections.push({ from: from.component.id, to: to.component.id });
      warn(["services", from.name, "secrets"], `shares ${shared.join(", ")} with ${to.name}: connected to ${to.component.id}, whose password the connection provides`);
    }
  }
  for (const [key, value] of Object.entries(compose.data)) topLevel(key, value, warn);
  const slots: AppSlots = { app, components: mapped.map((m) => m.component), connections };
  const check = checkSlots(slots);
  if (!check.ok) throw new Error(`compose import produced invalid slots: ${check.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  const notes = new Map(mapped.filter((m) => m.notes.length > 0).map((m) => [m.component.id, m.notes.map((n) => redact(n, distinctive))]));
  return { slots: check.slots, notes, warnings, ids };
}

/** Leaves out every slot field of `m` that holds a secret (an image becomes the placeholder), with a warning and a TODO. */
function dropSecrets(m: MappedService, app: string, secrets: ReadonlySet<string>, warn: (p: (string | number)[], message: string) => void): void {
  const component = m.component as Record<string, unknown>;
  for (const field of secretFields(component, secrets)) {
    const [key, variable] = field.split(".", 2) as [string, string | undefined];
    const where = ["services", m.name, COMPOSE_KEY[key] ?? key, ...(variable === undefined ? [] : [variable])];
    if (variable !== undefined) {
      const env = component[key] as Record<string, string>;
      delete env[variable];
      if (Object.keys(env).length === 0) delete component[key];
      warn(where, `${variable} looks like a secret and is not copied in plain text; connections give passwords from Secrets (e.g. <DB>_PASSWORD), or add your own Secret`);
      continue;
    }
    if (key === "image") component.image = placeholderImage(app, m.component.id);
    else delete component[key];
    warn(where, `contains a secret, which is not copied in plain text${key === "image" ? "; a placeholder image is used" : `; ${key} is left out: set it in app.ts, reading the secret from a Secret`}`);
    m.notes.push(`TODO: the Compose ${COMPOSE_KEY[key] ?? key} of this service contains a secret and was left out; set ${key} here, reading the secret from a Secret.`);
  }
}

/** Constructs whose password a connection hands over. */
const STORE_CONSTRUCTS = new Set(["Postgres", "MySql", "Redis"]);

/** The secret names a service lists (short or long syntax). */
function secretNames(service: unknown): string[] {
  const secrets = (service as { secrets?: unknown } | null)?.secrets;
  return Array.isArray(secrets) ? secrets.map((s) => (typeof s === "object" && s !== null ? String((s as { source?: unknown }).source) : String(s))) : [];
}

function connectProblem(from: MappedService, to: MappedService): string | undefined {
  if (!["Service", "Worker", "CronJob"].includes(from.template.construct)) return `${from.component.id} becomes a ${from.template.construct}, which does not connect to others; dependency dropped`;
  if (from.component.id === to.component.id) return "a service cannot depend on itself";
  if (["Worker", "CronJob"].includes(to.template.construct)) return `${to.component.id} has no port to connect to; dependency dropped (Kubernetes starts everything at once)`;
  if (to.template.construct === "Service" && (to.component.port ?? to.template.defaults.port) === undefined) return `${to.component.id} has no port (no ports or expose) to connect to; dependency dropped`;
  return undefined;
}

function dropConnectionEnv(from: MappedService, toId: string, warn: (key: string) => void): void {
  const env = from.component.env;
  if (env === undefined) return;
  const prefix = defaultEnvPrefix(toId);
  for (const suffix of CONNECTION_VARIABLES) {
    const key = `${prefix}_${suffix}`;
    if (key in env) { delete env[key]; warn(key); }
  }
  if (Object.keys(env).length === 0) delete from.component.env;
}

function topLevel(key: string, value: unknown, warn: (p: (string | number)[], m: string) => void): void {
  const entries = value && typeof value === "object" ? Object.entries(value as Record<string, unknown>) : [];
  switch (key) {
    case "services":
    case "name":
      return;
    case "version":
      return warn([key], "obsolete in the Compose spec; ignored");
    case "volumes":
      for (const [name, spec] of entries) if (spec && typeof spec === "object" && Object.keys(spec).length > 0) warn([key, name], "volume drivers and options are not expressible; a disk per replica is used");
      return;
    case "networks":
      for (const [name] of entries) warn([key, name], "network policy follows connections instead; ignored");
      return;
    case "secrets":
      for (const [name] of entries) warn([key, name], "Compose secrets are not read (skyweave generates passwords for its databases); put other secrets in a Secret yourself");
      return;
    case "configs":
      for (const [name] of entries) warn([key, name], "configs are not read; put the files in the image");
      return;
    default:
      return warn([key], key.startsWith("x-") ? "extension fields are not read; ignored" : "not expressible in skyweave; ignored");
  }
}
