/**
 * Fargate descriptions: cron schedules become EventBridge Scheduler expressions (or a clear
 * error when they cannot), and a Fargate workload may only connect to parts managed on its
 * own AwsTarget.
 */
import { describe, expect, it } from "vitest";
import { awsResources } from "../../../src/emit/aws/build-resources.js";
import { schedulerExpression } from "../../../src/emit/aws/fargate-spec.js";
import { App, AwsTarget, CronJob, InputError, KubernetesCluster, Postgres, Worker, emit, loadCatalog, place, toModel } from "../../../src/index.js";

describe("schedulerExpression", () => {
  it.each([
    ["0 3 * * *", "cron(0 3 * * ? *)"],
    ["30 2 * * 1", "cron(30 2 ? * 2 *)"],
    ["0 0 * * 0,6", "cron(0 0 ? * 1,7 *)"],
    ["*/15 * 1 * *", "cron(*/15 * 1 * ? *)"],
    ["@daily", "cron(0 0 * * ? *)"],
    ["@weekly", "cron(0 0 ? * 1 *)"],
    // AWS cron has no step in the day of the week: the days are listed.
    ["0 6 * * 1-5/2", "cron(0 6 ? * 2,4,6 *)"],
    ["0 6 * * */2", "cron(0 6 ? * 1,3,5,7 *)"],
  ])("%s → %s", (cron, expected) => {
    expect(schedulerExpression(cron, "a/job")).toBe(expected);
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
