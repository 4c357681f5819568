/**
 * Recommendations no cluster can run: more replicas than Kubernetes counts (2³¹ − 1), or a
 * request beyond what any machine has (or too large to write as a whole number). They come from a
 * series in the wrong unit (bytes read as cores, millicores as cores) or a broken export,
 * and are reported as bad input naming the series, instead of printed as `Infinity` or
 * written into app.ts, where loading it fails with a message about a temporary file.
 */
import { MAX_CPU_MILLICORES, MAX_MEMORY_BYTES, MAX_REPLICAS } from "../constructs/schemas.js";
import { InputError } from "../errors.js";

const UNIT_FIX =
  'check the series\' unit: --cpu and <workload>.cpu.csv are in cores, --memory and <workload>.memory.csv in bytes (one replica\'s); in a metrics config, set "unit" ("millicores", or "percent" with "of").';

/**
 * Throws when the request the series at `source` asks for (`asked` millicores or bytes) is
 * not a safe whole number, or when the request to be written (`written`, `asked` capped at a
 * limit) is beyond what a workload may request (100000 cores, 1Pi: `MAX_CPU_MILLICORES`,
 * `MAX_MEMORY_BYTES`).
 */
export function checkRequest(kind: "cpu" | "memory", asked: number, written: number, peak: number, source: string): void {
  const max = Number(kind === "cpu" ? MAX_CPU_MILLICORES : MAX_MEMORY_BYTES);
  if (Number.isSafeInteger(asked) && written <= max) return;
  const what = kind === "cpu" ? `a CPU request of ${asked}m (the series peaks at ${peak} cores)` : `a memory request of ${asked} bytes (the series peaks at ${peak} bytes)`;
  throw new InputError(`the series asks for ${what}: more than any machine has`, { where: source, fix: UNIT_FIX });
}

/** Throws when the recommended `max` replicas (for the CPU series at `source`) exceed what Kubernetes can run. */
export function checkReplicas(max: number, peak: number, millicores: number, source: string): void {
  if (Number.isInteger(max) && max <= MAX_REPLICAS) return;
  throw new InputError(`the series needs ${max} replicas of ${millicores}m for its peak of ${peak} cores: more than Kubernetes can run (${MAX_REPLICAS})`, { where: source, fix: UNIT_FIX });
}
