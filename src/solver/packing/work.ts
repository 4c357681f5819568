/**
 * The working representation shared by the constructive heuristics and the local search:
 * mutable bins over a compiled problem, a deterministic random source, and a budget counted in
 * work units (so that results never depend on the speed of the machine).
 */
import type { Compiled } from "./compiled.js";
import type { PackedBin } from "./problem.js";

/** A bin being filled: its type, its load per dimension, and one item type index per copy. */
export interface WBin {
  /** Unique within a search (tabu lists refer to bins by it). */
  id: number;
  type: number;
  load: Float64Array;
  items: number[];
}

/** A complete packing: bins, and which optional item types are left out. */
export interface WSolution {
  bins: WBin[];
  leftOut: Uint8Array;
  cost: number;
  method: string;
}

let nextBinId = 1;

/** A fresh empty bin of type `type`. */
export function newBin(c: Compiled, type: number): WBin {
  return { id: nextBinId++, type, load: new Float64Array(c.dims), items: [] };
}

/** Resets bin ids (called at the start of every solve, so ids, and with them tie-breaks, are deterministic). */
export function resetBinIds(): void {
  nextBinId = 1;
}

export function cloneBin(b: WBin): WBin {
  return { id: b.id, type: b.type, load: Float64Array.from(b.load), items: [...b.items] };
}

export function cloneSolution(s: WSolution): WSolution {
  return { bins: s.bins.map(cloneBin), leftOut: Uint8Array.from(s.leftOut), cost: s.cost, method: s.method };
}

/** Cost of the bins plus the alternative costs of the left-out item types. */
export function costOf(c: Compiled, bins: readonly WBin[], leftOut: Uint8Array): number {
  let cost = 0;
  for (const b of bins) cost += c.cost[b.type]!;
  for (let i = 0; i < c.nItems; i++) if (leftOut[i]) cost += c.alt[i]!;
  return cost;
}

/** How many more copies of item type i fit into bin b (0 when the type is not allowed, or i is spread and already in b). */
export function roomFor(c: Compiled, b: WBin, i: number, limit: number): number {
  if (limit <= 0 || !c.fits[i * c.nBinTypes + b.type]) return 0;
  if (c.spread[i]) {
    if (b.items.includes(i)) return 0;
    limit = 1;
  }
  const { dims } = c;
  let n = limit;
  for (let k = 0; k < dims && n > 0; k++) {
    const w = c.size[i * dims + k]!;
    if (w <= 0) continue;
    const free = c.cap[b.type * dims + k]! - b.load[k]!;
    n = Math.min(n, Math.floor(free / w + 1e-12));
  }
  return Math.max(0, n);
}

export function addCopies(c: Compiled, b: WBin, i: number, n: number): void {
  const { dims } = c;
  for (let k = 0; k < dims; k++) b.load[k]! += n * c.size[i * dims + k]!;
  for (let j = 0; j < n; j++) b.items.push(i);
}

/** Number of bins per group. */
export function groupCounts(c: Compiled, bins: readonly WBin[]): Int32Array {
  const n = new Int32Array(c.groupMax.length);
  for (const b of bins) {
    const g = c.group[b.type]!;
    if (g >= 0) n[g]!++;
  }
  return n;
}

/** True when one more bin of type t stays within its group limit. */
export function groupHasRoom(c: Compiled, counts: Int32Array, t: number): boolean {
  const g = c.group[t]!;
  return g < 0 || counts[g]! < c.groupMax[g]!;
}

export function toPackedBins(bins: readonly WBin[]): PackedBin[] {
  return bins.map((b) => ({ type: b.type, items: [...b.items] }));
}

/** Deterministic pseudo-random numbers (mulberry32). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/**
 * A budget of work units (one unit ≈ one evaluated move or one item placement), with a
 * wall-clock emergency stop: `emergencyMs` from now, or the caller's `deadline` (epoch ms, the
 * hard time limit of the whole solve) if that comes first. Results depend only on the units,
 * unless the emergency stop fires. A child budget (`part`) spends from its parent too.
 */
export class Budget {
  used = 0;
  private readonly limit: number;
  private readonly deadline: number;
  private readonly parent: Budget | undefined;
  private stopped = false;
  private sinceClock = 0;

  constructor(limit: number, emergencyMs: number, parent?: Budget, deadline = Infinity) {
    this.limit = limit;
    this.deadline = Math.min(Number.isFinite(emergencyMs) ? Date.now() + emergencyMs : Infinity, deadline);
    this.parent = parent;
  }

  /** A budget of at most `units` more units, drawn from this one. */
  part(units: number): Budget {
    return new Budget(units, Infinity, this);
  }

  /** Spends `n` units. */
  spend(n: number): void {
    this.used += n;
    if (this.parent) {
      this.parent.spend(n);
      return;
    }
    this.sinceClock += n;
    if (this.sinceClock >= 20_000) {
      this.sinceClock = 0;
      if (Date.now() > this.deadline) this.stopped = true;
    }
  }

  get remaining(): number {
    const own = this.stopped ? 0 : Math.max(0, this.limit - this.used);
    return this.parent ? Math.min(own, this.parent.remaining) : own;
  }

  get exhausted(): boolean {
    return this.stopped || this.used >= this.limit || (this.parent?.exhausted ?? false);
  }

  /** True when the wall-clock emergency stop fired (the result may then depend on timing). */
  get emergency(): boolean {
    return this.stopped || (this.parent?.emergency ?? false);
  }
}
