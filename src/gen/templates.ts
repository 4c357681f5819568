/**
 * Templates: `templates/<name>/template.json`, shipped with the package. A template names the
 * construct it renders, the defaults it fills in, the words and images that recognise it, and
 * examples. Loaded and validated once per process.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";

/** What kind of part a template is; also the unit the quality bench scores. */
export const CATEGORIES = [
  "web", "frontend", "proxy", "postgres", "mysql", "redis", "mongodb", "search",
  "queue", "bucket", "monitoring", "worker", "cron", "app",
] as const;
/** A template's category. */
export type Category = (typeof CATEGORIES)[number];

/** The construct classes templates render. */
export const CONSTRUCTS = ["Service", "Worker", "CronJob", "Postgres", "MySql", "Redis", "Queue", "Bucket"] as const;
/** A construct class name. */
export type ConstructClass = (typeof CONSTRUCTS)[number];

const defaultsSchema = z.strictObject({
  image: z.string().optional(),
  port: z.number().int().optional(),
  servicePort: z.number().int().optional(),
  public: z.boolean().optional(),
  healthPath: z.string().optional(),
  volume: z.strictObject({ path: z.string(), sizeGiB: z.number() }).optional(),
  runAsUser: z.number().int().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  cpu: z.string().optional(),
  memory: z.string().optional(),
  version: z.string().optional(),
  schedule: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

/** The schema of a `template.json`. */
export const TemplateSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  summary: z.string().min(1),
  category: z.enum(CATEGORIES),
  construct: z.enum(CONSTRUCTS),
  defaultId: z.string(),
  /** True when the image is the user's own code: the renderer writes a placeholder and a TODO. */
  ownImage: z.boolean().default(false),
  defaults: defaultsSchema.default({}),
  /** Regular expressions (case-insensitive, whole words) that name this template in prose. */
  words: z.array(z.string()).default([]),
  /** Regular expressions on an image's repository name (`library/postgres` → `postgres`). */
  images: z.array(z.string()).default([]),
  examples: z.array(z.strictObject({ prose: z.string(), slots: z.record(z.string(), z.unknown()) })).default([]),
});
/** A loaded template. */
export type Template = z.infer<typeof TemplateSchema>;

/** The `templates/` folder of this package (next to `src/` and `dist/`). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../templates");

let cache: ReadonlyMap<string, Template> | undefined;

/** Every template by name, in name order. A broken template.json is an InputError naming it. */
export function loadTemplates(dir: string = TEMPLATES_DIR): ReadonlyMap<string, Template> {
  if (dir === TEMPLATES_DIR && cache !== undefined) return cache;
  const templates = new Map<string, Template>();
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, "template.json");
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new InputError(`cannot read template: ${(error as Error).message}`, { where: file, fix: "reinstall skyweave, or fix the template's JSON." });
    }
    const parsed = TemplateSchema.safeParse(raw);
    if (!parsed.success || parsed.data.name !== name) {
      const what = parsed.success ? `its name is "${parsed.data.name}", not the folder's "${name}"` : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new InputError(`invalid template: ${what}`, { where: file, fix: "fix the template.json." });
    }
    templates.set(name, parsed.data);
  }
  if (dir === TEMPLATES_DIR) cache = templates;
  return templates;
}
