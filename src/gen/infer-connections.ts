/**
 * Who uses whom, when nobody said: the usual wiring of a web app. A proxy fronts the web
 * services (or the front end when there are none); a front end calls the web services;
 * services, workers and cron jobs use the datastores, queues and buckets; Kibana and Logstash
 * use Elasticsearch; Grafana reads Prometheus.
 */
import type { ConnectionSlots } from "./slots.js";
import type { Category } from "./templates.js";

/** A part as the rules see it: its id and category. */
export interface Wirable {
  readonly id: string;
  readonly category: Category;
  /** The template's name, for the few rules about one product. */
  readonly template: string;
  /** False for parts already in the file (only new connections involving new parts are made). */
  readonly isNew: boolean;
}

const BACKENDS: readonly Category[] = ["web", "app"];
const USERS: readonly Category[] = ["web", "app", "worker", "cron"];
const STORES: readonly Category[] = ["postgres", "mysql", "redis", "mongodb", "search", "queue", "bucket"];

/** The connections the rules infer among `parts`, in a stable order. */
export function inferConnections(parts: readonly Wirable[]): ConnectionSlots[] {
  const out: ConnectionSlots[] = [];
  const add = (from: Wirable, to: Wirable, access?: ConnectionSlots["access"]): void => {
    if (from.id === to.id || (!from.isNew && !to.isNew)) return;
    if (out.some((c) => c.from === from.id && c.to === to.id)) return;
    out.push({ from: from.id, to: to.id, ...(access ? { access } : {}) });
  };
  const of = (...categories: Category[]) => parts.filter((p) => categories.includes(p.category));
  const backends = parts.filter((p) => BACKENDS.includes(p.category));
  for (const proxy of of("proxy")) {
    for (const target of backends.length > 0 ? backends : of("frontend")) add(proxy, target);
  }
  for (const frontend of of("frontend")) for (const backend of of("web")) add(frontend, backend);
  for (const user of parts.filter((p) => USERS.includes(p.category))) {
    for (const store of parts.filter((p) => STORES.includes(p.category))) {
      const access = store.category === "queue" ? (user.category === "worker" ? "consume" : "send") : undefined;
      add(user, store, access);
    }
  }
  const named = (name: string) => parts.filter((p) => p.template === name);
  for (const user of [...named("kibana"), ...named("logstash")]) for (const es of named("elasticsearch")) add(user, es);
  for (const grafana of named("grafana")) for (const prom of named("prometheus")) add(grafana, prom);
  return out;
}
