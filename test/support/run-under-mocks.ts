/**
 * Runs an emitted Pulumi program under Pulumi's own mocks (`pulumi.runtime.setMocks`) in a
 * separate Node process, and returns every resource it registered with its inputs.
 *
 * The program is CommonJS TypeScript (`stacks/<app>/tsconfig.json`), loaded with tsx from the
 * stack directory as the working directory, as `pulumi up` would. Every config value the
 * program reads (`config.require…("key")` in its modules) is set; the ones read with
 * `requireSecret`/`getSecret` (the kubeconfigs) are set as secrets. The child is
 * test/support/mocks-entry.ts.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";

/** The line prefix the child prints its result after on stdout. */
export const MOCKS_RESULT_MARKER = "@@skyweave-mocks-result@@";

/** A kubeconfig-shaped secret value for `kubeconfig-<target>`: never contacted under mocks. */
export const FAKE_KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  "clusters: [{ name: mock, cluster: { server: 'https://mock-cluster.invalid:6443' } }]",
  "users: [{ name: mock, user: { token: MockKubeconfigToken0123456789abcdef } }]",
  "contexts: [{ name: mock, context: { cluster: mock, user: mock } }]",
  "current-context: mock",
  "",
].join("\n");

/** What the parent passes to the child in `SKYWEAVE_MOCKS_INPUT`. */
export interface MocksEntryInput {
  readonly stackDir: string;
  readonly project: string;
  readonly stack: string;
  /** Full config keys (`<project>:<key>`) → values. */
  readonly config: Record<string, string>;
  /** Full config keys whose values are secrets. */
  readonly secretKeys: string[];
}

/** One resource the program registered. */
export interface RegisteredResource {
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** The resource's logical name, e.g. `shop/web` for an object of a v1 ConfigGroup. */
  readonly name: string;
  /** Its inputs, with secrets unwrapped (where they were is in `secretPaths`). */
  readonly inputs: Record<string, unknown>;
  /** Dotted paths into `inputs` whose values were secret, e.g. `kubeconfig`, `stringData`. */
  readonly secretPaths: string[];
  /** The state the mocks returned: the inputs, plus `result` (a generated password) for `random.RandomPassword`. */
  readonly outputs: Record<string, unknown>;
  /** The explicit provider reference (`<urn>::<id>`), when there is one. */
  readonly provider?: string;
  /** True for custom resources, false for components. */
  readonly custom: boolean;
}

/** An invoke (data-source call) the program made. */
export interface RecordedCall {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

/** What the child prints after the marker. */
export interface MocksEntryResult {
  /** Every registered resource, in registration order. */
  readonly resources: RegisteredResource[];
  readonly calls: RecordedCall[];
  /** The exports of index.ts, resolved to plain values. */
  readonly stackOutputs: Record<string, unknown>;
  /** `pulumi.log.error` messages, unhandled rejections and load errors. Empty on a clean run. */
  readonly errors: string[];
}

/** The result of `runUnderMocks()`. */
export interface MocksRun extends MocksEntryResult {
  readonly stackDir: string;
  /** The project name from Pulumi.yaml (the config namespace). */
  readonly project: string;
  /** The config values that were set (full keys), and which of them were secrets. */
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  /** Wall-clock milliseconds of the child process. */
  readonly ms: number;
}

/** Options of `runUnderMocks()`. */
export interface RunUnderMocksOptions {
  /** The stack name the program sees. Default `"mock"`. */
  readonly stack?: string;
  /** Extra or overriding config values, by key without the project prefix (e.g. `kubeconfig-main`), or a full key with one (`aws:region`). */
  readonly config?: Record<string, string>;
  /** Kill the child and fail after this many milliseconds. Default 60 000. */
  readonly timeoutMs?: number;
  /** Return a run whose `errors` is not empty instead of throwing. Default false. */
  readonly allowErrors?: boolean;
}

/** A config value an emitted program reads, found in its source. */
export interface ConfigRead {
  /** The key without the project prefix, e.g. `kubeconfig-main`. */
  readonly key: string;
  /** Read with `requireSecret`/`getSecret`. */
  readonly secret: boolean;
}

const CONFIG_READ = /\b\w*[cC]onfig\w*\.(require|get)(Secret)?(Number|Boolean|Object)?(?:<[^>(]*>)?\(\s*["'`]([^"'`]+)["'`]/g;

/** Every config key the program's top-level `.ts` modules read, sorted. */
export function configReads(stackDir: string): ConfigRead[] {
  const reads = new Map<string, boolean>();
  for (const file of readdirSync(stackDir).filter((f) => f.endsWith(".ts")).sort()) {
    for (const match of readFileSync(path.join(stackDir, file), "utf8").matchAll(CONFIG_READ)) {
      const key = match[4]!;
      reads.set(key, (reads.get(key) ?? false) || match[2] === "Secret");
    }
  }
  return [...reads].sort(([a], [b]) => a.localeCompare(b)).map(([key, secret]) => ({ key, secret }));
}

/** The project name in `<stackDir>/Pulumi.yaml`. */
export function pulumiProjectName(stackDir: string): string {
  const project = parseYaml(readFileSync(path.join(stackDir, "Pulumi.yaml"), "utf8")) as { name?: unknown } | null;
  if (typeof project?.name !== "string" || project.name === "") throw new Error(`${path.join(stackDir, "Pulumi.yaml")} has no project name`);
  return project.name;
}

/** The placeholder value `runUnderMocks()` sets for a config key the program reads. */
export function mockConfigValue(key: string): string {
  if (key.startsWith("kubeconfig-")) return FAKE_KUBECONFIG;
  if (key.startsWith("vpc-cidr-")) return "10.42.0.0/16";
  // Lists (`private-subnet-ids-<region>`) are read with requireObject: JSON.
  if (/-ids-/.test(key)) return JSON.stringify([`mock-${key}-1`, `mock-${key}-2`]);
  return `mock-${key}`;
}

const ENTRY = fileURLToPath(new URL("./mocks-entry.ts", import.meta.url));

/**
 * Runs `<stackDir>/index.ts` under Pulumi mocks in a child Node process and returns the
 * registered resources. Throws (with the child's output) when the child fails, times out,
 * or reports errors (unless `allowErrors`).
 */
export async function runUnderMocks(stackDir: string, options: RunUnderMocksOptions = {}): Promise<MocksRun> {
  const dir = path.resolve(stackDir);
  const project = pulumiProjectName(dir);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const read of configReads(dir)) {
    config[`${project}:${read.key}`] = mockConfigValue(read.key);
    if (read.secret) secretKeys.push(`${project}:${read.key}`);
  }
  for (const [key, value] of Object.entries(options.config ?? {})) config[key.includes(":") ? key : `${project}:${key}`] = value;
  const input: MocksEntryInput = { stackDir: dir, project, stack: options.stack ?? "mock", config, secretKeys };

  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const env: NodeJS.ProcessEnv = { ...process.env, SKYWEAVE_MOCKS_INPUT: JSON.stringify(input) };
  for (const name of Object.keys(env)) if (name.startsWith("PULUMI_") || name === "TSX_TSCONFIG_PATH" || name === "NODE_OPTIONS") delete env[name];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();

  const { code, signal, stdout, stderr, timedOut } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ["--import", tsx, ENTRY], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      let expired = false;
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
      const timer = setTimeout(() => {
        expired = true;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (exitCode, exitSignal) => {
        clearTimeout(timer);
        resolve({ code: exitCode, signal: exitSignal, stdout: out, stderr: err, timedOut: expired });
      });
    },
  );
  const ms = Math.round(performance.now() - started);
  const line = stdout.split("\n").findLast((l) => l.startsWith(MOCKS_RESULT_MARKER));
  const tail = (text: string): string => (text.length > 4000 ? `…${text.slice(-4000)}` : text);
  const context = `\n--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(line === undefined ? stdout : stdout.replace(line, "<result>"))}`;
  if (timedOut) {
    throw new Error(`runUnderMocks: ${path.join(dir, "index.ts")} did not finish under Pulumi mocks within ${timeoutMs / 1000} s (killed).${context}`);
  }
  const result = line === undefined ? undefined : (JSON.parse(line.slice(MOCKS_RESULT_MARKER.length)) as MocksEntryResult);
  // The program's own errors first: they explain a non-zero exit (Pulumi sets one on leaked promises).
  if (result !== undefined && result.errors.length > 0 && options.allowErrors !== true) {
    throw new Error(`runUnderMocks: ${dir} reported ${result.errors.length} error(s) under mocks:\n${result.errors.join("\n")}${context}`);
  }
  if (code !== 0 && !(result !== undefined && options.allowErrors === true)) {
    throw new Error(`runUnderMocks: the mocks process for ${dir} exited with ${code ?? signal}.${context}`);
  }
  if (result === undefined) throw new Error(`runUnderMocks: the mocks process for ${dir} printed no result.${context}`);
  return { ...result, stackDir: dir, project, config, secretKeys, ms };
}
