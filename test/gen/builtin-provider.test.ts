/** The builtin provider: what it understands from prose, offline and deterministically. */
import { describe, expect, it } from "vitest";
import { builtinSlots } from "../../src/gen/builtin/builtin-provider.js";
import { checkSlots } from "../../src/gen/check-slots.js";

const templatesOf = (prose: string) => builtinSlots(prose).components.map((c) => c.template);
const edges = (prose: string) => builtinSlots(prose).connections.map((c) => `${c.from}->${c.to}${c.access ? `:${c.access}` : ""}`);

describe("builtin provider", () => {
  it("understands the issue's example: Django, Postgres, Redis, nginx, wired proxy → web → stores", () => {
    const slots = builtinSlots("a Django app with Postgres and Redis behind nginx");
    expect(slots.app).toBe("django-app");
    expect(slots.components).toEqual([
      { id: "web", template: "python-django" },
      { id: "db", template: "postgres" },
      { id: "cache", template: "redis" },
      { id: "proxy", template: "nginx-proxy" },
    ]);
    expect(edges("a Django app with Postgres and Redis behind nginx")).toEqual(["proxy->web", "web->db", "web->cache"]);
    expect(checkSlots(slots).ok).toBe(true);
  });

  it("is deterministic: the same prose gives the same slots", () => {
    const prose = "A React front end, an Express API, MongoDB, a worker consuming a queue, and a nightly cron job";
    expect(JSON.stringify(builtinSlots(prose))).toBe(JSON.stringify(builtinSlots(prose)));
  });

  it("names runtimes, front ends, stores, queues, buckets, workers and cron jobs", () => {
    expect(templatesOf("A React front end, an Express API, MongoDB, a worker consuming a queue, S3 uploads and a nightly cron job").sort()).toEqual(
      ["bucket", "cron-job", "mongodb", "node-express", "queue", "static-react", "worker"].sort(),
    );
    expect(templatesOf("Go server with a Nginx proxy and a MariaDB/MySQL database")).toEqual(["go-web", "nginx-proxy", "mysql"]);
    expect(templatesOf("Elasticsearch, Logstash, and Kibana (ELK)")).toEqual(["elasticsearch", "logstash", "kibana"]);
  });

  it("gives workers consume access and web services send access to a queue", () => {
    expect(edges("a FastAPI service and a worker sharing a RabbitMQ queue")).toEqual(["api->queue:send", "worker->queue:consume"]);
  });

  it("uses a generic template only when nothing more specific of its kind is named", () => {
    expect(templatesOf("a Spring Boot backend with a Postgres database")).toEqual(["java-spring", "postgres"]);
    expect(templatesOf("a backend API with a database")).toEqual(["web-service", "postgres"]);
    expect(templatesOf("a Traefik reverse proxy in front of a Rust service")).toEqual(["traefik-proxy", "rust-web"]);
  });

  it("does not read words inside other words (java in javascript, go in google)", () => {
    expect(templatesOf("a javascript widget from google")).toEqual([]);
  });

  it("makes the proxy public, else the front end, else the web service", () => {
    const pub = (prose: string) => builtinSlots(prose).components.filter((c) => c.public ?? ["nginx-proxy", "static-react"].includes(c.template)).map((c) => c.id);
    expect(pub("Flask behind nginx")).toEqual(["proxy"]);
    expect(builtinSlots("a Flask API").components[0]).toEqual({ id: "web", template: "python-flask", public: true });
  });

  it("picks ids that the file does not use yet, and wires new parts to existing ones", () => {
    const slots = builtinSlots("add a Redis cache", [{ id: "cache", className: "Redis" }, { id: "web", className: "Service", variable: "web" }]);
    expect(slots.components).toEqual([{ id: "redis", template: "redis" }]);
    expect(slots.connections).toEqual([{ from: "web", to: "redis" }]);
  });

  it("takes the app's name from 'called …'", () => {
    expect(builtinSlots('an app called "Pet Store" with Flask and Postgres').app).toBe("pet-store");
  });

  it("reads a generic word used as a role as no part of its own", () => {
    expect(templatesOf("a Python Flask app for the frontend and Redis as a data store")).toEqual(["python-flask", "redis"]);
  });

  it("expands stack acronyms: MERN, PERN, LAMP, ELK", () => {
    expect(templatesOf("a MERN stack voting app").sort()).toEqual(["mongodb", "node-express", "static-react"]);
    expect(templatesOf("a LAMP server").sort()).toEqual(["mysql", "php-apache"]);
  });

  it("lets nginx or traefik be the front, and a lone front end keep its own nginx", () => {
    expect(templatesOf("the frontend service runs Traefik in front of a Go backend")).toEqual(["traefik-proxy", "go-web"]);
    expect(templatesOf("a React application with nginx")).toEqual(["static-react"]);
  });

  it("takes a scheduled function for the cron job itself, and other serverless functions for workers", () => {
    expect(templatesOf("a Lambda that runs every 5 minutes and writes to S3").sort()).toEqual(["bucket", "cron-job"]);
    expect(templatesOf("serverless functions that process uploads in an S3 bucket").sort()).toEqual(["bucket", "worker"]);
  });
});
