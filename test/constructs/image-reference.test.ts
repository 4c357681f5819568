/**
 * Image references follow the grammar of github.com/distribution/reference: lower-case
 * repository paths, an optional registry with a port, a tag of up to 128 characters, a digest.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { imageReferenceProblem } from "../../src/constructs/image-reference.js";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

/** Every `"image"` default of the templates under templates/. */
function templateImages(): string[] {
  const images: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (key === "image" && typeof value === "string") images.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  const root = new URL("../../templates/", import.meta.url);
  for (const dir of readdirSync(root)) walk(JSON.parse(readFileSync(new URL(`${dir}/template.json`, root), "utf8")), "");
  return images;
}

describe("image references", () => {
  it.each([
    "nginx",
    "nginx:1.27",
    "x:1",
    "ghcr.io/acme/web:1.4.2",
    "docker.io/library/nginx:1.27-alpine",
    "localhost:5000/team/app:v1",
    "registry.example.com:443/a/b/c:latest",
    "[::1]:5000/app:1",
    "GHCR.io/acme/web:1",
    "my_org/my__app:1.0",
    "a--b/c.d:TAG_1.x",
    `nginx@${DIGEST}`,
    `nginx:1.27@${DIGEST}`,
    `nginx:${"t".repeat(128)}`,
  ])("accepts %s", (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  it.each([
    ["NGINX:@@@!!", "a lower-case name (letters and digits joined by"],
    ["nginx:-bad", "a tag of at most 128"],
    [`nginx:${"t".repeat(129)}`, "a tag of at most 128"],
    ["nginx::1", "[registry[:port]/]name[:tag][@digest]"],
    ["foo//bar:1", "[registry[:port]/]name[:tag][@digest]"],
    ["-nginx:1", "[registry[:port]/]name[:tag][@digest]"],
    ["nginx@sha256:abc", "a digest such as sha256:<hex>"],
    ["web:", "[registry[:port]/]name[:tag][@digest]"],
  ])("refuses %s", (image, part) => {
    expect(imageReferenceProblem(image)?.problem).toContain(part);
  });

  it("says an upper-case name is the only problem, with the lower-case reference as the fix", () => {
    expect(imageReferenceProblem("NGINX:1.27")).toEqual({
      problem: 'expected a container image such as "ghcr.io/acme/web:1.4.2", [registry[:port]/]name[:tag][@digest], with a lower-case name',
      fix: 'image references are lowercase: "nginx:1.27".',
    });
    expect(imageReferenceProblem("ghcr.io/Acme/Web:V1")?.fix).toBe('image references are lowercase: "ghcr.io/acme/web:V1".');
  });

  it("refuses a name longer than 255 characters", () => {
    expect(imageReferenceProblem(`${"a".repeat(256)}:1`)?.problem).toBe("the image name is 256 characters long; at most 255 are allowed");
    expect(imageReferenceProblem(`${"a".repeat(255)}:1`)).toBeUndefined();
  });

  it("refuses spaces", () => {
    expect(imageReferenceProblem("nginx: 1.27")?.problem).toBe("an image reference has no spaces");
  });

  it("accepts every template's default image", () => {
    const images = templateImages();
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) expect(imageReferenceProblem(image), image).toBeUndefined();
  });
});
