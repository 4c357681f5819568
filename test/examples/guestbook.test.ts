/**
 * examples/guestbook/app.ts ports Pulumi's `kubernetes-ts-guestbook/simple` (pulumi/examples,
 * Apache-2.0). This test reads upstream's program from ../shared/corpus at run time, extracts
 * its Deployments and Services without running it (test/support/upstream-pulumi-program.ts),
 * renders the example through the real pipeline, and compares each upstream container with the
 * workload skyweave emits under the same name (test/support/upstream-comparison.ts lists the
 * fields). Every difference must be allowed below, with its reason; an allowance that no longer
 * occurs fails the test, so the list shrinks as skyweave learns to say more.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import app from "../../examples/guestbook/app.js";
import { compareApp, differenceReport, staleAllowances, unexpectedDifferences, type Allowance } from "../support/upstream-comparison.js";
import { pulumiWorkloads } from "../support/upstream-pulumi-program.js";
import { emitForComparison } from "../support/upstream-skyweave-objects.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const UPSTREAM_PROGRAM = path.resolve(repoRoot, "../shared/corpus/pulumi-examples/kubernetes-ts-guestbook/index.ts.txt");

const ALL = ["redis-leader", "redis-replica", "frontend"];
const WORKLOADS = ["redis-replica", "frontend"];

const ALLOWED_DIFFERENCES: readonly Allowance[] = [
  // --- pinned images ------------------------------------------------------------------------
  {
    workloads: ["redis-leader"],
    field: "image",
    upstream: "redis",
    skyweave: "redis:7.4",
    category: "deliberate",
    reason: "Upstream's `redis` is untagged (whatever `latest` is at deploy time). A Redis takes a version; 7.4 is pinned, on the same official image.",
  },
  {
    workloads: ["redis-replica"],
    field: "image",
    upstream: "pulumi/guestbook-redis-replica",
    skyweave: "redis:7.4",
    category: "deliberate",
    reason:
      "Upstream's replica image is untagged and does one thing: run redis-server as a replica of redis-leader. Here the official image at the leader's exact version does that from its arguments, so leader and replica cannot drift apart in RDB format.",
  },
  {
    workloads: ["frontend"],
    field: "image",
    upstream: "pulumi/guestbook-php-redis",
    skyweave: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5",
    category: "deliberate",
    reason:
      "Upstream's frontend image is untagged; upstream's README names the Kubernetes guestbook tutorial as its source, and the tutorial pins this image, the same PHP app.",
  },

  // --- the leader: a Redis backing resource --------------------------------------------------
  {
    workloads: ["redis-leader"],
    field: "kind",
    upstream: "Deployment",
    skyweave: "StatefulSet",
    category: "deliberate",
    reason: "The leader is declared as a Redis, which the solver may also place on ElastiCache; skyweave runs in-cluster backing resources as StatefulSets.",
  },
  {
    workloads: ["redis-leader"],
    field: "args",
    upstream: null,
    skyweave: ["--save", ""],
    category: "deliberate",
    reason:
      "A Redis without storageGiB is a cache: snapshots off. Upstream's default config snapshots into the container's /data, so entries may survive a restart of the container (never of the pod); here they do not.",
  },
  {
    workloads: ["redis-leader"],
    field: "volumeMounts",
    upstream: [],
    skyweave: ["/data (emptyDir)"],
    category: "equivalent",
    reason: "skyweave gives an in-cluster Redis without storage an emptyDir at /data, its working directory; upstream writes the same directory inside the container.",
  },

  // --- the replica: plain Redis following the leader -----------------------------------------
  {
    workloads: ["redis-replica"],
    field: "args",
    upstream: null,
    skyweave: ["--replicaof", "redis-leader", "6379", "--dir", "/tmp", "--save", ""],
    category: "deliberate",
    reason:
      "What upstream's replica image does inside, said as arguments: follow redis-leader:6379, keep the sync file in the writable /tmp (the root is read-only), and no snapshots, like the leader.",
  },
  {
    workloads: ["redis-replica"],
    field: "env.GET_HOSTS_FROM",
    upstream: "dns",
    skyweave: null,
    category: "equivalent",
    reason: "Read by upstream's replica image to find the leader by DNS name; the official image takes the leader's name from --replicaof instead.",
  },
  {
    workloads: ["redis-replica"],
    field: /^env\.REDIS_LEADER_(HOST|PORT|ADDR|URL)$/,
    upstream: null,
    category: "equivalent",
    reason: "connect() to the leader, which is what lets network policy allow replica → leader:6379; Redis reads the address from its arguments, so the variables are unused.",
  },

  // --- the frontend: the same PHP app, served without root ------------------------------------
  {
    workloads: ["frontend"],
    field: "command",
    upstream: null,
    skyweave: ["php", "-S", "0.0.0.0:8080", "-t", "/var/www/html"],
    category: "deliberate",
    reason:
      "The image's Apache starts as root to bind port 80, which the restricted Pod Security Standard forbids. PHP's built-in server serves the same document root as user 1000 on 8080. It handles one request at a time per pod: enough for a guestbook, not for heavy traffic.",
  },
  {
    workloads: ["frontend"],
    field: "containerPorts",
    upstream: ["80"],
    skyweave: ["8080"],
    category: "deliberate",
    reason: "The container listens on 8080 (see command); the Services still answer on port 80.",
  },
  {
    workloads: ["frontend"],
    field: "services",
    upstream: ['${isMinikube ? "ClusterIP" : "LoadBalancer"} 80→80'],
    skyweave: ["ClusterIP 80→8080"],
    category: "deliberate",
    reason:
      "A public service gets a ClusterIP Service `frontend` on port 80 and an Ingress with TLS through the cluster's ingress controller; upstream makes `frontend` itself a LoadBalancer unless the isMinikube config says otherwise.",
  },
  {
    workloads: ["frontend"],
    field: "env.GET_HOSTS_FROM",
    upstream: "dns",
    skyweave: "env",
    category: "deliberate",
    reason: "With `env`, guestbook.php takes the leader's and the follower's host names from REDIS_LEADER_SERVICE_HOST and REDIS_FOLLOWER_SERVICE_HOST, which connect() sets.",
  },
  {
    workloads: ["frontend"],
    field: /^env\.REDIS_(LEADER|FOLLOWER)_SERVICE_HOST$/,
    upstream: null,
    category: "equivalent",
    reason: "redis-leader and redis-replica, the hosts upstream's image finds by DNS name: the same servers, named by connect().",
  },
  {
    workloads: ["frontend"],
    field: /^env\.REDIS_(LEADER|FOLLOWER)_SERVICE_(PORT|ADDR|URL)$/,
    upstream: null,
    category: "equivalent",
    reason: "connect() also sets the port, host:port and URL; guestbook.php reads only the host names (port 6379 is fixed in it).",
  },

  // --- what skyweave adds everywhere --------------------------------------------------------
  {
    workloads: ALL,
    field: /^limits\.(cpu|memory)$/,
    upstream: null,
    category: "deliberate",
    reason: "Upstream sets requests only. skyweave always sets limits: CPU twice the request, memory equal to it, so a pod is never overcommitted on memory.",
  },
  {
    workloads: ALL,
    field: /^(readiness|liveness)Probe$/,
    upstream: null,
    category: "deliberate",
    reason: "Upstream has no probes. skyweave checks the port (TCP), or for the frontend GET /, so a pod gets traffic only when it answers and is restarted when it stops.",
  },
  {
    workloads: ALL,
    field: "runAsNonRoot",
    upstream: false,
    skyweave: true,
    category: "deliberate",
    reason: "The restricted Pod Security Standard: no container runs as root.",
  },
  {
    workloads: ["redis-leader"],
    field: "runAsUser",
    upstream: null,
    skyweave: 999,
    category: "deliberate",
    reason: "Upstream's redis starts as root and switches to its redis user (999); here it starts as 999.",
  },
  {
    workloads: WORKLOADS,
    field: "runAsUser",
    upstream: null,
    skyweave: 1000,
    category: "deliberate",
    reason: "skyweave's default non-root user. Redis and PHP's server need no file in the image owned by a particular user.",
  },
  {
    workloads: ALL,
    field: "readOnlyRootFilesystem",
    upstream: false,
    skyweave: true,
    category: "deliberate",
    reason: "skyweave mounts root file systems read-only, workloads' and in-cluster backends' alike (Redis writes only to its data directory).",
  },
  {
    workloads: WORKLOADS,
    field: "volumeMounts",
    upstream: [],
    skyweave: ["/tmp (emptyDir)"],
    category: "deliberate",
    reason: "The writable /tmp that goes with a read-only root (the replica keeps its sync file there).",
  },
];

const upstream = pulumiWorkloads(UPSTREAM_PROGRAM);
const emitted = await emitForComparison(app);
const differences = compareApp(upstream, emitted.workload);

describe("examples/guestbook: a port of Pulumi's Kubernetes guestbook", () => {
  it("reads upstream's program: 3 Deployments, each with its Service", () => {
    expect([...upstream.keys()].sort()).toEqual(["frontend", "redis-leader", "redis-replica"]);
    for (const [name, side] of upstream) expect(side.services.length, name).toBe(1);
  });

  it("declares one skyweave part per upstream Deployment, with the same name", () => {
    expect([...emitted.parts.keys()].sort()).toEqual([...upstream.keys()].sort());
    for (const name of upstream.keys()) expect(emitted.workload(name), name).toBeDefined();
  });

  it("matches every upstream container field by field, except the allowed differences", () => {
    console.info(`guestbook vs upstream: ${differences.length} differences\n${differenceReport(differences, ALLOWED_DIFFERENCES)}`);
    expect(unexpectedDifferences(differences, ALLOWED_DIFFERENCES)).toEqual([]);
  });

  it("connects exactly the paths the app uses, so network policy allows them and nothing else", () => {
    const paths = emitted.model.connections.map((c) => `${c.from} → ${c.to}`).sort();
    expect(paths).toEqual(["frontend → redis-leader", "frontend → redis-replica", "redis-replica → redis-leader"]);
  });

  it("keeps no stale allowance: each still occurs in every workload it names", () => {
    expect(staleAllowances(differences, ALLOWED_DIFFERENCES)).toEqual([]);
  });
});
