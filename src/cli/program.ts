/**
 * The `skyweave` command line: parses arguments with commander, calls one library function
 * per command, prints, and maps errors to the exit codes of the CLI contract.
 */
import { createRequire } from "node:module";
import { Command, CommanderError, Option } from "commander";
import { bugMessage, formatError, SkyweaveError } from "../errors.js";
import { formatFindings } from "../policy/format-findings.js";
import { check } from "./commands/check.js";
import { policyError } from "../policy/index.js";
import { explain, formatExplanation } from "./commands/explain.js";
import { gen } from "./commands/gen.js";
import { importFile } from "./commands/import.js";
import { PROVIDERS, type ProviderName } from "../gen/providers/choose-provider.js";
import { modelOf } from "./commands/model.js";
import { registerRightsize } from "./commands/rightsize.js";
import { addLoadFlags, loadOptions, secondsArgument, type LoadFlags } from "./load-flags.js";
import { systemErrorToInput } from "./system-error.js";
import { synth } from "./commands/synth.js";

/** Exit code for an error that is skyweave's own fault (BSD `EX_SOFTWARE`). */
export const EXIT_INTERNAL = 70;

/** Where the CLI prints. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Runs the CLI on `argv` (as in `process.argv`, with the node and script paths) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander has printed its message
    const verbose = program.opts().verbose === true || argv.includes("--verbose");
    const known = SkyweaveError.is(error) ? error : (systemErrorToInput(error) ?? error);
    io.stderr(`${describeError(known, verbose)}\n`);
    return SkyweaveError.is(known) ? known.exitCode : EXIT_INTERNAL;
  }
}

/** The message printed for an error: `error: …`, plus stack traces with `--verbose`. */
export function describeError(error: unknown, verbose: boolean): string {
  if (SkyweaveError.is(error)) {
    const cause = error.cause instanceof Error && verbose ? `\ncaused by: ${error.cause.stack ?? error.cause.message}` : "";
    return `error: ${formatError(error)}${verbose ? `\n${error.stack ?? ""}${cause}` : ""}`;
  }
  const message = bugMessage(error);
  const stack = verbose && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return `error: ${message}\n  this is a bug in skyweave; rerun with --verbose and report it${stack}`;
}

function buildProgram(io: CliIo): Command {
  const program = new Command("skyweave")
    .description("Decide where every part of your app runs, and emit Pulumi programs to put it there.")
    .version(version(), "-V, --version")
    .option("--verbose", "print stack traces with errors")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", "\nExample:\n  $ skyweave synth examples/shop/app.ts");

  const example = (text: string): string => `\nExample:\n  $ ${text}`;
  const progress = (line: string): void => io.stderr(`${line}\n`);

  program
    .command("synth")
    .description("place every part of an app and write its Pulumi project to <out>/<app>/")
    .argument("<app.ts>", "the file that default-exports your App")
    .option("--out <dir>", "directory that receives <app>/", "stacks")
    .addOption(new Option("--time-limit <s>", "seconds the placement solver may spend").argParser(secondsArgument))
    .addOption(new Option("--replicas <which>", "buy capacity for each workload's min or max replicas").choices(["min", "max"]).default("min"))
    .option("--json", "print a JSON summary on stdout (progress stays on stderr)")
    .addHelpText("after", example("skyweave synth examples/shop/app.ts --out stacks"))
    .action(async (file: string, opts: { out: string; timeLimit?: number; replicas: "min" | "max"; json?: boolean } & LoadFlags) => {
      const result = await synth(file, {
        out: opts.out,
        progress,
        load: loadOptions(opts),
        replicas: opts.replicas,
        ...(opts.timeLimit === undefined ? {} : { timeLimitSeconds: opts.timeLimit }),
      });
      if (opts.json) {
        const { app, dir, files, written, unchanged, removed, placement } = result;
        io.stdout(`${JSON.stringify({ app, dir, files, written, unchanged, removed, placement: { parts: placement.parts, pools: placement.pools, cost: placement.cost } })}\n`);
      }
    });

  program
    .command("model")
    .description("print the AppModel of an app as JSON")
    .argument("<app.ts>", "the file that default-exports your App")
    .addHelpText("after", example("skyweave model examples/shop/app.ts > model.json"))
    .action(async (file: string, opts: LoadFlags) => {
      io.stdout(`${JSON.stringify(await modelOf(file, loadOptions(opts)), null, 2)}\n`);
    });

  program
    .command("explain")
    .description("show where each part of an app runs, and why")
    .argument("<app.ts>", "the file that default-exports your App")
    .argument("[construct-path]", "explain only this part (e.g. shop/web)")
    .option("--json", "print the placement of the parts as JSON")
    .addHelpText("after", example("skyweave explain examples/shop/app.ts shop/web"))
    .action(async (file: string, constructPath: string | undefined, opts: { json?: boolean } & LoadFlags) => {
      const parts = await explain(file, constructPath, loadOptions(opts));
      io.stdout(opts.json ? `${JSON.stringify(parts, null, 2)}\n` : `${formatExplanation(parts)}\n`);
    });

  program
    .command("check")
    .description("run the policy rules on what synth would emit, without writing anything (exit 3 on findings)")
    .argument("<app.ts>", "the file that default-exports your App")
    .addOption(new Option("--time-limit <s>", "seconds the placement solver may spend").argParser(secondsArgument))
    .option("--json", "print the findings as a JSON array on stdout (progress stays on stderr)")
    .addHelpText("after", `${example("skyweave check examples/shop/app.ts")}

Exit codes: 0 no findings, 1 bad input, 2 infeasible placement, 3 findings.
The rules: docs/policy.md.`)
    .action(async (file: string, opts: { timeLimit?: number; json?: boolean } & LoadFlags) => {
      const { app, findings } = await check(file, { progress, load: loadOptions(opts), ...(opts.timeLimit === undefined ? {} : { timeLimitSeconds: opts.timeLimit }) });
      io.stdout(opts.json ? `${JSON.stringify(findings, null, 2)}\n` : `${formatFindings(findings)}\n`);
      if (findings.length > 0) throw policyError(app, findings, false);
    });

  program
    .command("gen")
    .description("write an app.ts from a plain-English description (templates and typed slots; no model writes code)")
    .argument("<prose>", "what the app is made of, e.g. \"a Django app with Postgres and Redis behind nginx\"")
    .option("--into <app.ts>", "add the new parts to this app.ts (never removes or rewrites your code)")
    .option("--out <file>", "write a new app.ts here (never overwrites)", undefined)
    .addOption(new Option("--provider <name>", "who fills the slots (default: builtin, offline; or SKYWEAVE_PROVIDER / the config file)").choices([...PROVIDERS]))
    .option("--model <name>", "model name for openai/anthropic (else OPENAI_MODEL / ANTHROPIC_MODEL)")
    .option("--base-url <url>", "API base URL, e.g. http://localhost:11434/v1 for Ollama (else OPENAI_BASE_URL / ANTHROPIC_BASE_URL)")
    .option("--dry-run", "print what was understood and stop")
    .option("--json", "print the slots and the result as JSON on stdout (progress on stderr)")
    .addHelpText("after", example('skyweave gen "a Django app with Postgres and Redis behind nginx" --out app.ts'))
    .action(async (prose: string, opts: { into?: string; out?: string; provider?: ProviderName; model?: string; baseUrl?: string; dryRun?: boolean; json?: boolean }) => {
      const result = await gen(prose, {
        ...(opts.into ? { into: opts.into } : {}),
        ...(opts.out ? { out: opts.out } : {}),
        ...(opts.provider ? { provider: opts.provider } : {}),
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.dryRun ? { dryRun: true } : {}),
        progress,
        understood: (text) => (opts.json ? io.stderr : io.stdout)(`${text}\n`),
      });
      if (opts.json) {
        io.stdout(`${JSON.stringify({ provider: result.provider, slots: result.slots, file: result.written?.file ?? null, synth: result.written?.synth ?? null })}\n`);
      }
    });

  program
    .command("import")
    .description("write an app.ts from a Compose file; every key skyweave cannot express gets a warning")
    .argument("<compose.yaml>", "the Compose file")
    .option("--out <app.ts>", "the app.ts to write (never overwrites)", "app.ts")
    .option("--dry-run", "print what was understood and the warnings, and stop")
    .option("--json", "print the slots, the warnings and the result as JSON on stdout (progress on stderr)")
    .addHelpText("after", example("skyweave import compose.yaml --out app.ts"))
    .action(async (file: string, opts: { out: string; dryRun?: boolean; json?: boolean }) => {
      const result = await importFile(file, {
        out: opts.out,
        ...(opts.dryRun ? { dryRun: true } : {}),
        progress,
        warning: (w) => io.stderr(`warning: ${w.where}: ${w.message}\n`),
        understood: (text) => (opts.json ? io.stderr : io.stdout)(`${text}\n`),
      });
      if (opts.json) {
        io.stdout(`${JSON.stringify({ slots: result.slots, warnings: result.warnings, file: result.written?.file ?? null, synth: result.written?.synth ?? null })}\n`);
      }
    });

  registerRightsize(program, io);
  for (const name of ["synth", "model", "explain", "check", "rightsize"]) addLoadFlags(program.commands.find((c) => c.name() === name)!);

  return program;
}

function version(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}
