/**
 * Finds secrets written in plain text into an emitted stack: known secret values (the
 * passwords and kubeconfig a mocks run produced) anywhere in any file; a `password` key with
 * a literal value (YAML, JSON or TypeScript); and, in the Kubernetes manifests, Secrets with
 * data, secret-looking env vars set with `value:` instead of `valueFrom`, URLs with a literal
 * password, and literal values after `--requirepass`-style flags.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { MocksRun } from "./run-under-mocks.js";
import { readManifests } from "./validate-manifests.js";

/** One finding. */
export interface SecretFinding {
  /** Path relative to the stack directory. */
  readonly file: string;
  /** 1-based line, when the finding is in the text. */
  readonly line?: number;
  readonly message: string;
}

/** Every file under the stack directory (relative paths), skipping node_modules and dot-directories other than `.skyweave`. */
export function stackFiles(stackDir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const entry of readdirSync(path.join(stackDir, rel)).sort()) {
      const relPath = rel === "" ? entry : `${rel}/${entry}`;
      if (entry === "node_modules" || (entry.startsWith(".") && entry !== ".skyweave")) continue;
      if (statSync(path.join(stackDir, relPath)).isDirectory()) visit(relPath);
      else out.push(relPath);
    }
  };
  visit("");
  return out;
}

/** The secret values a mocks run saw: generated passwords, secret inputs (Secret `stringData`, kubeconfig) and secret config values. */
export function secretValuesOf(run: MocksRun): string[] {
  const values = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string") values.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const r of run.resources) {
    if (r.type === "random:index/randomPassword:RandomPassword") collect(r.outputs["result"]);
    for (const secretPath of r.secretPaths) collect(secretPath.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r.inputs));
  }
  for (const key of run.secretKeys) collect(run.config[key]);
  // Short strings (a "1" in a secret map) would match everywhere; real secrets are long.
  return [...values].filter((v) => v.length >= 8).sort();
}

const PASSWORD_KEY_YAML = /^[ \t]*(?:-[ \t]+)?["']?[\w.-]*password[\w.-]*["']?[ \t]*:[ \t]*([^\s{[#][^\n]*)$/gim;
const PASSWORD_KEY_CODE = /["']?[\w$-]*password[\w$-]*["']?[ \t]*[:=][ \t]*["'`]/gi;
const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)/i;
const SECRET_FLAGS = new Set(["--requirepass", "--masterauth", "--auth", "--pass", "--password", "--token", "--user-password"]);
const VAR_REF = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/** Scans every file of the stack; `secretValues` are values that must appear nowhere. */
export function findPlaintextSecrets(stackDir: string, secretValues: readonly string[] = []): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lineOf = (text: string, index: number): number => text.slice(0, index).split("\n").length;
  for (const file of stackFiles(stackDir)) {
    const text = readFileSync(path.join(stackDir, file), "utf8");
    for (const value of secretValues) {
      const at = text.indexOf(value);
      if (at >= 0) findings.push({ file, line: lineOf(text, at), message: `contains the secret value ${value.slice(0, 6)}…` });
    }
    const pattern = /\.(ya?ml)$/.test(file) ? PASSWORD_KEY_YAML : PASSWORD_KEY_CODE;
    for (const match of text.matchAll(pattern)) {
      findings.push({ file, line: lineOf(text, match.index), message: `a password key with a literal value: ${match[0].trim()}` });
    }
  }
  for (const { file, object } of readManifests(stackDir)) {
    const o = object as Record<string, unknown>;
    const name = `${String(o["kind"])} ${String((o["metadata"] as Record<string, unknown> | undefined)?.["name"])}`;
    if (o["kind"] === "Secret" && (o["data"] !== undefined || o["stringData"] !== undefined)) {
      findings.push({ file, message: `${name}: a Secret with data in a manifest (create it in the program from random passwords or config secrets)` });
    }
    walkStrings(o, (value, at, parent) => {
      if (at.endsWith("/value") && typeof parent["name"] === "string" && SECRET_ENV_NAME.test(parent["name"]) && value !== "") {
        findings.push({ file, message: `${name}: env ${parent["name"]} is set with a literal value at ${at}; use valueFrom.secretKeyRef` });
      }
      for (const m of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/@]*)@/gi)) {
        const userinfo = m[1]!;
        const password = userinfo.includes(":") ? userinfo.slice(userinfo.indexOf(":") + 1) : undefined;
        if (password !== undefined && password !== "" && !VAR_REF.test(password)) {
          findings.push({ file, message: `${name}: a URL with a literal password at ${at}: ${value}` });
        }
      }
    });
    walkArrays(o, (list, at) => {
      list.forEach((item, i) => {
        const next = list[i + 1];
        if (typeof item === "string" && SECRET_FLAGS.has(item) && typeof next === "string" && !VAR_REF.test(next)) {
          findings.push({ file, message: `${name}: ${item} is followed by a literal at ${at}/${i + 1}` });
        }
      });
    });
  }
  return findings;
}

function walkStrings(value: unknown, visit: (value: string, at: string, parent: Record<string, unknown>) => void, at = "", parent: Record<string, unknown> = {}): void {
  if (typeof value === "string") visit(value, at, parent);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, `${at}/${i}`, parent));
  else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) walkStrings(v, visit, `${at}/${k}`, record);
  }
}

function walkArrays(value: unknown, visit: (list: unknown[], at: string) => void, at = ""): void {
  if (Array.isArray(value)) {
    visit(value, at);
    value.forEach((v, i) => walkArrays(v, visit, `${at}/${i}`));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkArrays(v, visit, `${at}/${k}`);
  }
}

/** A finding as one line. */
export function formatSecretFinding(f: SecretFinding): string {
  return `${f.file}${f.line === undefined ? "" : `:${f.line}`}: ${f.message}`;
}
