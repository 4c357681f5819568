/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schema, offline, with the
 * validators `kubernetes-models` generates from it (one model class per apiVersion + kind).
 *
 * Three things fail an object: a kind this file has no schema for (never a silent pass); a
 * schema violation (wrong type, missing required field, bad quantity…); and a field the
 * schema does not know (a typo such as `imagee`, which the API server rejects under strict
 * field validation and kubectl warns about). The schema validators do not report unknown
 * fields, so they are found by recording which fields the validator reads: a field of an
 * object whose known fields the validator looked up, that it never looked up itself, is
 * not in the schema. Free-form objects (whose fields the validator never reads) are skipped.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";

import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Endpoints } from "kubernetes-models/v1/Endpoints";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ReplicaSet } from "kubernetes-models/apps/v1/ReplicaSet";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { HorizontalPodAutoscaler as HorizontalPodAutoscalerV1 } from "kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";

/** A model class of kubernetes-models: its apiVersion and kind, and the schema validator on its prototype. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(this: unknown): void };
}

const MODELS: readonly ModelClass[] = [
  ConfigMap, Endpoints, LimitRange, Namespace, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount,
  DaemonSet, Deployment, ReplicaSet, StatefulSet,
  CronJob, Job,
  HorizontalPodAutoscalerV1, HorizontalPodAutoscaler,
  PodDisruptionBudget,
  Ingress, IngressClass, NetworkPolicy,
  ClusterRole, ClusterRoleBinding, Role, RoleBinding,
  StorageClass, PriorityClass,
];

/** `apiVersion/kind` → model class, for every kind the validator knows. */
const BY_TYPE = new Map<string, ModelClass>(MODELS.map((m) => [`${m.apiVersion}/${m.kind}`, m]));

/** The `apiVersion/kind` pairs the validator has a schema for, sorted. */
export const KNOWN_KINDS: readonly string[] = [...BY_TYPE.keys()].sort();

/** A Kubernetes object to validate, with where it came from. */
export interface ManifestObject {
  /** The file it was read from (or any label), for messages. */
  readonly file: string;
  /** The index of the YAML document in the file. */
  readonly index?: number;
  /** The parsed object. */
  readonly object: unknown;
}

/** One validation failure. */
export interface ManifestFailure {
  readonly file: string;
  /** `apiVersion/kind` as written, e.g. `apps/v1/Deployment` (`?` when missing). */
  readonly kind: string;
  /** `metadata.name` (`?` when missing). */
  readonly name: string;
  /** What is wrong, with the JSON path of the field (e.g. `/spec/replicas must be integer`). */
  readonly message: string;
}

/** Options of `validateManifestObjects()`. */
export interface ValidateOptions {
  /** Report fields the schema does not know. Default true. */
  readonly unknownFields?: boolean;
}

/** Validates every object; returns the failures (empty when all are valid). */
export function validateManifestObjects(objects: readonly ManifestObject[], options: ValidateOptions = {}): ManifestFailure[] {
  return objects.flatMap((o) => validateManifestObject(o, options));
}

/** Validates one object. */
export function validateManifestObject({ file, index, object }: ManifestObject, options: ValidateOptions = {}): ManifestFailure[] {
  const where = index === undefined ? file : `${file}#${index}`;
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return [{ file: where, kind: "?", name: "?", message: `not a Kubernetes object (a ${object === null ? "null" : Array.isArray(object) ? "list" : typeof object})` }];
  }
  const record = object as Record<string, unknown>;
  const metadata = (record["metadata"] ?? {}) as Record<string, unknown>;
  const apiVersion = typeof record["apiVersion"] === "string" ? record["apiVersion"] : undefined;
  const kind = typeof record["kind"] === "string" ? record["kind"] : undefined;
  const failure = (message: string): ManifestFailure => ({
    file: where,
    kind: `${apiVersion ?? "?"}/${kind ?? "?"}`,
    name: typeof metadata["name"] === "string" ? metadata["name"] : "?",
    message,
  });
  if (apiVersion === undefined || kind === undefined) return [failure("missing apiVersion or kind")];
  const model = BY_TYPE.get(`${apiVersion}/${kind}`);
  if (model === undefined) {
    return [failure(`no schema for apiVersion ${apiVersion}, kind ${kind}: unknown to the validator (it knows ${KNOWN_KINDS.join(", ")})`)];
  }
  const failures: ManifestFailure[] = [];
  try {
    // The model's validator, run on the object as it is (constructing a model would only copy it).
    model.prototype.validate.call(record);
  } catch (error) {
    failures.push(failure(schemaMessage(error)));
  }
  // The API server requires a name (the schema does not), and a DNS subdomain at that.
  const name = metadata["name"];
  if (typeof name !== "string" || name === "") failures.push(failure("/metadata/name is required"));
  else if (name.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    failures.push(failure(`/metadata/name ${JSON.stringify(name)} is not a lower-case DNS subdomain`));
  }
  if (options.unknownFields !== false) {
    for (const field of unknownFields(model, record)) failures.push(failure(`${field} is not a field of ${apiVersion} ${kind} (unknown field)`));
  }
  return failures;
}

function schemaMessage(error: unknown): string {
  const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fields the schema does not know: runs the model's validator on a copy of the object whose
 * every nested object records the fields read from it.
 */
function unknownFields(model: ModelClass, object: Record<string, unknown>): string[] {
  const reads = new Map<string, Set<string>>();
  const tracked = track(object, "", reads);
  try {
    model.prototype.validate.call(tracked);
  } catch {
    // schema errors are reported by the plain validation
  }
  const unknown: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== "object") return;
    const keys = Object.keys(value);
    if (!Array.isArray(value)) {
      const read = reads.get(at) ?? new Set<string>();
      // An object none of whose fields were read is free-form (or sits under a schema error): skip it.
      if (keys.some((k) => read.has(k))) for (const k of keys) if (!read.has(k)) unknown.push(`${at}/${k}`);
    }
    for (const k of keys) walk((value as Record<string, unknown>)[k], `${at}/${k}`);
  };
  walk(object, "");
  return unknown;
}

function track(value: unknown, at: string, reads: Map<string, Set<string>>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v, i) => track(v, `${at}/${i}`, reads));
  const read = new Set<string>();
  reads.set(at, read);
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, track(v, `${at}/${k}`, reads)]));
  return new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Every object of every `*.yaml`/`*.yml` file under `<stackDir>/manifests/`, in path order. */
export function readManifests(stackDir: string): ManifestObject[] {
  const root = path.join(stackDir, "manifests");
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.ya?ml$/.test(entry)) files.push(full);
    }
  };
  if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) visit(root);
  return files.flatMap((file) => readManifestFile(file, path.relative(stackDir, file)));
}

/** The objects of one multi-document YAML file; empty documents are skipped, a parse error throws. */
export function readManifestFile(file: string, label = file): ManifestObject[] {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  const objects: ManifestObject[] = [];
  documents.forEach((doc, index) => {
    if (doc.errors.length > 0) throw new Error(`${label}: YAML document ${index} does not parse: ${doc.errors.map((e) => e.message).join("; ")}`);
    const object: unknown = doc.toJSON();
    if (object !== null && object !== undefined) objects.push({ file: label, index, object });
  });
  return objects;
}

/** A failure as one line. */
export function formatFailure(f: ManifestFailure): string {
  return `${f.file}: ${f.kind} ${f.name}: ${f.message}`;
}
