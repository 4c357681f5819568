/**
 * A predictive schedule from a day's forecast: for each hour of the day (UTC), the replicas
 * the forecast's upper bound needs at the autoscaler's target, raised `leadMinutes` before
 * the hour so new pods are ready when the load comes. Hours that need the same floor merge
 * into one step; the schedule is a list of cron steps that each set the autoscaler's minimum.
 */
import type { ScheduleStep } from "../model/app-model.js";

/** Inputs of `predictiveSchedule()`. */
export interface ScheduleInput {
  /** The forecast's upper bound (total cores), one per step. */
  readonly upper: readonly number[];
  /** Seconds since the epoch of `upper[0]`. */
  readonly start: number;
  readonly stepSeconds: number;
  /** Replicas needed for a load (total cores). */
  readonly replicasFor: (load: number) => number;
  /** How early to raise the floor. Default 10 minutes. */
  readonly leadMinutes?: number;
}

/** The replicas each hour of the day (0–23, UTC) needs, from the forecast; hours the forecast does not reach reuse the last day's value at that hour, else 0. */
export function hourlyNeeds(input: ScheduleInput): number[] {
  const lead = input.leadMinutes ?? 10;
  const needs = new Array<number>(24).fill(0);
  input.upper.forEach((load, i) => {
    const minute = Math.floor(((input.start + i * input.stepSeconds) % 86_400) / 60);
    const hour = Math.floor(minute / 60);
    const replicas = input.replicasFor(load);
    needs[hour] = Math.max(needs[hour]!, replicas);
    // The last `lead` minutes of an hour already count for the next one.
    if (minute % 60 >= 60 - lead) needs[(hour + 1) % 24] = Math.max(needs[(hour + 1) % 24]!, replicas);
  });
  return needs;
}

/**
 * Cron steps (UTC) that set the minimum to each hour's need, `lead` minutes before the hour,
 * only where it changes; none when one floor fits the whole day.
 */
export function scheduleSteps(needs: readonly number[], leadMinutes = 10): ScheduleStep[] {
  if (needs.every((n) => n === needs[0])) return [];
  const steps: ScheduleStep[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (needs[hour] === needs[(hour + 23) % 24]) continue;
    const at = (hour * 60 - leadMinutes + 1440) % 1440;
    steps.push({ cron: `${at % 60} ${Math.floor(at / 60)} * * *`, min: needs[hour]! });
  }
  return steps;
}
