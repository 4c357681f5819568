/**
 * examples/sockshop/app.ts ports Pulumi's `kubernetes-ts-sock-shop` (pulumi/examples,
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
import app from "../../examples/sockshop/app.js";
import { compareApp, differenceReport, staleAllowances, unexpectedDifferences, type Allowance } from "../support/upstream-comparison.js";
import { pulumiWorkloads } from "../support/upstream-pulumi-program.js";
import { emitForComparison } from "../support/upstream-skyweave-objects.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const UPSTREAM_PROGRAM = path.resolve(repoRoot, "../shared/corpus/pulumi-examples/kubernetes-ts-sock-shop/index.ts.txt");

const SERVICES = ["carts", "catalogue", "front-end", "orders", "payment", "queue-master", "shipping", "user"];
const MONGO = ["carts-db", "orders-db"];
const DATABASES = [...MONGO, "catalogue-db", "user-db"];
const ALL = [...SERVICES, ...DATABASES, "rabbitmq"];
/** The services that run as user 10001 and listen on port 80 with NET_BIND_SERVICE upstream. */
const PORT_80 = ["carts", "catalogue", "orders", "payment", "shipping", "user"];

const ALLOWED_DIFFERENCES: readonly Allowance[] = [
  // --- sizes --------------------------------------------------------------------------------
  {
    workloads: ALL.filter((w) => w !== "front-end"),
    field: /^requests\.(cpu|memory)$/,
    upstream: null,
    category: "deliberate",
    reason:
      "Upstream requests nothing (except on the front-end), so the scheduler cannot pack or protect the pods. The services take the requests of Sock Shop's own complete-demo.yaml; the databases and RabbitMQ 100m and 256Mi.",
  },
  {
    workloads: ALL,
    field: /^limits\.(cpu|memory)$/,
    upstream: null,
    category: "deliberate",
    reason: "skyweave always sets limits: complete-demo.yaml's for the services (the JVMs need ~500Mi beyond -Xmx128m), twice the request for the databases and RabbitMQ.",
  },

  // --- probes -------------------------------------------------------------------------------
  {
    workloads: ALL,
    field: /^(readiness|liveness)Probe$/,
    upstream: null,
    category: "deliberate",
    reason:
      "Upstream has no probes. skyweave checks each port over TCP, so traffic waits until a pod listens and a hung pod is restarted; the JVM services and MySQL, which can take minutes to open their port, get a startup probe (`startupSeconds: 300`) that holds the other checks back meanwhile.",
  },

  // --- the databases keep their data ----------------------------------------------------------
  {
    workloads: [...MONGO, "catalogue-db"],
    field: "kind",
    upstream: "Deployment",
    skyweave: "StatefulSet",
    category: "deliberate",
    reason: "A Service with a volume is a StatefulSet: carts, orders and the catalogue keep their data across pod restarts. Upstream's data dies with the pod.",
  },
  {
    workloads: MONGO,
    field: "volumeMounts",
    upstream: ["/tmp (emptyDir Memory)"],
    skyweave: ["/data/db (persistent volume claim)", "/tmp (emptyDir)"],
    category: "deliberate",
    reason: "MongoDB's data directory on a 10 GiB volume claim; /tmp is an emptyDir on disk rather than in memory (see the services' /tmp).",
  },
  {
    workloads: ["catalogue-db"],
    field: "volumeMounts",
    upstream: [],
    skyweave: ["/var/lib/mysql (persistent volume claim)"],
    category: "deliberate",
    reason: "MySQL's data directory on a 10 GiB volume claim: the catalogue is imported once, not on every pod start.",
  },
  {
    workloads: MONGO,
    field: "image",
    upstream: "mongo",
    skyweave: "mongo:3.4",
    category: "deliberate",
    reason:
      "Upstream's `mongo` is untagged (today's MongoDB, which dropped the legacy wire protocol the services' 2017 Java drivers use), and Sock Shop's own manifests name no version either. Pinned to 3.4, the release current when these images were built.",
  },

  // --- catalogue-db: no literal root password -------------------------------------------------
  {
    workloads: ["catalogue-db"],
    field: "env.MYSQL_ROOT_PASSWORD",
    upstream: "fake_password",
    skyweave: null,
    category: "deliberate",
    reason: "No password in plain text in the manifests. Nothing logs in as root (the catalogue uses the catalogue_user its dump creates), so MySQL generates a random root password instead.",
  },
  {
    workloads: ["catalogue-db"],
    field: "command",
    upstream: null,
    skyweave: ["sh", "-c", "MYSQL_RANDOM_ROOT_PASSWORD=yes exec docker-entrypoint.sh mysqld"],
    category: "deliberate",
    reason:
      "The image's own entrypoint and command, with MYSQL_RANDOM_ROOT_PASSWORD set in the shell: a yes/no switch, but as a literal env var named *PASSWORD* it would read as a leaked secret to the stack checks.",
  },

  // --- pod security ---------------------------------------------------------------------------
  {
    workloads: ["queue-master"],
    field: "capabilities.add",
    upstream: [],
    skyweave: ["NET_BIND_SERVICE"],
    category: "deliberate",
    reason: "Upstream runs queue-master as root, which may bind port 80 without asking. Here it runs as the image's user 10001 like the other services, so it adds back NET_BIND_SERVICE, the one capability the restricted standard allows.",
  },
  {
    workloads: [...MONGO, "user-db"],
    field: "capabilities.add",
    upstream: ["CHOWN", "SETGID", "SETUID"],
    skyweave: [],
    category: "deliberate",
    reason: "Upstream starts MongoDB as root, which chowns its files and switches to the mongodb user. Here it starts as that user (999), so it needs none of these capabilities.",
  },
  {
    workloads: ["rabbitmq"],
    field: "capabilities.add",
    upstream: ["CHOWN", "SETGID", "SETUID", "DAC_OVERRIDE"],
    skyweave: [],
    category: "deliberate",
    reason: "Upstream starts RabbitMQ as root, which chowns its files and switches user. Here it starts as a non-root user, so it needs none of these capabilities.",
  },
  {
    workloads: [...DATABASES, "rabbitmq", "queue-master"],
    field: "runAsNonRoot",
    upstream: false,
    skyweave: true,
    category: "deliberate",
    reason: "The restricted Pod Security Standard: no container runs as root.",
  },
  {
    workloads: DATABASES,
    field: "runAsUser",
    upstream: null,
    skyweave: 999,
    category: "deliberate",
    reason: "The image's own database user (mongodb or mysql, 999), which upstream's images switch to from root.",
  },
  {
    workloads: ["rabbitmq"],
    field: "runAsUser",
    upstream: null,
    skyweave: 1000,
    category: "deliberate",
    reason: "skyweave's default non-root user; RabbitMQ's image lets any user write its config and data directories.",
  },
  {
    workloads: ["queue-master"],
    field: "runAsUser",
    upstream: null,
    skyweave: 10001,
    category: "deliberate",
    reason:
      "Upstream runs queue-master as root, which is how it binds port 80; here it runs as the Sock Shop user 10001 like the other services, with NET_BIND_SERVICE added back as they have.",
  },
  {
    workloads: ["queue-master"],
    field: "readOnlyRootFilesystem",
    upstream: false,
    skyweave: true,
    category: "deliberate",
    reason: "skyweave mounts workloads' root file systems read-only; Spring Boot writes only to /tmp, as in the other JVM services that upstream already runs read-only.",
  },
  {
    workloads: ["rabbitmq", "user-db"],
    field: "readOnlyRootFilesystem",
    upstream: true,
    skyweave: false,
    category: "gap",
    reason:
      "Upstream mounts the root read-only and relies on the runtime to back the image's declared volumes with writable directories. skyweave can add only /tmp and one persistent volume, so these two get a writable root instead (RabbitMQ writes under /etc/rabbitmq and /var/lib/rabbitmq; user-db writes where its seed users live). Less hardened, same behaviour.",
  },
  {
    workloads: ["user-db"],
    field: "volumeMounts",
    upstream: ["/tmp (emptyDir Memory)"],
    skyweave: [],
    category: "equivalent",
    reason: "With a writable root, /tmp is writable without a volume of its own.",
  },
  {
    workloads: ["carts", "orders", "shipping"],
    field: "volumeMounts",
    upstream: ["/tmp (emptyDir Memory)"],
    skyweave: ["/tmp (emptyDir)"],
    category: "equivalent",
    reason: "Both give a writable /tmp under a read-only root; upstream's lives in memory (and counts against the memory limit), skyweave's on the node's disk.",
  },
  {
    workloads: ["catalogue", "front-end", "payment", "queue-master", "user"],
    field: "volumeMounts",
    upstream: [],
    skyweave: ["/tmp (emptyDir)"],
    category: "deliberate",
    reason: "skyweave gives every workload with a read-only root a writable /tmp; these images happen not to need it.",
  },
  {
    workloads: ALL,
    field: "nodeSelector",
    upstream: ["beta.kubernetes.io/os=linux"],
    skyweave: [],
    category: "deliberate",
    reason: "A label deprecated since Kubernetes 1.14 (kubernetes.io/os replaces it). skyweave places pods by node pool, and its pools are Linux.",
  },

  // --- exposure and wiring ------------------------------------------------------------------
  {
    workloads: ["front-end"],
    field: "services",
    upstream: ["NodePort 80→8079"],
    skyweave: ["ClusterIP 80→8079"],
    category: "deliberate",
    reason:
      "A public service gets a ClusterIP Service `front-end` on port 80 and an Ingress with TLS through the cluster's ingress controller. Upstream opens NodePort 30001 on every node (and refuses to run on minikube).",
  },
  {
    workloads: ["carts", "catalogue", "front-end", "orders", "queue-master", "shipping"],
    field: /^env\.[A-Z_]+_(HOST|PORT|ADDR)$/,
    upstream: null,
    category: "equivalent",
    reason:
      "connect() sets <PREFIX>_HOST, _PORT and _ADDR; the Sock Shop services have their peers' names built in (http://carts, mongodb://carts-db, rabbitmq, …), so the variables are unused. connect() is what lets network policy allow each path.",
  },
  {
    workloads: ["user"],
    field: /^env\.MONGO_(PORT|ADDR)$/,
    upstream: null,
    category: "equivalent",
    reason: "connect() also sets the port and host:port; the user service reads only MONGO_HOST.",
  },
  {
    workloads: ["user"],
    field: "env.MONGO_HOST",
    upstream: "user-db:27017",
    skyweave: "user-db",
    category: "equivalent",
    reason: "connect() gives the host alone (MONGO_ADDR has host:port); the user service puts MONGO_HOST into a mongodb:// URL, where the port defaults to 27017.",
  },
];

const upstream = pulumiWorkloads(UPSTREAM_PROGRAM);
const emitted = await emitForComparison(app);
const differences = compareApp(upstream, emitted.workload);

describe("examples/sockshop: a port of Pulumi's Sock Shop", () => {
  it("reads upstream's program: 13 Deployments, each with its Service", () => {
    expect([...upstream.keys()].sort()).toEqual([...ALL].sort());
    for (const [name, side] of upstream) expect(side.services.length, name).toBe(1);
  });

  it("declares one skyweave part per upstream Deployment, with the same name", () => {
    expect([...emitted.parts.keys()].sort()).toEqual([...upstream.keys()].sort());
    for (const name of upstream.keys()) expect(emitted.workload(name), name).toBeDefined();
  });

  it("matches every upstream container field by field, except the allowed differences", () => {
    console.info(`sockshop vs upstream: ${differences.length} differences\n${differenceReport(differences, ALLOWED_DIFFERENCES)}`);
    expect(unexpectedDifferences(differences, ALLOWED_DIFFERENCES)).toEqual([]);
  });

  it("connects exactly the paths the app uses, so network policy allows them and nothing else", () => {
    const paths = emitted.model.connections.map((c) => `${c.from} → ${c.to}`).sort();
    expect(paths).toEqual([
      "carts → carts-db",
      "catalogue → catalogue-db",
      "front-end → carts",
      "front-end → catalogue",
      "front-end → orders",
      "front-end → user",
      "orders → carts",
      "orders → orders-db",
      "orders → payment",
      "orders → shipping",
      "orders → user",
      "queue-master → rabbitmq",
      "shipping → rabbitmq",
      "user → user-db",
    ]);
  });

  it("keeps no stale allowance: each still occurs in every workload it names", () => {
    expect(staleAllowances(differences, ALLOWED_DIFFERENCES)).toEqual([]);
  });
});
