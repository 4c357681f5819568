#!/usr/bin/env node
/** The `skyweave` binary. Sets `process.exitCode` (never `process.exit`) so output flushes. */
import { run } from "./program.js";

process.exitCode = await run(process.argv);
