/**
 * A small app emitted through the real pipeline (toModel → place → emit), and helpers that
 * change one object of its manifests, so each rule's test starts from a stack that passes
 * every rule and breaks exactly one thing.
 */
import { parseAllDocuments, stringify } from "yaml";
import { App, CronJob, KubernetesCluster, Postgres, Service, Worker, emit, loadCatalog, place, toModel } from "../../src/index.js";
import type { StackUnderCheck } from "../../src/policy/index.js";

/** An object of a manifest, as mutable plain data. */
export type Obj = Record<string, any>;

let cached: Promise<StackUnderCheck> | undefined;

/** `weave`: a public service with 2–4 replicas connected to Postgres, a worker and a cron job. */
export function weaveStack(): Promise<StackUnderCheck> {
  cached ??= (async () => {
    const app = new App("weave");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    const db = new Postgres(app, "db");
    new Service(app, "web", { image: "ghcr.io/acme/web:1.4.2", port: 8080, public: true, replicas: { min: 2, max: 4 }, healthCheck: { protocol: "http", path: "/healthz" }, env: { LOG_LEVEL: "info" } }).connect(db);
    new Worker(app, "mailer", { image: "ghcr.io/acme/mailer:1.0.0" });
    new CronJob(app, "nightly", { image: "ghcr.io/acme/report:2.0.0", schedule: "0 3 * * *" }).connect(db);
    const model = toModel(app);
    const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
    return { model, placement, files: emit(model, placement) };
  })();
  return cached;
}

function objectsOf(yaml: string): Obj[] {
  return parseAllDocuments(yaml).map((d) => d.toJSON() as Obj);
}

function render(objects: readonly Obj[]): string {
  return objects.map((o) => stringify(o)).join("---\n");
}

/** The stack with `edit` applied to the object `Kind/name` of `file` (which must exist). */
export function editObject(stack: StackUnderCheck, file: string, ref: string, edit: (o: Obj) => void): StackUnderCheck {
  const contents = stack.files.get(file);
  if (contents === undefined) throw new Error(`no file ${file} in the stack`);
  const objects = objectsOf(contents);
  const object = objects.find((o) => `${o.kind}/${o.metadata?.name}` === ref);
  if (!object) throw new Error(`no ${ref} in ${file}`);
  edit(object);
  return { ...stack, files: new Map([...stack.files, [file, render(objects)]]) };
}

/** The stack without the objects of `file` that match `drop`. */
export function removeObjects(stack: StackUnderCheck, file: string, drop: (o: Obj) => boolean): StackUnderCheck {
  const objects = objectsOf(stack.files.get(file)!).filter((o) => !drop(o));
  return { ...stack, files: new Map([...stack.files, [file, render(objects)]]) };
}

/** The stack with `object` appended to `file` (created when missing). */
export function addObject(stack: StackUnderCheck, file: string, object: Obj): StackUnderCheck {
  const before = stack.files.get(file);
  return { ...stack, files: new Map([...stack.files, [file, render([...(before ? objectsOf(before) : []), object])]]) };
}

/** The pod spec of a workload object (Deployment, StatefulSet, CronJob). */
export function podSpec(o: Obj): Obj {
  return o.spec.template?.spec ?? o.spec.jobTemplate.spec.template.spec;
}

/** The first container of a workload object. */
export function firstContainer(o: Obj): Obj {
  return podSpec(o).containers[0];
}

/** The fix a rule gives for a setting skyweave writes itself on `path`'s objects. */
export function emitterFixOf(path: string, setting: string): string {
  return `skyweave writes ${setting} into the manifests of ${path}: if they were edited, run \`skyweave synth\` again; otherwise report this as a skyweave bug.`;
}
