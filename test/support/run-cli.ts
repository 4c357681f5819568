/** Runs the built `skyweave` binary as a user would: real files, exit codes, stdout and stderr. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the CLI runs with it as its working directory). */
export const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The built CLI; `npm test` builds `dist/` first (the `pretest` script). */
export const bin = path.join(repo, "dist/cli/main.js");

/** What a run of the CLI gave. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `skyweave <args>` from the repository root, without colours, and waits for it. */
export function skyweave(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The path, relative to the repository root, of an app in `test/e2e/fixtures/`. */
export const fixture = (name: string): string => `test/e2e/fixtures/${name}.ts`;
