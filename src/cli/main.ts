#!/usr/bin/env node
/** The `skyweave` binary. Sets `process.exitCode` (never `process.exit`) so output flushes. */
import { prewarmLoader } from "../app-file/load-model.js";

// Commands that run an app.ts start its loader thread first, so it loads while the CLI does.
if (["synth", "model", "explain", "check", "rightsize", "gen", "import"].includes(process.argv[2] ?? "")) prewarmLoader();
const { run } = await import("./program.js");
process.exitCode = await run(process.argv);
