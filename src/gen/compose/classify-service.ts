/**
 * Which template a Compose service is: by its image's repository name (`postgres`,
 * `bitnami/redis` → `redis`), else, for a `build:`-only service, by the words in its name and
 * build context (`frontend`, `flask-app`, `backend`), else a plain container.
 */
import { findMentions } from "../builtin/find-mentions.js";
import { ENGINE_VERSIONS } from "../check-slots.js";
import { loadTemplates, type Template } from "../templates.js";

/** An image split into repository path (no registry) and tag. */
export interface ImageRef {
  readonly repository: string;
  readonly tag: string | undefined;
}

/** `docker.io/library/postgres:16-alpine` → `{ repository: "library/postgres", tag: "16-alpine" }`. */
export function parseImage(image: string): ImageRef {
  const noDigest = image.split("@")[0]!;
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  const tag = colon > slash ? noDigest.slice(colon + 1) : undefined;
  let repository = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const first = repository.split("/")[0]!;
  if (repository.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")) repository = repository.slice(first.length + 1);
  return { repository: repository.replace(/^library\//, ""), tag };
}

/** The template of an image, or undefined when no template names it. */
export function templateForImage(image: string): Template | undefined {
  const { repository } = parseImage(image);
  const name = repository.toLowerCase();
  const last = name.split("/").pop()!;
  for (const template of loadTemplates().values()) {
    if (template.images.some((re) => new RegExp(re).test(name) || new RegExp(re).test(last))) return template;
  }
  return undefined;
}

/** The template of a service built from source, from the words of its name and build context. */
export function templateForBuild(name: string, context: string): Template {
  const words = `${name} ${context}`.replace(/[-_./]+/g, " ");
  const mentions = findMentions(words).filter((m) => m.template.category !== "postgres" || !/\bdb\b/.test(words) || /postgres/.test(words));
  const templates = loadTemplates();
  if (mentions.length > 0) return mentions[0]!.template;
  if (/\b(front|client|ui|www|site)\b/i.test(words)) return templates.get("static-site")!;
  if (/\b(worker|consumer|jobs?)\b/i.test(words)) return templates.get("worker")!;
  return templates.get("web-service")!;
}

/**
 * The engine version a backing construct runs for an image tag (`16.2-alpine` → `16`,
 * `8.0.27` → `8.0`), or undefined when the tag names none the construct accepts.
 */
export function engineVersion(construct: string, tag: string | undefined): string | undefined {
  const allowed = ENGINE_VERSIONS[construct as keyof typeof ENGINE_VERSIONS];
  if (allowed === undefined || tag === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (m === null) return undefined;
  const full = m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`;
  if (allowed.includes(full)) return full;
  if (allowed.includes(m[1]!)) return m[1]!;
  return undefined;
}

/** The template of an image no template names: a worker or cron job when its name says so, else a plain container. */
export function templateForUnknownImage(name: string): Template {
  const templates = loadTemplates();
  const words = name.replace(/[-_./]+/g, " ");
  const named = findMentions(words).find((m) => m.template.category === "worker" || m.template.category === "cron");
  return named?.template ?? templates.get("container")!;
}
