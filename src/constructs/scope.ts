/** Checks shared by every skyweave construct before it joins the tree. */
import { Construct } from "constructs";
import { InputError } from "../errors.js";
import { App } from "./app.js";
import { DNS_LABEL } from "./schemas.js";

/**
 * Checks that `scope` belongs to an `App`, that `id` is a DNS label (it becomes a
 * Kubernetes name and a host name), and that no sibling has the same id.
 */
export function requireAppScope(scope: Construct, id: string, kind: string): void {
  if (!(scope instanceof Construct) && !(typeof scope === "object" && scope !== null && "node" in scope)) {
    throw new InputError(`${kind} "${String(id)}" was given ${scope === undefined ? "no scope" : "a scope that is not a construct"}`, {
      where: kind,
      fix: `pass the App (or a construct inside it) as the first argument: new ${kind}(app, "${String(id)}", { ... }).`,
    });
  }
  const path = scope.node.path ? `${scope.node.path}/${id}` : String(id);
  if (!App.isApp(scope.node.root)) {
    throw new InputError(`${kind} is not inside an App`, {
      where: path,
      fix: `create it with the App (or a construct inside it) as its scope: new ${kind}(app, "${id}", { ... }).`,
    });
  }
  if (typeof id !== "string" || !DNS_LABEL.test(id)) {
    throw new InputError(`invalid id ${JSON.stringify(id)} for a ${kind}`, {
      where: path,
      fix: 'use a lower-case DNS label (letters, digits and dashes, starting with a letter, at most 63 characters), such as "web" or "redis-cart": it becomes a Kubernetes name and a host name.',
    });
  }
  if (scope.node.tryFindChild(id) !== undefined) {
    throw new InputError(`duplicate id "${id}": ${path} is already taken by another construct`, {
      where: path,
      fix: "give each construct in the same scope its own id.",
    });
  }
}
