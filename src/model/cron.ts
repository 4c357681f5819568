/**
 * Cron schedules as Kubernetes reads them. The CronJob controller and API validation parse a
 * schedule with robfig/cron v3's standard parser (`cron.ParseStandard`, called from
 * kubernetes/kubernetes pkg/apis/batch/validation/validation.go `validateScheduleFormat`,
 * which also refuses `TZ=` and `CRON_TZ=` in the schedule). That parser
 * (github.com/robfig/cron/v3 parser.go: `getField`, `getRange`, `parseDescriptor`) accepts:
 *
 * - five fields, minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-6,
 *   0 is Sunday; 7 is refused);
 * - in each field a comma list of `*` or `?` (any), `N`, `N-M`, each with an optional `/step`
 *   (`N/step` means `N-max/step`); ranges may not run backwards; steps are at least 1;
 * - month names JAN-DEC and day names SUN-SAT in any case, also in ranges (`MON-FRI`);
 * - the macros @yearly @annually @monthly @weekly @daily @midnight @hourly (case-sensitive).
 *
 * skyweave refuses a few things robfig lets through: `@every <duration>` (neither EventBridge
 * Scheduler cron nor the scaling schedule can keep an arbitrary interval; write it as cron),
 * empty list items (`1,,2`), signed numbers (`+5`) and a range after `*` (`*-5`, which robfig
 * reads as `*`). And it refuses a schedule that never fires (`0 0 30 2 *`): the next run is
 * computed with cron-parser from the parsed fields.
 */
import { CronExpressionParser } from "cron-parser";

/** One item of a field's comma list: `start-end/step`, with `*` and `N/step` spelled out. */
export interface CronRange {
  /** First value, after names are turned into numbers. */
  readonly start: number;
  /** Last value the range may reach. */
  readonly end: number;
  /** Step between values, at least 1. */
  readonly step: number;
  /** Written as `*` or `?` (with or without a step). */
  readonly any: boolean;
  /** Written as `N/step`: from N to the field's maximum. */
  readonly open: boolean;
}

/** A parsed field: its items, the values they select, and robfig's "star" bit. */
export interface CronField {
  readonly ranges: readonly CronRange[];
  /** The values selected, ascending. */
  readonly values: readonly number[];
  /**
   * True when some item is `*` or `?` without a step above 1. robfig fires on a day when
   * both day fields match if either is a star, and when either matches otherwise.
   */
  readonly star: boolean;
}

/** A parsed five-field schedule. */
export interface CronSchedule {
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

/** The result of parsing: a schedule, or what is wrong with the text and how to fix it. */
export type CronParseResult = { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly problem: string; readonly fix: string };

interface FieldSpec {
  readonly key: keyof CronSchedule;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly allowed: string;
  readonly names?: readonly string[];
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const FIELDS: readonly FieldSpec[] = [
  { key: "minute", label: "minute", min: 0, max: 59, allowed: "0-59" },
  { key: "hour", label: "hour", min: 0, max: 23, allowed: "0-23" },
  { key: "dayOfMonth", label: "day of the month", min: 1, max: 31, allowed: "1-31" },
  { key: "month", label: "month", min: 1, max: 12, allowed: "1-12 or JAN-DEC", names: MONTH_NAMES },
  { key: "dayOfWeek", label: "day of the week", min: 0, max: 6, allowed: "0-6 or SUN-SAT (0 is Sunday)", names: DAY_NAMES },
];

/** The macros Kubernetes accepts, as the five fields they stand for. */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const MONTH_LABELS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** Days in each month, February in a leap year (a schedule on the 29th fires every four years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const SYNTAX_FIX =
  'write five fields, minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (03:00 every day) or "*/15 8-18 * * MON-FRI", or a macro: @hourly, @daily, @weekly, @monthly or @yearly.';

/** A number or (for months and days) a name: its value, or undefined. */
function valueOf(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = spec.names?.indexOf(text.toLowerCase() as never) ?? -1;
  if (index < 0) return undefined;
  return spec.key === "month" ? index + 1 : index;
}

function describeValue(text: string, spec: FieldSpec): string {
  return `${spec.label} "${text}" is not a number${spec.names ? " or a name" : ""}: expected ${spec.allowed}`;
}

/** Parses one field; returns its problems when it has any. */
function parseField(text: string, spec: FieldSpec): CronField | string[] {
  const problems: string[] = [];
  const ranges: CronRange[] = [];
  for (const item of text.split(",")) {
    if (item === "") {
      problems.push(`${spec.label} "${text}" has an empty list item`);
      continue;
    }
    const parts = item.split("/");
    if (parts.length > 2) {
      problems.push(`${spec.label} "${item}" has more than one "/"`);
      continue;
    }
    const [body = "", stepText] = parts;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) {
        problems.push(`${spec.label} "${item}" has a step "${stepText}" that is not a number`);
        continue;
      }
      step = Number(stepText);
      if (step === 0) {
        problems.push(`${spec.label} "${item}" has a step of 0; a step is 1 or more`);
        continue;
      }
    }
    if (body === "*" || body === "?") {
      ranges.push({ start: spec.min, end: spec.max, step, any: true, open: false });
      continue;
    }
    const bounds = body.split("-");
    if (bounds.length > 2) {
      problems.push(`${spec.label} "${item}" has more than one "-"`);
      continue;
    }
    const values = bounds.map((b) => valueOf(b, spec));
    const bad = bounds.filter((_, i) => values[i] === undefined);
    if (bad.length > 0) {
      problems.push(...bad.map((b) => describeValue(b, spec)));
      continue;
    }
    const start = values[0]!;
    const end = bounds.length === 2 ? values[1]! : stepText !== undefined ? spec.max : start;
    const outside = [start, ...(bounds.length === 2 ? [end] : [])].filter((v) => v < spec.min || v > spec.max);
    if (outside.length > 0) {
      problems.push(`${spec.label} ${outside.join(" and ")} ${outside.length > 1 ? "are" : "is"} out of range ${spec.allowed}`);
      continue;
    }
    if (start > end) {
      problems.push(`${spec.label} range "${body}" runs backwards; write it from low to high, or as a list`);
      continue;
    }
    ranges.push({ start, end, step, any: false, open: bounds.length === 1 && stepText !== undefined });
  }
  if (problems.length > 0) return problems;
  const selected = new Set<number>();
  for (const r of ranges) for (let v = r.start; v <= r.end; v += r.step) selected.add(v);
  return { ranges, values: [...selected].sort((a, b) => a - b), star: ranges.some((r) => r.any && r.step === 1) };
}

/**
 * Parses a schedule the way Kubernetes does (see the file comment): five fields or a macro,
 * surrounding whitespace ignored. Does not check that the schedule ever fires.
 */
export function parseCron(text: string): CronParseResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "the schedule is empty", fix: SYNTAX_FIX };
  if (trimmed.includes("TZ")) {
    return {
      ok: false,
      problem: "a schedule cannot name its time zone (TZ= or CRON_TZ=); Kubernetes refuses it",
      fix: 'leave TZ= out: a CronJob takes its time zone from the timeZone prop (e.g. timeZone: "Europe/Berlin"), and replicas.schedule times are UTC.',
    };
  }
  if (trimmed.startsWith("@")) {
    const fields = CRON_MACROS[trimmed];
    if (fields !== undefined) return parseCron(fields);
    if (trimmed.startsWith("@every")) {
      return { ok: false, problem: "@every intervals are not supported", fix: 'write the interval as a cron expression, e.g. "*/5 * * * *" (every 5 minutes) or "0 */2 * * *" (every 2 hours).' };
    }
    return { ok: false, problem: `unknown macro "${trimmed}"; the macros are ${Object.keys(CRON_MACROS).join(" ")}`, fix: SYNTAX_FIX };
  }
  const texts = trimmed.split(/\s+/);
  if (texts.length !== 5) return { ok: false, problem: `it has ${texts.length} field${texts.length === 1 ? "" : "s"}, not 5`, fix: SYNTAX_FIX };
  const problems: string[] = [];
  const fields: Partial<Record<keyof CronSchedule, CronField>> = {};
  FIELDS.forEach((spec, i) => {
    const field = parseField(texts[i]!, spec);
    if (Array.isArray(field)) problems.push(...field);
    else fields[spec.key] = field;
  });
  if (problems.length > 0) return { ok: false, problem: problems.join("; "), fix: SYNTAX_FIX };
  return { ok: true, schedule: fields as CronSchedule };
}

/** The schedule as plain fields of numbers for cron-parser: `*` where robfig sees a star, else the values. */
function plainFields(s: CronSchedule): string {
  return FIELDS.map((spec) => {
    const field = s[spec.key];
    return field.star ? "*" : field.values.join(",");
  }).join(" ");
}

/** Whether a day of the month it names exists in a month it names (only matters with a day-of-week star). */
function daysExist(s: CronSchedule): boolean {
  return s.dayOfMonth.star || !s.dayOfWeek.star || s.month.values.some((m) => s.dayOfMonth.values.some((d) => d <= MONTH_DAYS[m - 1]!));
}

/** Why a schedule never fires, in words: which months lack which days. */
function neverFiresReason(s: CronSchedule): string {
  if (daysExist(s)) return "it never fires";
  const months = s.month.values.map((m) => MONTH_LABELS[m - 1]!);
  const days = s.dayOfMonth.values;
  const monthText = months.length <= 2 ? months.join(" and ") : `${months.slice(0, -1).join(", ")} and ${months.at(-1)}`;
  const dayText = days.length === 1 ? `day ${days[0]}` : `day ${days.slice(0, -1).join(", ")} or ${days.at(-1)}`;
  return `it never fires: ${monthText} ${months.length === 1 ? "has" : "have"} no ${dayText}`;
}

/**
 * The next time a parsed schedule fires after `from` (UTC), computed by cron-parser; undefined
 * when it never fires. cron-parser is given plain numbers, and robfig's day rule survives:
 * with both day fields restricted, a day matching either fires.
 */
export function nextRun(schedule: CronSchedule, from: Date = new Date()): Date | undefined {
  try {
    return CronExpressionParser.parse(plainFields(schedule), { tz: "UTC", currentDate: from }).next().toDate();
  } catch {
    // cron-parser throws when no time matches (e.g. "Invalid explicit day of month definition").
    return undefined;
  }
}

/**
 * What is wrong with a schedule Kubernetes would be given, and how to fix it; undefined when
 * Kubernetes accepts it and it fires.
 */
export function cronProblem(text: string): { readonly problem: string; readonly fix: string } | undefined {
  const parsed = parseCron(text);
  if (!parsed.ok) return { problem: parsed.problem, fix: parsed.fix };
  if (nextRun(parsed.schedule) === undefined) {
    return {
      problem: neverFiresReason(parsed.schedule),
      fix: "choose days of the month that the months have (February has 29 days in leap years, 28 otherwise; April, June, September and November have 30).",
    };
  }
  return undefined;
}
