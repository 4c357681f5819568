/**
 * Cron schedules are read as Kubernetes reads them (robfig/cron v3's standard parser): what it
 * accepts is accepted, what it refuses is refused with the field and the allowed values, and a
 * schedule that never fires is refused too.
 */
import { describe, expect, it } from "vitest";
import { cronProblem, nextRun, parseCron } from "../../src/model/cron.js";
import { isCronExpression } from "../../src/index.js";
import { ACCEPTED_SCHEDULES } from "../constructs/schedules.js";


describe("cron schedules as Kubernetes reads them", () => {
  it.each(ACCEPTED_SCHEDULES)("accepts %j", (schedule) => {
    expect(cronProblem(schedule)).toBeUndefined();
    expect(isCronExpression(schedule)).toBe(true);
  });

  it.each([
    ["61 * * * *", "minute 61 is out of range 0-59"],
    ["0 24 * * *", "hour 24 is out of range 0-23"],
    ["0 0 0 * *", "day of the month 0 is out of range 1-31"],
    ["0 0 * 13 *", "month 13 is out of range 1-12 or JAN-DEC"],
    ["0 0 * * 7", "day of the week 7 is out of range 0-6 or SUN-SAT (0 is Sunday)"],
    ["0 0 * * FRI-MON", 'day of the week range "FRI-MON" runs backwards; write it from low to high, or as a list'],
    ["*/0 * * * *", 'minute "*/0" has a step of 0; a step is 1 or more'],
    ["1/2/3 * * * *", 'minute "1/2/3" has more than one "/"'],
    ["1-2-3 * * * *", 'minute "1-2-3" has more than one "-"'],
    ["1,,2 * * * *", 'minute "1,,2" has an empty list item'],
    ["0 0 * * monday", 'day of the week "monday" is not a number or a name: expected 0-6 or SUN-SAT (0 is Sunday)'],
    ["0 0 L * *", 'day of the month "L" is not a number: expected 1-31'],
    ["0 0 * * 1#2", 'day of the week "1#2" is not a number or a name: expected 0-6 or SUN-SAT (0 is Sunday)'],
    ["0 0 0 * * *", "it has 6 fields, not 5"],
    ["every night", "it has 2 fields, not 5"],
    ["", "the schedule is empty"],
    ["@DAILY", 'unknown macro "@DAILY"; the macros are @yearly @annually @monthly @weekly @daily @midnight @hourly'],
    ["@every 1h", "@every intervals are not supported"],
    ["CRON_TZ=UTC 0 3 * * *", "a schedule cannot name its time zone (TZ= or CRON_TZ=); Kubernetes refuses it"],
    ["TZ=UTC 0 3 * * *", "a schedule cannot name its time zone (TZ= or CRON_TZ=); Kubernetes refuses it"],
  ])("refuses %j: %s", (schedule, problem) => {
    expect(cronProblem(schedule)?.problem).toBe(problem);
    expect(isCronExpression(schedule)).toBe(false);
  });

  it.each([
    ["0 0 30 2 *", "it never fires: February has no day 30"],
    ["0 0 30,31 2 *", "it never fires: February has no day 30 or 31"],
    ["0 0 31 2,4,6,9,11 *", "it never fires: February, April, June, September and November have no day 31"],
    ["0 0 31 4 ?", "it never fires: April has no day 31"],
  ])("refuses %j, which never fires", (schedule, problem) => {
    expect(cronProblem(schedule)?.problem).toBe(problem);
  });

  it("computes the next run with Kubernetes' day rule: with both day fields set, either one fires", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    const next = (s: string) => {
      const parsed = parseCron(s);
      if (!parsed.ok) throw new Error(parsed.problem);
      return nextRun(parsed.schedule, from)?.toISOString();
    };
    expect(next("0 3 * * *")).toBe("2026-01-01T03:00:00.000Z");
    expect(next("0 0 29 2 *")).toBe("2028-02-29T00:00:00.000Z");
    // February 30 never comes, but a Monday in February does.
    expect(next("0 0 30 2 MON")).toBe("2026-02-02T00:00:00.000Z");
    expect(next("0 0 30 2 *")).toBeUndefined();
  });

  it("reads names in any case and ? as *, like robfig/cron", () => {
    const parsed = parseCron("0 9 ? jan-Mar MON-fri");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.schedule.dayOfMonth.star).toBe(true);
    expect(parsed.schedule.month.values).toEqual([1, 2, 3]);
    expect(parsed.schedule.dayOfWeek.values).toEqual([1, 2, 3, 4, 5]);
  });
});
