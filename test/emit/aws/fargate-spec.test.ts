/**
 * Fargate descriptions: cron schedules become EventBridge Scheduler expressions (or a clear
 * error when they cannot), and a Fargate workload may only connect to parts managed on its
 * own AwsTarget.
 */
import { describe, expect, it } from "vitest";
import { awsResources } from "../../../src/emit/aws/build-resources.js";
import { schedulerExpression } from "../../../src/emit/aws/fargate-spec.js";
import { App, AwsTarget, CronJob, InputError, KubernetesCluster, Postgres, Worker, emit, loadCatalog, place, toModel } from "../../../src/index.js";
import { CronExpressionParser } from "cron-parser";
import { ACCEPTED_SCHEDULES } from "../../constructs/schedules.js";

const MACROS: Record<string, string> = { "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *" };

/** One field of an AWS cron expression as its documentation allows: numbers, `*`, `?`, lists, ranges and `start/step`. */
const AWS_FIELD = /^(\*|\?|\d+(-\d+)?(\/\d+)?(,\d+(-\d+)?(\/\d+)?)*)$/;

/** The values an AWS cron field selects (as AWS documents the wildcards), ascending. */
function awsValues(field: string, min: number, max: number): number[] {
  if (field === "*" || field === "?") return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const [range = "", step] = item.split("/");
    const [from, to] = range.split("-").map(Number) as [number, number | undefined];
    const end = step !== undefined ? (to ?? max) : (to ?? from);
    for (let v = from; v <= end; v += step === undefined ? 1 : Number(step)) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

describe("schedulerExpression", () => {
  it.each([
    ["0 3 * * *", "cron(0 3 * * ? *)"],
    ["30 2 * * 1", "cron(30 2 ? * 2 *)"],
    ["0 0 * * 0,6", "cron(0 0 ? * 1,7 *)"],
    ["*/15 * 1 * *", "cron(0/15 * 1 * ? *)"],
    ["@daily", "cron(0 0 * * ? *)"],
    ["@weekly", "cron(0 0 ? * 1 *)"],
    // AWS cron has no step in the day of the week: the days are listed.
    ["0 6 * * 1-5/2", "cron(0 6 ? * 2,4,6 *)"],
    ["0 6 * * */2", "cron(0 6 ? * 1,3,5,7 *)"],
  ])("%s → %s", (cron, expected) => {
    expect(schedulerExpression(cron, "a/job")).toBe(expected);
  });

  it.each([
    // Macros, names (in any case), ? and steps, as Kubernetes reads them, in AWS's own syntax.
    ["@yearly", "cron(0 0 1 1 ? *)"],
    ["@annually", "cron(0 0 1 1 ? *)"],
    ["@monthly", "cron(0 0 1 * ? *)"],
    ["@midnight", "cron(0 0 * * ? *)"],
    ["@hourly", "cron(0 * * * ? *)"],
    ["0 9 * * MON-FRI", "cron(0 9 ? * 2-6 *)"],
    ["0 9 * * mon-fri", "cron(0 9 ? * 2-6 *)"],
    ["0 9 * * SUN,sat", "cron(0 9 ? * 1,7 *)"],
    ["0 9 * * MON/2", "cron(0 9 ? * 2,4,6 *)"],
    ["0 0 1 JAN,jul *", "cron(0 0 1 1,7 ? *)"],
    ["0 0 1 */3 *", "cron(0 0 1 1/3 ? *)"],
    ["0 0 */2 * *", "cron(0 0 1/2 * ? *)"],
    ["5/15 * * * *", "cron(5/15 * * * ? *)"],
    ["0-30/10 8-18 * * *", "cron(0,10,20,30 8-18 * * ? *)"],
    ["0 0 ? * *", "cron(0 0 * * ? *)"],
    ["0 0 * * ?", "cron(0 0 * * ? *)"],
    ["? ? ? ? ?", "cron(* * * * ? *)"],
    ["0 0 ? * 1", "cron(0 0 ? * 2 *)"],
    ["  0   3 * * *  ", "cron(0 3 * * ? *)"],
  ])("%j → %s", (cron, expected) => {
    expect(schedulerExpression(cron, "a/job")).toBe(expected);
  });

  it("converts every schedule the constructs accept to the same times in AWS's grammar", () => {
    for (const schedule of ACCEPTED_SCHEDULES) {
      const k8s = CronExpressionParser.parse(MACROS[schedule.trim()] ?? schedule.trim().replace(/\?/g, "*")).fields;
      const dowStar = /^[*?](\/1)?$/.test((MACROS[schedule.trim()] ?? schedule).trim().split(/\s+/)[4]!);
      const domStar = /^[*?](\/1)?$/.test((MACROS[schedule.trim()] ?? schedule).trim().split(/\s+/)[2]!);
      if (!dowStar && !domStar) continue; // both day fields set: refused on Fargate (tested below)
      const aws = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) \*\)$/.exec(schedulerExpression(schedule, "a/job"));
      expect(aws, schedule).not.toBeNull();
      const [, minute, hour, dom, month, dow] = aws as unknown as [string, string, string, string, string, string];
      for (const field of [minute, hour, dom, month, dow]) expect(field, schedule).toMatch(AWS_FIELD);
      expect(awsValues(minute, 0, 59), schedule).toEqual([...k8s.minute.values]);
      expect(awsValues(hour, 0, 23), schedule).toEqual([...k8s.hour.values]);
      expect(awsValues(month, 1, 12), schedule).toEqual([...k8s.month.values]);
      // AWS wants exactly one day field "?": the one Kubernetes leaves open.
      if (dowStar) {
        expect(dow, schedule).toBe("?");
        expect(awsValues(dom, 1, 31), schedule).toEqual([...k8s.dayOfMonth.values]);
      } else {
        expect(dom, schedule).toBe("?");
        expect(dow, schedule).not.toContain("/");
        expect(awsValues(dow, 1, 7), schedule).toEqual(k8s.dayOfWeek.values.map((d) => (Number(d) % 7) + 1).sort((a, b) => a - b));
      }
    }
  });

  it("refuses a schedule with both day fields set, naming the part and the fix", () => {
    expect(() => schedulerExpression("0 3 1 * 1", "a/job")).toThrow(InputError);
    expect(() => schedulerExpression("0 3 1 * 1", "a/job")).toThrow(/sets both a day of the month and a day of the week/);
  });
});

describe("a Fargate workload's connections", () => {
  it("must reach parts managed on its own AwsTarget: an in-cluster database is a clear error", async () => {
    const app = new App("split");
    const main = new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    const aws = new AwsTarget(app, "aws", { region: "us-east-1" });
    const db = new Postgres(app, "db", { placement: { on: [main] } });
    new CronJob(app, "report", { image: "report:1.0.0", schedule: "0 3 * * *", placement: { on: [aws] } }).connect(db);
    const model = toModel(app);
    const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
    expect(() => awsResources(model, placement)).toThrow(/split\/report runs on Fargate \(aws\) and connects to db, which does not run managed on the same AwsTarget/);
  });
});

describe("a Fargate service's scaling", () => {
  async function scaled() {
    const app = new App("sched");
    const aws = new AwsTarget(app, "aws", { region: "us-east-1" });
    new Worker(app, "batch", {
      image: "batch:1.0.0",
      cpu: "500m",
      memory: "1Gi",
      replicas: { min: 1, max: 6, targetCpuPercent: 80, schedule: [{ cron: "50 6 * * 1-5", min: 4 }, { cron: "50 18 * * *", min: 1 }] },
      placement: { on: [aws] },
    });
    const model = toModel(app);
    return { model, placement: await place(model, loadCatalog(), { timeLimitSeconds: 1 }) };
  }

  it("tracks the workload's own CPU target and raises the minimum at each step of its schedule", async () => {
    const { model, placement } = await scaled();
    const batch = awsResources(model, placement).fargate.find((f) => f.part === "batch")!;
    expect(batch).toMatchObject({ minTasks: 1, maxTasks: 6, cpuTargetPercent: 80 });
    expect(batch.scheduledMinimums).toEqual([
      { cron: "cron(50 6 ? * 2-6 *)", minTasks: 4 },
      { cron: "cron(50 18 * * ? *)", minTasks: 1 },
    ]);
  });

  it("renders each step as an Application Auto Scaling scheduled action on the service's scalable target", async () => {
    const { model, placement } = await scaled();
    const code = [...emit(model, placement)].find(([file]) => file.startsWith("fargate-"))![1];
    expect(code.match(/new aws\.appautoscaling\.ScheduledAction\(/g)).toHaveLength(2);
    expect(code).toContain('schedule: "cron(50 6 ? * 2-6 *)"');
    expect(code).toContain("scalableTargetAction: { minCapacity: 4, maxCapacity: 6 }");
    expect(code).toContain("targetValue: 80");
  });
});
