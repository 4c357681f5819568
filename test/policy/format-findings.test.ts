import { describe, expect, it } from "vitest";
import { formatFindings, type Finding } from "../../src/policy/index.js";

const finding = (path: string, rule: string): Finding => ({ rule, path, object: `manifests/main/${path.split("/")[1]}.yaml Deployment/x`, message: `${rule} is broken`, fix: "fix it" });

describe("formatFindings", () => {
  it("says there is nothing to report", () => {
    expect(formatFindings([])).toBe("no policy findings");
  });

  it("groups by construct path and counts", () => {
    expect(formatFindings([finding("a/web", "k8s/probes"), finding("a/web", "k8s/resources"), finding("a/db", "k8s/image-tag")])).toBe(
      [
        "a/web:",
        "  k8s/probes: manifests/main/web.yaml Deployment/x",
        "    k8s/probes is broken",
        "    fix: fix it",
        "  k8s/resources: manifests/main/web.yaml Deployment/x",
        "    k8s/resources is broken",
        "    fix: fix it",
        "",
        "a/db:",
        "  k8s/image-tag: manifests/main/db.yaml Deployment/x",
        "    k8s/image-tag is broken",
        "    fix: fix it",
        "",
        "3 policy findings in 2 parts",
      ].join("\n"),
    );
  });
});
