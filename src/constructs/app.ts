/** The root of a skyweave app: every service, resource and target is a child of one `App`. */
import { Construct } from "constructs";
import { InputError } from "../errors.js";
import { DNS_LABEL } from "./schemas.js";

const APP_BRAND = Symbol.for("skyweave.app");

/**
 * Namespaces every Kubernetes cluster has. The app's name is its namespace, and the stack
 * labels it (Pod Security, network policy), so an app with one of these names would relabel a
 * system namespace. Kubernetes also keeps the `kube-` prefix for itself.
 */
export const RESERVED_APP_NAMES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** True for a name an app may not take: a system namespace or a `kube-` name. */
export function isReservedAppName(name: string): boolean {
  return RESERVED_APP_NAMES.includes(name) || name.startsWith("kube-");
}

/**
 * An application. Its name names the output: `skyweave synth` writes `stacks/<name>/`, and
 * the Kubernetes namespace and Pulumi project are called after it.
 *
 * ```ts
 * const app = new App("shop");
 * // ... declare services, resources and targets with `app` as their scope
 * export default app;
 * ```
 */
export class App extends Construct {
  /** The app's name, a DNS label. */
  readonly name: string;

  /**
   * @param name a lower-case DNS label such as `shop`: letters, digits and dashes; not
   *   `default` and not starting with `kube-` (Kubernetes' own namespaces).
   */
  constructor(name: string) {
    if (typeof name !== "string" || !DNS_LABEL.test(name)) {
      throw new InputError(`invalid app name ${JSON.stringify(name)}`, {
        where: "App",
        fix: 'name the app with a lower-case DNS label of at most 63 characters, such as "shop" or "my-app".',
      });
    }
    if (isReservedAppName(name)) {
      const other = name.startsWith("kube-") && name.length > 5 ? name.slice(5) : `${name}-app`;
      throw new InputError(`app name "${name}" is reserved: the app's name is its Kubernetes namespace, and ${JSON.stringify(name)} ${RESERVED_APP_NAMES.includes(name) ? "is a system namespace" : 'starts with "kube-", which Kubernetes keeps for itself'}`, {
        where: "App",
        fix: `name the app something else, such as "${other}" or "my-app".`,
      });
    }
    super(undefined as unknown as Construct, name);
    this.name = name;
    Object.defineProperty(this, APP_BRAND, { value: true });
  }

  /** True for any `App`, also one made by another copy of the library. */
  static isApp(x: unknown): x is App {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[APP_BRAND] === true;
  }
}
