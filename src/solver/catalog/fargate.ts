/**
 * What a workload would cost a month on AWS Fargate: the smallest valid task size that holds
 * one replica's requests, times the replicas (`replicas.min`, at least one), at the list prices
 * of `fargate-prices.ts`; or why there is no offer.
 */
import type { WorkloadModel } from "../../model/app-model.js";
import { HOURS_PER_MONTH, roundUsd } from "./catalog.js";
import { CRON_ASSUMED_TASK_HOURS_PER_MONTH, FARGATE_LINUX_X86, FARGATE_PRICES_AS_OF, FARGATE_PRICING_URL, FARGATE_TASK_SIZES } from "./fargate-prices.js";
import type { ManagedQuote } from "./managed.js";

const MIB = 2 ** 20;

/** A Fargate task size: CPU units (1024 = 1 vCPU) and memory in MiB. */
export interface FargateTaskSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** The smallest valid task size with at least the given CPU and memory, or undefined when none is large enough. */
export function fargateTaskSize(cpuMillicores: number, memoryBytes: number): FargateTaskSize | undefined {
  const cpuUnits = Math.ceil((cpuMillicores * 1024) / 1000);
  const memoryMiB = Math.ceil(memoryBytes / MIB);
  for (const size of FARGATE_TASK_SIZES) {
    if (size.cpu < cpuUnits) continue;
    const memory = size.memoryMiB.find((m) => m >= memoryMiB);
    if (memory !== undefined) return { cpu: size.cpu, memoryMiB: memory };
  }
  return undefined;
}

/** Tasks a workload keeps running: `replicas.min` (at least one) for services and workers. */
export function fargateTasks(workload: WorkloadModel): number {
  return Math.max(1, workload.replicas.min);
}

/** The Fargate offer for a workload in a region, or the reason there is none. */
export function fargateQuote(workload: WorkloadModel, region: string): ManagedQuote {
  const price = FARGATE_LINUX_X86[region];
  if (!price) return { ok: false, reason: `skyweave has no Fargate price for ${region} (Fargate prices are entered by hand for us-east-1 only)` };
  if (workload.volume) return { ok: false, reason: "it keeps a volume per replica, which skyweave runs only as a StatefulSet on a cluster" };
  if (workload.resources.requests.gpus > 0) return { ok: false, reason: "it needs GPUs, which Fargate does not offer" };
  const { cpuMillicores, memoryBytes } = workload.resources.requests;
  const size = fargateTaskSize(cpuMillicores, memoryBytes);
  if (!size) return { ok: false, reason: `no Fargate task size holds ${cpuMillicores}m CPU and ${Math.ceil(memoryBytes / MIB)} MiB` };
  const hourly = (size.cpu / 1024) * price.usdPerVcpuHour + (size.memoryMiB / 1024) * price.usdPerGbHour;
  const cron = workload.kind === "cronjob";
  const tasks = cron ? 1 : fargateTasks(workload);
  const hours = cron ? CRON_ASSUMED_TASK_HOURS_PER_MONTH : HOURS_PER_MONTH;
  const usd = roundUsd(hourly * hours * tasks);
  const sizeName = `${size.cpu / 1024} vCPU / ${size.memoryMiB / 1024} GB`;
  return {
    ok: true,
    offer: {
      kind: workload.kind,
      service: "fargate",
      region,
      instanceType: `${size.cpu}/${size.memoryMiB}`,
      monthlyUsd: usd,
      items: [{ item: `${tasks} × ${sizeName} task at $${roundUsd(hourly * 10000) / 10000}/h × ${hours} h`, monthlyUsd: usd }],
      source: `AWS list prices from ${FARGATE_PRICING_URL} as of ${FARGATE_PRICES_AS_OF}, entered by hand, not machine-verified (src/solver/catalog/fargate-prices.ts)`,
      assumptions: [
        "Linux/x86, on-demand; the task size holds one replica's requests",
        cron ? `the cron job runs ${CRON_ASSUMED_TASK_HOURS_PER_MONTH} task-hours a month (one hour a day)` : `${tasks} task(s) always running (replicas.min, at least one)`,
        workload.public ? "the Application Load Balancer in front of it, data transfer and logs are not included" : "data transfer and logs are not included",
      ],
    },
  };
}
