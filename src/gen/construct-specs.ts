/**
 * From checked slots to construct specs: the class, id and props of every construct the
 * renderer writes, with the template's defaults filled in and a placeholder image (and a TODO
 * for the user) where the image is the user's own code.
 */
import type { AppSlots, ComponentSlots } from "./slots.js";
import { loadTemplates, type Category, type ConstructClass, type Template } from "./templates.js";

/** A construct to write: `new <className>(app, "<id>", <props>)`. */
export interface ConstructSpec {
  readonly id: string;
  readonly className: ConstructClass;
  /** Props in the order they are written; undefined values are left out. */
  readonly props: Record<string, unknown>;
  readonly template: string;
  readonly category: Category;
  /** Lines of `// ` comments written above the construct (TODOs for the user). */
  readonly notes: readonly string[];
}

/** A connection to write: `<from>.connect(<to>[, "<access>"])`. */
export interface ConnectionSpec {
  readonly from: string;
  readonly to: string;
  readonly access?: string;
}

/** The image written for a component built from the user's own code. */
export function placeholderImage(app: string, id: string): string {
  return `registry.example.com/${app}/${id}:0.1.0`;
}

/** Resolves every component of `slots` against its template. Slots must have passed `checkSlots`. */
export function constructSpecs(slots: AppSlots, notes: ReadonlyMap<string, readonly string[]> = new Map()): ConstructSpec[] {
  const templates = loadTemplates();
  return slots.components.map((c) => specOf(slots.app, c, templates.get(c.template)!, [...(notes.get(c.id) ?? [])]));
}

function specOf(app: string, c: ComponentSlots, t: Template, notes: string[]): ConstructSpec {
  const d = t.defaults;
  const base = { id: c.id, className: t.construct, template: t.name, category: t.category, notes };
  switch (t.construct) {
    case "Postgres":
    case "MySql":
    case "Redis":
      return { ...base, props: { version: c.version ?? d.version, storageGiB: c.storageGiB, cpu: c.cpu, memory: c.memory } };
    case "Queue":
      return { ...base, props: { cpu: c.cpu, memory: c.memory } };
    case "Bucket":
      return { ...base, props: { storageGiB: c.storageGiB, cpu: c.cpu, memory: c.memory } };
    default:
      break;
  }
  let image = c.image ?? d.image;
  if (image === undefined) {
    image = placeholderImage(app, c.id);
    notes.push(`TODO: build the image of "${c.id}" (${t.summary.replace(/\.$/, "")}) and put its reference here.`);
  }
  const workload = {
    image,
    cpu: c.cpu ?? d.cpu,
    memory: c.memory ?? d.memory,
    cpuLimit: c.cpuLimit,
    memoryLimit: c.memoryLimit,
    env: c.env === undefined && d.env === undefined ? undefined : { ...d.env, ...c.env },
    command: c.command,
    args: c.args,
    // The user id belongs to the template's own image (or recipe); an image brought in by `import` keeps the default.
    runAsUser: c.image === undefined ? d.runAsUser : undefined,
    readOnlyRootFilesystem: d.readOnlyRootFilesystem,
  };
  if (t.construct === "Worker") return { ...base, props: { ...workload, replicas: c.replicas } };
  if (t.construct === "CronJob") return { ...base, props: { ...workload, schedule: c.schedule ?? d.schedule } };
  const port = c.port ?? d.port;
  const healthPath = c.healthPath ?? (c.image === undefined ? d.healthPath : undefined);
  const volumePath = c.volumePath ?? d.volume?.path;
  const volume = volumePath === undefined ? undefined : { path: volumePath, sizeGiB: c.storageGiB ?? d.volume?.sizeGiB ?? 10 };
  return {
    ...base,
    props: {
      image: workload.image,
      port,
      public: (c.public ?? d.public) || undefined,
      replicas: c.replicas,
      cpu: workload.cpu,
      memory: workload.memory,
      cpuLimit: workload.cpuLimit,
      memoryLimit: workload.memoryLimit,
      env: workload.env,
      command: workload.command,
      args: workload.args,
      healthCheck: healthPath !== undefined && port !== undefined ? { protocol: "http", path: healthPath } : undefined,
      volume,
      runAsUser: workload.runAsUser,
      readOnlyRootFilesystem: workload.readOnlyRootFilesystem,
    },
  };
}
