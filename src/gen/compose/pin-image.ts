/**
 * An image a Compose service names without a version (untagged, or `:latest`) onto one the
 * policy rule `k8s/image-tag` accepts: the template's own pinned image when it is the same
 * repository (`mongo` → `mongo:7.0.14`), else a placeholder the user is told to fill. Either way
 * a warning and a TODO in app.ts say what was there and what to check.
 */
import { unpinnedImage } from "../../policy/k8s/rules/container-hygiene.js";
import { placeholderImage } from "../construct-specs.js";
import type { Template } from "../templates.js";
import { parseImage } from "./classify-service.js";

/** What an image became: the image to write, and (when it changed) why, for the warning and the TODO. */
export interface PinnedImage {
  readonly image: string;
  /** Set when the image was changed: the warning for the import's report. */
  readonly warning?: string;
  /** Set when the image was changed: the TODO written above the construct. */
  readonly note?: string;
}

/** True when two image references name the same repository, whatever the registry prefix or tag. */
export function sameRepository(a: string, b: string): boolean {
  return parseImage(a).repository.toLowerCase() === parseImage(b).repository.toLowerCase();
}

/**
 * `image` unchanged when it is pinned (a version tag or a digest); otherwise the template's
 * default image when that is the same repository and pinned, else `placeholderImage(app, id)`.
 * `builtFrom` is the service's `build:` context, when it has one (the image is then its own).
 */
export function pinImage(image: string, template: Template, app: string, id: string, builtFrom?: string): PinnedImage {
  const why = unpinnedImage(image);
  if (why === undefined) return { image };
  const what = why.startsWith("has no tag") ? "has no tag" : "is tagged :latest";
  const own = template.defaults.image;
  const repository = image.split("@")[0]!.replace(/:latest$/, "");
  if (builtFrom !== undefined) {
    return {
      image: placeholderImage(app, id),
      warning: `image \`${image}\` ${what} and is built from ./${builtFrom}; a placeholder image is in app.ts: build and push it with a version tag (e.g. ${repository}:<version>) and put that there`,
      note: `TODO: build ./${builtFrom}, push it with a version tag (e.g. ${repository}:<version>; it was \`${image}\` in Compose, which ${what}) and put its reference here.`,
    };
  }
  if (own !== undefined && unpinnedImage(own) === undefined && sameRepository(image, own)) {
    return {
      image: own,
      warning: `image \`${image}\` ${what}; pinned to ${own}, the ${template.name} template's version; check it matches what you run`,
      note: `TODO: \`${image}\` ${what} in Compose; pinned to ${own} (the ${template.name} template's version): check it matches what you run.`,
    };
  }
  const other = own === undefined ? "" : ` (the ${template.name} template runs ${own}, a different image; it is not swapped in silently)`;
  return {
    image: placeholderImage(app, id),
    warning: `image \`${image}\` ${what} and no template pins that repository${other}; a placeholder image is in app.ts: put the pinned version you run there, e.g. ${repository}:<version>`,
    note: `TODO: \`${image}\` ${what} in Compose (every node could run a different version); put the pinned version you run here, e.g. ${repository}:<version>.`,
  };
}
