/** Templates: every template.json is valid, its default image is pinned, its example is a valid answer, and the builtin provider recognises it. */
import { describe, expect, it } from "vitest";
import { builtinSlots } from "../../src/gen/builtin/builtin-provider.js";
import { checkSlots } from "../../src/gen/check-slots.js";
import { unpinnedImage } from "../../src/policy/k8s/rules/container-hygiene.js";
import { CATEGORIES, loadTemplates } from "../../src/gen/templates.js";

const templates = [...loadTemplates().values()];

describe("templates", () => {
  it("cover the kinds real apps are made of", () => {
    const categories = new Set(templates.map((t) => t.category));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
    const names = templates.map((t) => t.name);
    for (const needed of ["node-express", "python-flask", "python-django", "python-fastapi", "go-web", "java-spring", "php-apache", "dotnet-aspnet", "rust-web", "static-react", "static-vue", "static-angular", "nginx-proxy", "traefik-proxy", "postgres", "mysql", "redis", "mongodb", "elasticsearch", "queue", "bucket", "prometheus", "grafana", "cron-job", "worker"]) {
      expect(names).toContain(needed);
    }
  });

  it.each(templates.map((t) => [t.name, t] as const))("%s: its example is a valid answer", (_name, t) => {
    expect(t.examples.length).toBeGreaterThan(0);
    for (const example of t.examples) {
      const check = checkSlots({ app: "example", components: [example.slots], connections: [] });
      expect(check.ok ? [] : check.issues).toEqual([]);
    }
  });

  it("pin every default image to a version, as synth's k8s/image-tag rule requires", () => {
    const withImage = templates.filter((t) => t.defaults.image !== undefined);
    expect(withImage.length).toBeGreaterThan(15);
    expect(withImage.filter((t) => unpinnedImage(t.defaults.image!) !== undefined).map((t) => `${t.name}: ${t.defaults.image}`)).toEqual([]);
  });

  it("give every workload an image: a pinned default, or the user's own (a placeholder and a TODO)", () => {
    const workloads = templates.filter((t) => ["Service", "Worker", "CronJob"].includes(t.construct));
    // `container` is the one template whose image the user must always name (checkSlots asks for it).
    expect(workloads.filter((t) => t.defaults.image === undefined && !t.ownImage).map((t) => t.name)).toEqual(["container"]);
  });

  it.each(templates.filter((t) => t.words.length > 0).map((t) => [t.name, t] as const))("%s: the builtin provider recognises its example prose", (_name, t) => {
    expect(builtinSlots(t.examples[0]!.prose).components.map((c) => c.template)).toContain(t.name);
  });
});
