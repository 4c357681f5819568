/** `skyweave rightsize`: recommendations from metrics, printed, and written into app.ts with `--apply`. */
import type { Command } from "commander";
import { loadMetricsConfig, metricsFromFlags } from "../../metrics/index.js";
import { formatRecommendations, rightsize } from "../../rightsize/index.js";
import { loadOptions, type LoadFlags } from "../load-flags.js";

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Where the command prints. */
interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Adds `rightsize` to the program. */
export function registerRightsize(program: Command, io: Io): void {
  program
    .command("rightsize")
    .description("recommend requests, replica bounds and a predictive scaling schedule from real metrics")
    .argument("<app.ts>", "the file that default-exports your App")
    .option("--metrics <config-or-dir>", "a JSON config mapping workloads to metric files, or a directory of <workload>.cpu.csv / <workload>.memory.csv")
    .option("--cpu <workload=file>", "a workload's CPU series in cores (repeatable)", collect, [])
    .option("--memory <workload=file>", "a workload's memory series in bytes, one replica's (repeatable)", collect, [])
    .option("--apply", "write the recommended cpu, memory and replicas into app.ts (nothing else changes)")
    .option("--json", "print the recommendations as JSON (progress stays on stderr)")
    .addHelpText(
      "after",
      "\nMetric files: `timestamp,value` CSV (CloudWatch, Prometheus exports) or Prometheus range-query JSON." +
        "\nSee docs/rightsize.md for the config format and how recommendations are made." +
        "\n\nExample:\n  $ skyweave rightsize examples/boutique-rightsized/app.ts --metrics examples/boutique-rightsized/metrics.json --apply",
    )
    .action(async (file: string, opts: { metrics?: string; cpu: string[]; memory: string[]; apply?: boolean; json?: boolean } & LoadFlags) => {
      const metrics = opts.cpu.length + opts.memory.length === 0 && opts.metrics !== undefined ? opts.metrics : metricsFromFlags(opts.cpu, opts.memory, opts.metrics === undefined ? undefined : loadMetricsConfig(opts.metrics));
      const report = await rightsize(file, metrics, { apply: opts.apply === true, load: loadOptions(opts), progress: (line) => io.stderr(`${line}\n`) });
      io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRecommendations(report.recommendations)}\n`);
    });
}
