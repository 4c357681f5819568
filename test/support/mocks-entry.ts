/**
 * Child-process entry of `runUnderMocks()` (run-under-mocks.ts): runs one emitted Pulumi
 * program (`<stackDir>/index.ts`, CommonJS TypeScript, loaded through tsx) under Pulumi's own
 * mocks, waits until every resource has registered, and prints what was registered as one
 * JSON line after `MOCKS_RESULT_MARKER` on stdout (Pulumi's runtime logs to stdout too).
 *
 * Input: the JSON of a `MocksEntryInput` in the environment variable `SKYWEAVE_MOCKS_INPUT`.
 * Run: `node --import tsx test/support/mocks-entry.ts`, with the stack directory as the cwd.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type * as PulumiModule from "@pulumi/pulumi";
import { awsMockCall, awsMockOutputs } from "./aws-mocks.js";
import { MOCKS_RESULT_MARKER, type MocksEntryInput, type MocksEntryResult, type RecordedCall, type RegisteredResource } from "./run-under-mocks.js";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Unwraps Pulumi's serialized secrets, recording where they were. */
function unwrapSecrets(value: unknown, at: string, secretPaths: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => unwrapSecrets(v, join(at, String(i)), secretPaths));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[SECRET_SIG_KEY] === SECRET_SIG) {
    secretPaths.push(at);
    return unwrapSecrets(record["value"], at, []);
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v, join(at, k), secretPaths)]));
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}

/** A password a real `random.RandomPassword` could return: letters and digits, unique per resource. */
function mockPassword(index: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = `Mock${String(index).padStart(2, "0")}`;
  let seed = 0x9e3779b9 ^ (index * 2654435761);
  while (out.length < 32) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += alphabet[(seed >>> 8) % alphabet.length];
  }
  return out;
}

async function main(): Promise<void> {
  const raw = process.env["SKYWEAVE_MOCKS_INPUT"];
  if (raw === undefined) throw new Error("SKYWEAVE_MOCKS_INPUT is not set: run this through runUnderMocks()");
  const input = JSON.parse(raw) as MocksEntryInput;
  const indexFile = path.join(input.stackDir, "index.ts");
  // Load @pulumi/pulumi as the program will, so both share one runtime (one module instance).
  const stackRequire = createRequire(indexFile);
  const pulumi = stackRequire("@pulumi/pulumi") as typeof PulumiModule;
  const settings = stackRequire("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void> };

  const resources: RegisteredResource[] = [];
  const calls: RecordedCall[] = [];
  const errors: string[] = [];
  let passwords = 0;

  const logError = pulumi.log.error.bind(pulumi.log);
  pulumi.log.error = (msg: string, resource?: PulumiModule.Resource, streamId?: number, ephemeral?: boolean) => {
    errors.push(`pulumi.log.error: ${msg}`);
    return logError(msg, resource, streamId, ephemeral);
  };
  process.on("unhandledRejection", (reason) => errors.push(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  process.on("uncaughtException", (error) => errors.push(`uncaught exception: ${error.stack ?? error.message}`));

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const secretPaths: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretPaths) as Record<string, unknown>;
        const state: Record<string, unknown> = { ...args.inputs, ...awsMockOutputs(args.type, args.name, args.inputs as Record<string, unknown>) };
        if (args.type === "random:index/randomPassword:RandomPassword") {
          const result = mockPassword(++passwords);
          state["result"] = result;
          state["bcryptHash"] = `$2a$10$mockhash${result}`;
        }
        resources.push({
          type: args.type,
          name: args.name,
          inputs,
          secretPaths,
          outputs: unwrapSecrets(state, "", []) as Record<string, unknown>,
          ...(args.provider ? { provider: args.provider } : {}),
          custom: args.custom ?? false,
        });
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        calls.push({ token: args.token, inputs: unwrapSecrets(args.inputs, "", []) as Record<string, unknown> });
        return awsMockCall(args.token, args.inputs as Record<string, unknown>) ?? (args.inputs as Record<string, unknown>);
      },
    },
    input.project,
    input.stack,
    false,
  );
  pulumi.runtime.setAllConfig(input.config, input.secretKeys);

  process.chdir(input.stackDir);
  let program: Record<string, unknown> = {};
  try {
    program = stackRequire(indexFile) as Record<string, unknown>;
  } catch (error) {
    errors.push(`loading ${indexFile} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  // Registrations are asynchronous (inputs resolve first; a ConfigGroup creates its objects
  // in callbacks). Wait for every exported output of every module of the program, then for
  // Pulumi's RPC queue to drain, until the set of resources stops growing.
  const stackOutputs = (await resolveDeep(pulumi, program, 0)) as Record<string, unknown>;
  const modules = Object.values(stackRequire.cache).filter((m) => m !== undefined && m.filename.startsWith(input.stackDir + path.sep));
  for (const m of modules) await resolveDeep(pulumi, m!.exports, 0);
  let stableRounds = 0;
  let last = -1;
  while (stableRounds < 3) {
    if (settings.waitForRPCs) await settings.waitForRPCs();
    await sleep(20);
    if (resources.length === last) stableRounds += 1;
    else {
      stableRounds = 0;
      last = resources.length;
    }
  }

  const result: MocksEntryResult = { resources, calls, stackOutputs: unwrapSecrets(stackOutputs, "", []) as Record<string, unknown>, errors };
  // Wait until the line is flushed: the process exits right after, and stdout may be a pipe.
  await new Promise<void>((resolve) => process.stdout.write(`\n${MOCKS_RESULT_MARKER}${JSON.stringify(result)}\n`, () => resolve()));
}

/** Resolves Outputs (and the Output-valued properties of exported resources) to plain values. */
async function resolveDeep(pulumi: typeof PulumiModule, value: unknown, depth: number): Promise<unknown> {
  if (depth > 4 || value === null || value === undefined) return value;
  if (pulumi.Output.isInstance(value)) {
    // `promise()` is the SDK's own way to await an Output; it resolves secrets to their values.
    const promised = (value as unknown as { promise(): Promise<unknown> }).promise();
    return resolveDeep(pulumi, await promised, depth + 1);
  }
  if (pulumi.Resource.isInstance(value)) {
    const resource = value as unknown as Record<string, unknown>;
    const outputs: Record<string, unknown> = {};
    for (const key of Object.keys(resource)) {
      if (key.startsWith("__")) continue;
      const field = resource[key];
      if (pulumi.Output.isInstance(field)) outputs[key] = await resolveDeep(pulumi, field, depth + 1);
    }
    return { $resource: true, ...outputs };
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveDeep(pulumi, v, depth + 1)));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(pulumi, v, depth + 1)] as const));
    return Object.fromEntries(entries);
  }
  if (typeof value === "function") return undefined;
  return value;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`mocks-entry failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
