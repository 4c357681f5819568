/**
 * Benchmark entry point (contract, see DESIGN.md):
 *
 *   npx tsx bench/forecast.ts --origin "<timestamp>" --horizon <steps> <series.csv>...
 *
 * Reads each `timestamp,value` CSV, keeps the rows stamped at or before the origin, and prints
 * one JSON line per file: {"file","origin","stepSeconds","forecast","lower","upper"} (an 80 %
 * interval), from the same forecaster `skyweave rightsize` uses (`forecastSeries`).
 */
import { formatError, InputError, SkyweaveError } from "../src/errors.js";
import { forecastSeries } from "../src/forecast/index.js";
import { parseTimestamp, readSamples, regularize } from "../src/metrics/index.js";

function parseArgs(argv: string[]): { origin: string; horizon: number; files: string[] } {
  let origin: string | undefined;
  let horizon: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--origin") origin = argv[++i];
    else if (arg === "--horizon") horizon = Number(argv[++i]);
    else if (arg.startsWith("--origin=")) origin = arg.slice(9);
    else if (arg.startsWith("--horizon=")) horizon = Number(arg.slice(10));
    else files.push(arg);
  }
  const usage = 'usage: npx tsx bench/forecast.ts --origin "2014-02-20 00:02:00" --horizon 12 <series.csv>...';
  if (origin === undefined || parseTimestamp(origin) === undefined) throw new InputError(`--origin ${origin === undefined ? "is missing" : `"${origin}" is not a timestamp`}`, { fix: usage });
  if (horizon === undefined || !Number.isInteger(horizon) || horizon < 1) throw new InputError("--horizon must be a whole number of steps, 1 or more", { fix: usage });
  if (files.length === 0) throw new InputError("no series files given", { fix: usage });
  return { origin, horizon, files };
}

function forecastFile(file: string, origin: string, horizon: number): string {
  const cut = parseTimestamp(origin)!;
  const rows = readSamples(file).filter((s) => s.t <= cut);
  if (rows.length < 2) throw new InputError(`only ${rows.length} row(s) at or before the origin ${origin}`, { where: file, fix: "choose a later --origin." });
  const series = regularize(rows, file);
  const f = forecastSeries(series.values, horizon, { stepSeconds: series.stepSeconds });
  return JSON.stringify({ file, origin, stepSeconds: series.stepSeconds, forecast: f.mean, lower: f.lower, upper: f.upper });
}

/** Prints a line per file; a file that fails is reported on stderr and the others still run. */
function main(): number {
  let exitCode = 0;
  const report = (error: unknown): number => {
    process.stderr.write(`error: ${SkyweaveError.is(error) ? formatError(error) : String(error)}\n`);
    return SkyweaveError.is(error) ? error.exitCode : 70;
  };
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    return report(error);
  }
  for (const file of args.files) {
    try {
      process.stdout.write(`${forecastFile(file, args.origin, args.horizon)}\n`);
    } catch (error) {
      exitCode = Math.max(exitCode, report(error));
    }
  }
  return exitCode;
}

process.exitCode = main();
