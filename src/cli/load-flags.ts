/** The flags of every command that runs an app.ts: how long it may take, and whether it is type-checked first. */
import { InvalidArgumentError, Option, type Command } from "commander";
import { DEFAULT_LOAD_TIME_LIMIT_SECONDS, type LoadModelOptions } from "../app-file/index.js";

/** The flags of every command that runs an app.ts. */
export interface LoadFlags {
  readonly loadTimeLimit?: number;
  readonly typeCheck?: boolean;
}

/** Adds `--load-time-limit` and `--no-type-check` to a command. */
export function addLoadFlags(command: Command): void {
  command
    .addOption(new Option("--load-time-limit <s>", `seconds app.ts may take to run (default ${DEFAULT_LOAD_TIME_LIMIT_SECONDS})`).argParser(secondsArgument))
    .option("--no-type-check", "run app.ts without type-checking it first");
}

/** The load options those flags ask for. */
export function loadOptions(flags: LoadFlags): LoadModelOptions {
  return { ...(flags.loadTimeLimit === undefined ? {} : { timeLimitSeconds: flags.loadTimeLimit }), ...(flags.typeCheck === false ? { typeCheck: false } : {}) };
}

/** Parses a number of seconds greater than 0, for commander. */
export function secondsArgument(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number of seconds greater than 0, got "${value}".`);
  return n;
}
