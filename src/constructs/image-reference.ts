/**
 * Container image references, checked against the grammar every registry client uses:
 * github.com/distribution/reference `regexp.go` (`ReferenceRegexp`) and `reference.go`
 * (`NameTotalLengthMax` = 255, `ErrNameContainsUppercase`):
 *
 * ```
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [ domain "/" ] path-component [ "/" path-component ]*     (at most 255 characters)
 * domain           := ( domain-component [ "." domain-component ]* | "[" ipv6 "]" ) [ ":" port ]
 * domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * path-component   := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 * tag              := [\w][\w.-]{0,127}
 * digest           := algorithm ":" hex, algorithm [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*, hex [0-9a-fA-F]{32,}
 * ```
 */

const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

/** The whole reference, with the name, tag and digest captured. */
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The longest name (domain and path, without tag or digest) a reference may have. */
export const IMAGE_NAME_MAX_LENGTH = 255;

/** What is wrong with an image reference, and how to fix it. */
export interface ImageReferenceProblem {
  readonly problem: string;
  readonly fix: string;
}

const FORM = 'expected a container image such as "ghcr.io/acme/web:1.4.2", [registry[:port]/]name[:tag][@digest]';

/** Lower-cases the name part of a reference (everything before a tag or digest), keeping the tag. */
function lowerCaseName(image: string): string {
  const at = image.indexOf("@");
  const beforeDigest = at < 0 ? image : image.slice(0, at);
  const colon = beforeDigest.lastIndexOf(":");
  const nameEnd = colon > beforeDigest.lastIndexOf("/") ? colon : beforeDigest.length;
  return image.slice(0, nameEnd).toLowerCase() + image.slice(nameEnd);
}

/** What is wrong with `image` as a container image reference; undefined when it is one. */
export function imageReferenceProblem(image: string): ImageReferenceProblem | undefined {
  if (/\s/.test(image)) return { problem: "an image reference has no spaces", fix: 'remove the spaces, e.g. "nginx:1.27".' };
  const match = REFERENCE.exec(image);
  if (match) {
    const name = match[1]!;
    if (name.length > IMAGE_NAME_MAX_LENGTH) {
      return { problem: `the image name is ${name.length} characters long; at most ${IMAGE_NAME_MAX_LENGTH} are allowed`, fix: "use a shorter repository path." };
    }
    return undefined;
  }
  const lower = lowerCaseName(image);
  if (lower !== image && REFERENCE.test(lower)) {
    return { problem: `${FORM}, with a lower-case name`, fix: `image references are lowercase: "${lower}".` };
  }
  return {
    problem: `${FORM}: a lower-case name (letters and digits joined by ".", "_", "__" or "-"), a tag of at most 128 letters, digits, "_", "." and "-", a digest such as sha256:<hex>`,
    fix: 'image references are lowercase, with a tag of letters, digits, ".", "_" and "-": e.g. "nginx:1.27".',
  };
}
