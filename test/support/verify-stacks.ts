/**
 * The three checks DESIGN.md asks of every emitted stack, over many stack directories at
 * once: Kubernetes manifests against the OpenAPI schema (offline), `tsc --noEmit` against the
 * real `@pulumi/*` typings (one compiler run for all), and the program executed under Pulumi
 * mocks (one child process per stack, a few at a time, while tsc runs). Plus the plain-text
 * secrets scan, fed with the secret values each mocks run produced.
 *
 * ```ts
 * const result = await verifyStacks(dirs);
 * expect(result.schemaFailures.map(formatFailure)).toEqual([]);
 * expect(result.typeErrors.map(formatDiagnostic)).toEqual([]);
 * expect(result.mocksErrors).toEqual([]);
 * for (const [dir, resources] of result.resources) ...
 * ```
 */
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { findPlaintextSecrets, secretValuesOf, type SecretFinding } from "./plaintext-secrets.js";
import { runUnderMocks, type MocksRun, type RegisteredResource, type RunUnderMocksOptions } from "./run-under-mocks.js";
import { REPO_ROOT, typecheckStacks, type TypeDiagnostic } from "./typecheck-stacks.js";
import { readManifests, validateManifestObjects, type ManifestFailure } from "./validate-manifests.js";

/** What the checks found in one stack. */
export interface StackReport {
  readonly dir: string;
  /** Manifest files relative to the repository root (e.g. `stacks/shop/manifests/main/web.yaml`). */
  readonly schemaFailures: ManifestFailure[];
  readonly objectCount: number;
  readonly typeErrors: TypeDiagnostic[];
  /** The source files tsc checked for this stack (absolute paths). */
  readonly checkedFiles: string[];
  /** The mocks run, when it ran and succeeded. */
  readonly mocks?: MocksRun;
  /** Why the mocks run failed (or timed out), when it did. */
  readonly mocksError?: string;
  /** Plain-text secrets; the mocks run's secret values are included in the scan when it succeeded. */
  readonly plaintextSecrets: SecretFinding[];
}

/** The result of `verifyStacks()`. */
export interface VerifyResult {
  /** Every stack's schema failures. */
  readonly schemaFailures: ManifestFailure[];
  /** Every error diagnostic of the compiler run(s). */
  readonly typeErrors: TypeDiagnostic[];
  /** The resources each stack registered under mocks (stacks whose run failed are absent). */
  readonly resources: ReadonlyMap<string, RegisteredResource[]>;
  /** `"<dir>: <message>"` for each mocks run that failed. */
  readonly mocksErrors: string[];
  /** Every plain-text secret, with the stack directory prefixed to the file. */
  readonly plaintextSecrets: SecretFinding[];
  /** Per stack directory (absolute), in the order given. */
  readonly stacks: ReadonlyMap<string, StackReport>;
  /** Wall-clock milliseconds: schema validation, the tsc run(s), all mocks runs, and the whole call. */
  readonly timings: { readonly schemaMs: number; readonly typecheckMs: number; readonly mocksMs: number; readonly totalMs: number };
}

/** Options of `verifyStacks()`. */
export interface VerifyOptions {
  /** Directories to run under mocks. Default: all. */
  readonly mocksFor?: readonly string[];
  /** Mocks runs at the same time. Default: min(4, CPUs − 1), at least 1. */
  readonly concurrency?: number;
  /** Passed to every `runUnderMocks()`. */
  readonly mocks?: RunUnderMocksOptions;
}

/** Runs the three checks (and the secrets scan) over the given stack directories. */
export async function verifyStacks(stackDirs: readonly string[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const started = performance.now();
  const dirs = [...new Set(stackDirs.map((d) => path.resolve(d)))];
  const mocksFor = new Set((options.mocksFor ?? dirs).map((d) => path.resolve(d)));

  const typecheck = typecheckStacks(dirs);
  const mocksStarted = performance.now();
  const mocksRuns = mapLimit(
    dirs.filter((d) => mocksFor.has(d)),
    options.concurrency ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    async (dir) => {
      try {
        return { dir, run: await runUnderMocks(dir, options.mocks) };
      } catch (error) {
        return { dir, error: error instanceof Error ? error.message : String(error) };
      }
    },
  ).then((runs) => ({ runs, ms: Math.round(performance.now() - mocksStarted) }));

  const schemaStarted = performance.now();
  const schema = new Map<string, { failures: ManifestFailure[]; count: number }>();
  for (const dir of dirs) {
    const objects = readManifests(dir);
    const rel = path.relative(REPO_ROOT, dir);
    schema.set(dir, { failures: validateManifestObjects(objects).map((f) => ({ ...f, file: path.join(rel, f.file) })), count: objects.length });
  }
  const schemaMs = Math.round(performance.now() - schemaStarted);

  const [typed, mocked] = await Promise.all([typecheck, mocksRuns]);
  const runs = new Map(mocked.runs.map((r) => [r.dir, r]));
  const stacks = new Map<string, StackReport>();
  for (const dir of dirs) {
    const outcome = runs.get(dir);
    const run = outcome && "run" in outcome ? outcome.run : undefined;
    stacks.set(dir, {
      dir,
      schemaFailures: schema.get(dir)!.failures,
      objectCount: schema.get(dir)!.count,
      typeErrors: (typed.byStack.get(dir) ?? []).filter((d) => d.category === "error"),
      checkedFiles: typed.files.filter((f) => f.startsWith(dir + path.sep)),
      ...(run ? { mocks: run } : {}),
      ...(outcome && "error" in outcome ? { mocksError: outcome.error } : {}),
      plaintextSecrets: findPlaintextSecrets(dir, run ? secretValuesOf(run) : []),
    });
  }
  const reports = [...stacks.values()];
  return {
    schemaFailures: reports.flatMap((r) => r.schemaFailures),
    typeErrors: typed.diagnostics.filter((d) => d.category === "error"),
    resources: new Map(reports.filter((r) => r.mocks).map((r) => [r.dir, r.mocks!.resources])),
    mocksErrors: reports.filter((r) => r.mocksError !== undefined).map((r) => `${r.dir}: ${r.mocksError}`),
    plaintextSecrets: reports.flatMap((r) => r.plaintextSecrets.map((f) => ({ ...f, file: path.join(path.relative(REPO_ROOT, r.dir), f.file) }))),
    stacks,
    timings: { schemaMs, typecheckMs: typed.ms, mocksMs: mocked.ms, totalMs: Math.round(performance.now() - started) },
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
