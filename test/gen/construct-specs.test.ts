/** From slots to construct props: template defaults fill what the slots leave out. */
import { describe, expect, it } from "vitest";
import { constructSpecs } from "../../src/gen/construct-specs.js";

const spec = (component: Record<string, unknown>) => constructSpecs({ app: "a", components: [{ id: "x", ...component } as never], connections: [] })[0]!;

describe("constructSpecs", () => {
  it("uses the template's image with the user id and health check that belong to it", () => {
    expect(spec({ template: "nginx-proxy" }).props).toMatchObject({ image: "nginxinc/nginx-unprivileged:1.27.2", port: 8080, runAsUser: 101, healthCheck: { protocol: "http", path: "/" } });
  });

  it("keeps a given image without the template image's user id or health path", () => {
    const props = spec({ template: "nginx-proxy", image: "nginx:1.27", port: 80 }).props;
    expect(props).toMatchObject({ image: "nginx:1.27", port: 80 });
    expect(props.runAsUser).toBeUndefined();
    expect(props.healthCheck).toBeUndefined();
  });

  it("writes a placeholder image and a TODO for the user's own code", () => {
    const s = spec({ template: "python-django" });
    expect(s.props.image).toBe("registry.example.com/a/x:0.1.0");
    expect(s.notes[0]).toMatch(/^TODO: build the image of "x"/);
  });

  it("gives a stateful template its volume, sized by storageGiB, at volumePath when given", () => {
    expect(spec({ template: "mongodb" }).props.volume).toEqual({ path: "/data/db", sizeGiB: 20 });
    expect(spec({ template: "container", image: "x/y:1", volumePath: "/var/data", storageGiB: 5 }).props.volume).toEqual({ path: "/var/data", sizeGiB: 5 });
  });

  it("renders backing resources from their engine slots only", () => {
    expect(spec({ template: "postgres", storageGiB: 50 })).toMatchObject({ className: "Postgres", props: { version: "16", storageGiB: 50 } });
  });
});
