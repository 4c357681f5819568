/**
 * Fargate descriptions: cron schedules become EventBridge Scheduler expressions (or a clear
 * error when they cannot), and a Fargate workload may only connect to parts managed on its
 * own AwsTarget.
 */
import { describe, expect, it } from "vitest";
import { awsResources } from "../../../src/emit/aws/build-resources.js";
import { schedulerExpression } from "../../../src/emit/aws/fargate-spec.js";
import { App, AwsTarget, CronJob, InputError, KubernetesCluster, Postgres, loadCatalog, place, toModel } from "../../../src/index.js";

describe("schedulerExpression", () => {
  it.each([
    ["0 3 * * *", "cron(0 3 * * ? *)"],
    ["30 2 * * 1", "cron(30 2 ? * 2 *)"],
    ["0 0 * * 0,6", "cron(0 0 ? * 1,7 *)"],
    ["*/15 * 1 * *", "cron(*/15 * 1 * ? *)"],
    ["@daily", "cron(0 0 * * ? *)"],
    ["@weekly", "cron(0 0 ? * 1 *)"],
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
