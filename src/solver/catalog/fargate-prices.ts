/**
 * AWS Fargate prices, ENTERED BY HAND (the corpus has none): Linux/x86, on-demand, us-east-1,
 * from https://aws.amazon.com/fargate/pricing/. Not machine-verified: check them against that
 * page before relying on them. Other regions have no price, so the solver keeps workloads
 * in-cluster there and says why.
 */

/** The date these numbers were entered. */
export const FARGATE_PRICES_AS_OF = "2026-11-23";

/** The page the prices are from. */
export const FARGATE_PRICING_URL = "https://aws.amazon.com/fargate/pricing/";

/** USD per vCPU-hour and per GB-hour of memory, Linux/x86, by region. */
export const FARGATE_LINUX_X86: Readonly<Record<string, { readonly usdPerVcpuHour: number; readonly usdPerGbHour: number }>> = {
  "us-east-1": { usdPerVcpuHour: 0.04048, usdPerGbHour: 0.004445 },
};

/**
 * Valid task sizes: CPU units (1024 = 1 vCPU) and the memory (MiB) each allows, from the ECS
 * documentation's task-size table (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
 */
export const FARGATE_TASK_SIZES: readonly { readonly cpu: number; readonly memoryMiB: readonly number[] }[] = [
  { cpu: 256, memoryMiB: [512, 1024, 2048] },
  { cpu: 512, memoryMiB: range(1024, 4096, 1024) },
  { cpu: 1024, memoryMiB: range(2048, 8192, 1024) },
  { cpu: 2048, memoryMiB: range(4096, 16384, 1024) },
  { cpu: 4096, memoryMiB: range(8192, 30720, 1024) },
  { cpu: 8192, memoryMiB: range(16384, 61440, 4096) },
  { cpu: 16384, memoryMiB: range(32768, 122880, 8192) },
];

/** Task-hours a month a cron job is assumed to run: one hour a day (its schedule's real duration is unknown). */
export const CRON_ASSUMED_TASK_HOURS_PER_MONTH = 30;

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
