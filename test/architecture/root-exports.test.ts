/**
 * The root export of "skyweave", name by name: a change to the public face shows in review as a
 * change to this list. (Issue 14 moves subsystems' internals behind subpath exports; until then
 * the list is long.)
 */
import { describe, expect, it } from "vitest";
import * as skyweave from "../../src/index.js";

const ROOT_EXPORTS = [
  "ACCESS_MODES", "APP_MODEL_VERSION", "AlternativeSchema", "App", "AppModelSchema", "AppSlotsSchema",
  "AwsTarget", "BackingResource", "Bucket", "CATEGORIES", "CPU_LIMIT_FACTOR", "ComponentSlotsSchema",
  "ConnectionModelSchema", "ConnectionSlotsSchema", "ConstraintsSchema", "CostSchema", "CronJob",
  "DEFAULT_NODE_POOL", "DEFAULT_RULE_SETS", "DEFAULT_TIME_LIMIT_SECONDS", "EXACT_REFERENCE_PARTS",
  "ExitCode", "GIB", "HISTORY_DAYS", "HealthCheckSchema", "InfeasibleError", "InputError", "K8S_RULES",
  "KubernetesCluster", "MAX_HEADROOM", "MIN_CPU_MILLICORES", "MIN_SAMPLES", "MySql", "NEGATIVE_FIX",
  "NOT_A_NUMBER_FIX", "NodePlacementSchema", "PLACEMENT_VERSION", "PROVIDERS", "Part",
  "PartPlacementSchema", "PlacementSchema", "PolicyError", "PoolPlacementSchema", "Postgres", "Queue",
  "RECOMMENDED_SCALING", "RESOURCE_DEFAULTS", "Redis", "ResourceModelSchema", "ResourceVectorSchema",
  "ResourcesSchema", "SAFETY_MARGIN", "SCALING_CANDIDATES", "SERIES_EXTENSIONS", "STACK_DEPENDENCIES",
  "STACK_DEV_DEPENDENCIES", "ScheduleStepSchema", "Service", "SkyweaveError", "Target", "TargetModelSchema",
  "TemplateSchema", "WORKLOAD_DEFAULT_REQUESTS", "Worker", "Workload", "WorkloadModelSchema", "YAML_HEADER",
  "analyse", "anomalyBand", "appSlotsJsonSchema", "applyRecommendations", "applyToSource", "askModel",
  "autocorrelation", "backtest", "bugMessage", "builtinSlots", "candidateForecasters", "check",
  "checkReplicas", "checkRequest", "checkSlots", "checkStack", "chooseProvider", "clip", "clusterManifests",
  "clusterObjects", "combination", "compareFindings", "composeToSlots", "containerRule",
  "cpuRequestMillicores", "dayForecast", "decodeUtf8", "defaultEnvPrefix", "detectSeason", "detectStep",
  "emit", "explicitLimits", "fillShortDips", "findAnomalies", "firstInvalidUtf8", "flagAgainst",
  "forecastSeries", "formatBytes", "formatCpu", "formatError", "formatFindings", "formatPlacementTable",
  "formatRecommendations", "formatTimestamp", "generate", "holtWinters", "hourlyNeeds", "importCompose",
  "intervalCoverage", "isCronExpression", "isNonNegative", "isPart", "isTarget", "isWorkloadModel",
  "kubeconfigConfigKey", "kubernetesRuleSet", "loadCatalog", "loadMetricsConfig", "loadTemplates",
  "meanAbsoluteError", "metricsFromFlags", "objectRule", "parseBytes", "parseCpu", "parseCsv",
  "parsePrometheus", "parseTimestamp", "place", "planReplicas", "podRule", "pointForecastError",
  "policyError", "quantile", "quantileSorted", "readSamples", "readSeries", "recentHistory", "recommend",
  "recommendAll", "regularize", "renderClusterManifests", "renderText", "replicasText", "residualQuantiles",
  "rightsize", "rollingOrigins", "sampleValue", "scalingName", "scheduleSteps", "seasonalMedian",
  "seasonalNaive", "selectForecaster", "solvePacking", "sortedNumbers", "stepsPerDay", "synth",
  "synthCheck", "targetCpuPercent", "toModel", "typeCheck", "windowMedian", "withInterval",
  "withoutAnomalies", "writeRenderedApp", "writeStack",
];

describe("the root export", () => {
  it("is exactly the listed names", () => {
    expect(Object.keys(skyweave).sort()).toEqual(ROOT_EXPORTS);
  });

  it("includes the pipeline and the user's surface", () => {
    for (const name of ["synth", "check", "App", "Service", "KubernetesCluster", "toModel", "place", "emit", "writeStack"]) expect(ROOT_EXPORTS).toContain(name);
  });
});
