import { describe, expect, it } from "vitest";
import type { WorkloadModel } from "../../src/model/app-model.js";
import type { RegularSeries } from "../../src/metrics/index.js";
import { InputError } from "../../src/errors.js";
import { fillShortDips, hourlyNeeds, MAX_HEADROOM, RECOMMENDED_SCALING, recommend, scheduleSteps, targetCpuPercent } from "../../src/rightsize/index.js";

const DAY = 288;

function workload(overrides: Partial<WorkloadModel> = {}): WorkloadModel {
  return {
    name: "web",
    path: "shop/web",
    kind: "service",
    image: "ghcr.io/acme/web:1.0.0",
    env: {},
    resources: { requests: { cpuMillicores: 500, memoryBytes: 512 * 2 ** 20, gpus: 0 }, limits: { cpuMillicores: 2000, memoryBytes: 2 ** 30, gpus: 0 } },
    constraints: { on: [], regions: [] },
    replicas: { min: 1, max: 1 },
    public: false,
    autoscaling: { targetCpuPercent: 70, targetMemoryPercent: 80 },
    terminationGracePeriodSeconds: 30,
    runAsUser: 1000,
    readOnlyRootFilesystem: true,
    writablePaths: [],
    addCapabilities: [],
    ...overrides,
  };
}

/** Seven days of 5-minute CPU totals (cores): `base` at night, `peak` from 09:00 to 17:00 UTC, deterministic wiggle. */
function officeHours(base: number, peak: number, days = 7): RegularSeries {
  const values = Array.from({ length: days * DAY }, (_, i) => {
    const hour = Math.floor((i % DAY) / 12);
    return (hour >= 9 && hour < 17 ? peak : base) * (1 + 0.05 * Math.sin(i * 1.7));
  });
  return { source: "synthetic", start: Date.UTC(2024, 0, 1) / 1000, stepSeconds: 300, values, filled: values.map(() => false), quirks: { repeatedTimestamps: 0, respread: 0, filled: 0 } };
}

describe("recommend", () => {
  it("sets the CPU request from the 90th percentile of one replica's load, plus 15 %", () => {
    const r = recommend({ workload: workload(), cpu: officeHours(0.2, 0.2) });
    // a flat 0.2 cores ± 5 %: p90 ≈ 0.21, × 1.15 ≈ 0.24
    expect(r.recommended.cpuMillicores).toBeGreaterThanOrEqual(235);
    expect(r.recommended.cpuMillicores).toBeLessThanOrEqual(250);
    expect(r.recommended.cpuMillicores! % 5).toBe(0);
  });

  it("divides the total by the replicas it was measured on", () => {
    const one = recommend({ workload: workload(), cpu: officeHours(0.4, 0.4) });
    const two = recommend({ workload: workload(), cpu: officeHours(0.4, 0.4), measuredReplicas: 2 });
    expect(Math.abs(two.recommended.cpuMillicores! * 2 - one.recommended.cpuMillicores!)).toBeLessThanOrEqual(10);
  });

  it("raises the replica floor ahead of a daily peak and lowers it after", () => {
    // measured on 4 replicas: a replica's request is about a quarter of the peak
    const r = recommend({ workload: workload(), cpu: officeHours(0.1, 1.0), measuredReplicas: 4 });
    const plan = r.recommended.replicas!;
    expect(plan.schedule).toBeDefined();
    const up = plan.schedule!.find((s) => s.min > plan.min)!;
    const down = plan.schedule!.find((s) => s.min === plan.min)!;
    expect(up.cron).toBe("50 8 * * *"); // ten minutes before 09:00 UTC
    expect(down.cron).toBe("50 17 * * *"); // the 17:00 hour still ends at peak load within its lead window
    // at the peak, the floor carries the load at the floors' target utilisation
    expect(up.min * (r.recommended.cpuMillicores! / 1000) * RECOMMENDED_SCALING.floor).toBeGreaterThanOrEqual(1.0);
    expect(plan.max).toBeGreaterThanOrEqual(up.min);
    expect(plan.min).toBeGreaterThanOrEqual(1);
  });

  it("gives the HPA above the floors the target the benchmark chose, and room to double past the highest load", () => {
    const r = recommend({ workload: workload(), cpu: officeHours(0.1, 1.0) });
    const plan = r.recommended.replicas!;
    expect(plan.targetCpuPercent).toBe(targetCpuPercent(RECOMMENDED_SCALING));
    expect(plan.targetMemoryPercent).toBeUndefined(); // the app keeps the default
    const perReplica = (r.recommended.cpuMillicores! / 1000) * RECOMMENDED_SCALING.hpa;
    expect(plan.max).toBeGreaterThanOrEqual(MAX_HEADROOM * Math.ceil(r.cpu!.max / perReplica));
    const kept = recommend({ workload: workload({ autoscaling: { targetCpuPercent: 50, targetMemoryPercent: 60 } }), cpu: officeHours(0.1, 1.0) });
    expect(kept.recommended.replicas).toMatchObject({ targetCpuPercent: targetCpuPercent(RECOMMENDED_SCALING), targetMemoryPercent: 60 });
  });

  it("keeps one floor all day when the load has no daily cycle", () => {
    let seed = 3;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const flat = officeHours(0.5, 0.5);
    const r = recommend({ workload: workload(), cpu: { ...flat, values: flat.values.map((v) => v * (0.7 + 0.6 * noise())) } });
    expect(r.cpu!.model).not.toMatch(/m=288/);
    expect(r.recommended.replicas!.schedule).toBeUndefined();
  });

  it("does not let a spike drive the recommendation, and reports it", () => {
    const series = officeHours(0.2, 0.2);
    const spiked = { ...series, values: series.values.map((v, i) => (i >= 1000 && i < 1003 ? 5 : v)) };
    const r = recommend({ workload: workload(), cpu: spiked });
    const calm = recommend({ workload: workload(), cpu: series });
    expect(r.recommended.cpuMillicores).toBe(calm.recommended.cpuMillicores);
    expect(r.recommended.replicas!.max).toBeLessThanOrEqual(calm.recommended.replicas!.max);
    expect(r.cpu!.anomalies.some((a) => a.from <= 1000 && a.to >= 1002)).toBe(true);
  });

  it("plans replicas only from a day or more of data, and refuses fewer than an hour", () => {
    const short = officeHours(0.2, 0.2, 1);
    const halfDay = { ...short, values: short.values.slice(0, 144), filled: short.filled.slice(0, 144) };
    const r = recommend({ workload: workload(), cpu: halfDay });
    expect(r.recommended.cpuMillicores).toBeGreaterThan(0);
    expect(r.recommended.replicas).toBeUndefined();
    expect(r.notes.join(" ")).toContain("less than a day");
    const tiny = { ...short, values: short.values.slice(0, 5), filled: short.filled.slice(0, 5) };
    expect(() => recommend({ workload: workload(), cpu: tiny })).toThrow(/at least 12/);
  });

  it("does not cap a request whose limit is the default one, which follows the request", () => {
    const defaults = workload({ resources: { requests: { cpuMillicores: 500, memoryBytes: 2 ** 28, gpus: 0 }, limits: { cpuMillicores: 1000, memoryBytes: 2 ** 28, gpus: 0 } } });
    const r = recommend({ workload: defaults, cpu: officeHours(3, 3), memory: officeHours(2 ** 29, 2 ** 29), explicitLimits: { cpu: false, memory: false } });
    expect(r.recommended.cpuMillicores).toBeGreaterThan(3000);
    expect(r.recommended.memoryBytes).toBeGreaterThan(2 ** 29);
    expect(r.notes.filter((n) => n.includes("capped"))).toEqual([]);
  });

  it("caps a request at its limit and says so", () => {
    const r = recommend({ workload: workload(), cpu: officeHours(3, 3) });
    expect(r.recommended.cpuMillicores).toBe(2000);
    expect(r.notes.join(" ")).toContain("raise cpuLimit");
  });

  it("sets memory from the 99th percentile plus 15 %, in whole MiB", () => {
    const mem = officeHours(300 * 2 ** 20, 300 * 2 ** 20);
    const r = recommend({ workload: workload(), memory: mem });
    expect(r.recommended.memoryBytes! % 2 ** 20).toBe(0);
    expect(r.recommended.memoryBytes! / 2 ** 20).toBeGreaterThan(345);
    expect(r.recommended.memoryBytes! / 2 ** 20).toBeLessThan(370);
    expect(r.recommended.replicas).toBeUndefined();
  });
});

describe("schedule", () => {
  it("needs one floor per hour, counting the last minutes of an hour for the next", () => {
    const upper = Array.from({ length: DAY }, (_, i) => (i === 9 * 12 - 1 ? 10 : 1)); // a peak at 08:55
    const needs = hourlyNeeds({ upper, start: 0, stepSeconds: 300, replicasFor: (l) => Math.ceil(l) });
    expect(needs[8]).toBe(10);
    expect(needs[9]).toBe(10);
    expect(needs[10]).toBe(1);
  });

  it("fills one-hour dips between higher hours, and never lowers a floor", () => {
    expect(fillShortDips([3, 1, 3, 1, 1, 2, 4, 2, 5, 1, 1, 1])).toEqual([3, 3, 3, 1, 1, 2, 4, 4, 5, 1, 1, 1]);
    expect(fillShortDips([1, 4, 1])).toEqual([1, 4, 1]);
  });

  it("has no steps when one floor fits the whole day, else one per change", () => {
    expect(scheduleSteps(Array(24).fill(2))).toEqual([]);
    const needs = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 3 : 1));
    expect(scheduleSteps(needs)).toEqual([
      { cron: "50 8 * * *", min: 3 },
      { cron: "50 16 * * *", min: 1 },
    ]);
    expect(scheduleSteps([4, ...Array(23).fill(1)])).toEqual([
      { cron: "50 23 * * *", min: 4 },
      { cron: "50 0 * * *", min: 1 },
    ]);
  });
});

describe("implausible series", () => {
  const flat = (value: number, source: string): RegularSeries => ({ ...officeHours(value, value, 2), source });

  it("a request beyond any machine, with no limit of the app's own to cap it, is bad input naming the series", () => {
    const cpu = () => recommend({ workload: workload(), cpu: flat(200_000, "big.cpu.csv"), explicitLimits: { cpu: false, memory: false } });
    expect(cpu).toThrow(InputError);
    expect(cpu).toThrow(/^the series asks for a CPU request of \d+m \(the series peaks at [\d.]+ cores\): more than any machine has$/);
    const memory = () => recommend({ workload: workload(), memory: flat(2 ** 51, "big.memory.csv"), explicitLimits: { cpu: false, memory: false } });
    expect(memory).toThrow(/^the series asks for a memory request of \d+ bytes/);
  });

  it("a request beyond any machine that the app's own limit caps is only a note", () => {
    const r = recommend({ workload: workload(), cpu: flat(200_000, "big.cpu.csv"), explicitLimits: { cpu: true, memory: true } });
    expect(r.recommended.cpuMillicores).toBe(2000);
    expect(r.notes[0]).toMatch(/^CPU request capped at its limit 2000m \(the metrics ask for \d+m\): raise cpuLimit$/);
  });

  it("more replicas than Kubernetes counts is bad input naming the series", () => {
    let error: unknown;
    try {
      recommend({ workload: workload(), cpu: flat(1e10, "bytes-as-cores.csv"), explicitLimits: { cpu: true, memory: true } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toBe("bytes-as-cores.csv");
    expect((error as InputError).message).toMatch(/^the series needs \d+ replicas of 2000m for its peak of [\d.e+]+ cores: more than Kubernetes can run \(2147483647\)$/);
  });
});
