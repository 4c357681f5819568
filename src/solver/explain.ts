/**
 * Why each part runs where it does: the constraint that bound the choice, and for every
 * alternative the constraint it breaks or what it would cost the app. Alternative costs are
 * measured, by packing the cluster again with the part moved, not estimated.
 */
import type { PartModel } from "../model/app-model.js";
import type { ClusterProblem } from "./cluster-problem.js";
import type { PartOption, PartOptions } from "./options.js";
import type { PackingProblem, PackingSolution } from "./packing/problem.js";
import { solvePackingHeuristic } from "./packing/solve.js";
import type { Alternative } from "./placement.js";

/** Time given to each re-pack that prices an alternative. */
const ALTERNATIVE_TIME_LIMIT_MS = 200;

/** Where the part ended up, as the explanation needs it. */
export type Outcome =
  | { readonly mode: "in-cluster"; readonly cluster: ClusterProblem; readonly solution: PackingSolution; readonly item: number; readonly managed?: Extract<PartOption, { kind: "managed" }> }
  | { readonly mode: "managed"; readonly option: Extract<PartOption, { kind: "managed" }>; readonly cluster?: ClusterProblem; readonly solution?: PackingSolution; readonly item?: number }
  | { readonly mode: "idle"; readonly target: string };

/** A money amount for messages: `$12.34`. */
export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** The cost of the best packing the heuristics find, or undefined (none found, or the deadline has passed). */
function repackCost(problem: PackingProblem, deadline: number): number | undefined {
  if (Date.now() >= deadline) return undefined;
  try {
    return solvePackingHeuristic(problem, { timeLimitMs: ALTERNATIVE_TIME_LIMIT_MS, deadline }).cost;
  } catch {
    return undefined;
  }
}

function withoutItem(problem: PackingProblem, item: number): PackingProblem {
  return { ...problem, items: problem.items.filter((_, i) => i !== item) };
}

function forcedIn(problem: PackingProblem, item: number): PackingProblem {
  return { ...problem, items: problem.items.map((it, i) => (i === item ? { ...it, alternativeCost: undefined } : it)).map(dropUndefined) };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const SERVICE_NAMES = { elasticache: "ElastiCache", rds: "RDS", sqs: "SQS", s3: "S3", fargate: "Fargate" } as const;

/** A managed offer as people name it: `ElastiCache cache.t4g.small`, `SQS`. */
export function serviceName(option: Extract<PartOption, { kind: "managed" }>): string {
  const name = SERVICE_NAMES[option.offer.service];
  return option.offer.instanceType ? `${name} ${option.offer.instanceType}` : name;
}

/** What narrowed the part's targets down, in words (empty when nothing did). */
function narrowing(options: PartOptions): string {
  const byConstraint = new Map<string, string[]>();
  for (const e of options.exclusions) {
    const key = `${e.constraint.where} (${e.constraint.says})`;
    byConstraint.set(key, [...(byConstraint.get(key) ?? []), e.target]);
  }
  return [...byConstraint].map(([c, targets]) => `${c} rules out ${targets.join(", ")}`).join("; ");
}

/**
 * The reason and the alternatives of one part. After `deadline` (epoch ms) alternatives are not
 * re-packed, and their extra cost is left out.
 */
export function explainPart(part: PartModel, options: PartOptions, outcome: Outcome, deadline = Infinity): { reason: string; alternatives: Alternative[] } {
  const alternatives: Alternative[] = options.exclusions.map((e) => ({ option: `target ${e.target}`, breaks: `${e.constraint.where}: ${e.constraint.says}` }));
  const narrowed = narrowing(options);
  const because = narrowed ? ` (${narrowed})` : "";
  if (outcome.mode === "idle") {
    return { reason: `0 replicas to place; it would run on ${outcome.target}${because}`, alternatives };
  }
  if (outcome.mode === "in-cluster") {
    const { cluster, solution, item, managed } = outcome;
    if (managed) {
      const repacked = repackCost(withoutItem(cluster.problem, item), deadline);
      const extra = repacked === undefined ? undefined : repacked + managed.offer.monthlyUsd - solution.cost;
      alternatives.unshift({ option: `managed on ${managed.target.id} (${serviceName(managed)})`, ...(extra !== undefined ? { extraMonthlyUsd: round(Math.max(0, extra)) } : {}) });
      return {
        reason: `in-cluster on ${cluster.target.id} costs the app ${extra !== undefined ? `${usd(Math.max(0, extra))}/month less than` : "no more than"} ${serviceName(managed)} at ${usd(managed.offer.monthlyUsd)}/month${because}`,
        alternatives,
      };
    }
    const only = options.options.length === 1;
    return {
      reason: only
        ? `${cluster.target.path} is the only target ${narrowed ? `its constraints allow${because}` : "that can run it"}`
        : `${cluster.target.path} is the first cluster in its region that its constraints allow${because}`,
      alternatives,
    };
  }
  const { option, cluster, solution, item } = outcome;
  if (cluster && solution && item !== undefined) {
    const repacked = repackCost(forcedIn(cluster.problem, item), deadline);
    const extra = repacked === undefined ? undefined : repacked - solution.cost;
    alternatives.unshift({ option: `in-cluster on ${cluster.target.id}`, ...(extra !== undefined ? { extraMonthlyUsd: round(Math.max(0, extra)) } : {}) });
    return {
      reason: `${serviceName(option)} at ${usd(option.offer.monthlyUsd)}/month costs the app ${extra !== undefined ? `${usd(Math.max(0, extra))}/month less than` : "no more than"} running it in-cluster on ${cluster.target.id}${because}`,
      alternatives,
    };
  }
  return { reason: `${serviceName(option)} on ${option.target.path}: no cluster in ${option.target.region} may run it${because}`, alternatives };
}

/** Rounds USD to cents, for stable output. */
export function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}
