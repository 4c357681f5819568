/**
 * How each kind of backing resource runs in a cluster: image, port, data path, the user it
 * runs as, its credentials, and the environment a connected workload gets. One table, so a
 * new kind of backend is one entry.
 */
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { ResourceModel } from "../../model/app-model.js";
import { credentialsSecretName } from "./labels.js";

/** A key of a generated credentials Secret: a random password, or a fixed non-secret value. */
export type SecretKeySpec = { readonly key: string; readonly random: true } | { readonly key: string; readonly value: string };

/** A writable emptyDir a backend needs under its read-only root file system. */
export interface ScratchDir {
  /** Volume name in the pod. */
  readonly name: string;
  /** Where it is mounted. */
  readonly path: string;
}

const TMP: ScratchDir = { name: "tmp", path: "/tmp" };

/** Everything the emitter needs to know to run one kind of backend in-cluster. */
export interface BackendSpec {
  /** The container image for a version. */
  image(version: string | undefined): string;
  /** The port clients connect to. */
  readonly port: number;
  /** Name of the port (for the Service). */
  readonly portName: string;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /** The non-root user and group the image runs as. */
  readonly runAsUser: number;
  /**
   * The paths besides the data volume that the image writes to (sockets, lock and pid files,
   * temporary files), each an emptyDir, so the root file system can be read-only.
   */
  readonly scratch: readonly ScratchDir[];
  /** Keys of the credentials Secret, when `auth` is on. */
  readonly secretKeys: readonly SecretKeySpec[];
  /** Container fields beyond image, ports, resources and the data mount. */
  container(r: ResourceModel): Pick<IContainer, "env" | "args" | "command" | "lifecycle">;
  /** Readiness and liveness probe. */
  readonly probe: IProbe;
  /** Environment variables of a workload that connects with prefix `p`. */
  clientEnv(r: ResourceModel, p: string): IEnvVar[];
}

/** The database and user that in-cluster SQL databases create for the app. */
export const SQL_DATABASE = "app";
/** The user that in-cluster SQL databases create for the app. */
export const SQL_USER = "app";

/** An env var read from the resource's credentials Secret. */
export function fromSecret(name: string, r: ResourceModel, key: string): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: credentialsSecretName(r.name), key } } };
}

const tcpProbe = (port: number): IProbe => ({ tcpSocket: { port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });

function sqlClientEnv(scheme: string, port: number) {
  return (r: ResourceModel, p: string): IEnvVar[] => [
    { name: `${p}_HOST`, value: r.name },
    { name: `${p}_PORT`, value: String(port) },
    { name: `${p}_NAME`, value: SQL_DATABASE },
    { name: `${p}_USER`, value: SQL_USER },
    fromSecret(`${p}_PASSWORD`, r, "password"),
    { name: `${p}_URL`, value: `${scheme}://${SQL_USER}:$(${p}_PASSWORD)@${r.name}:${port}/${SQL_DATABASE}` },
  ];
}

/** How each kind of backing resource runs in a Kubernetes cluster. */
export const BACKENDS: Record<ResourceModel["kind"], BackendSpec> = {
  postgres: {
    image: (v) => `postgres:${v ?? "16"}`,
    port: 5432,
    portName: "postgres",
    dataPath: "/var/lib/postgresql/data",
    runAsUser: 999,
    // The unix socket and postmaster lock; the entrypoint's here-documents go to /tmp.
    scratch: [{ name: "run", path: "/var/run/postgresql" }, TMP],
    secretKeys: [{ key: "password", random: true }],
    container: (r) => ({
      env: [
        { name: "POSTGRES_USER", value: SQL_USER },
        { name: "POSTGRES_DB", value: SQL_DATABASE },
        fromSecret("POSTGRES_PASSWORD", r, "password"),
        { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
      ],
    }),
    probe: tcpProbe(5432),
    clientEnv: sqlClientEnv("postgres", 5432),
  },
  mysql: {
    image: (v) => `mysql:${v ?? "8.4"}`,
    port: 3306,
    portName: "mysql",
    dataPath: "/var/lib/mysql",
    runAsUser: 999,
    // The socket and pid file; mysqld's tmpdir and the entrypoint's temporary server use /tmp.
    scratch: [{ name: "run", path: "/var/run/mysqld" }, TMP],
    secretKeys: [
      { key: "password", random: true },
      { key: "root-password", random: true },
    ],
    container: (r) => ({
      env: [
        { name: "MYSQL_USER", value: SQL_USER },
        { name: "MYSQL_DATABASE", value: SQL_DATABASE },
        fromSecret("MYSQL_PASSWORD", r, "password"),
        fromSecret("MYSQL_ROOT_PASSWORD", r, "root-password"),
      ],
    }),
    probe: tcpProbe(3306),
    clientEnv: sqlClientEnv("mysql", 3306),
  },
  redis: {
    image: (v) => `redis:${v ?? "7.4"}`,
    port: 6379,
    portName: "redis",
    dataPath: "/data",
    runAsUser: 999,
    // Redis writes only its data directory (RDB/AOF files), which is the data volume.
    scratch: [],
    secretKeys: [{ key: "password", random: true }],
    container: (r) => ({
      ...(r.auth ? { env: [fromSecret("REDIS_PASSWORD", r, "password")] } : {}),
      args: [
        ...(r.auth ? ["--requirepass", "$(REDIS_PASSWORD)"] : []),
        ...(r.storageBytes !== undefined ? ["--appendonly", "yes"] : ["--save", ""]),
      ],
    }),
    probe: tcpProbe(6379),
    clientEnv: (r, p) => [
      { name: `${p}_HOST`, value: r.name },
      { name: `${p}_PORT`, value: "6379" },
      { name: `${p}_ADDR`, value: `${r.name}:6379` },
      ...(r.auth
        ? [fromSecret(`${p}_PASSWORD`, r, "password"), { name: `${p}_URL`, value: `redis://:$(${p}_PASSWORD)@${r.name}:6379` }]
        : [{ name: `${p}_URL`, value: `redis://${r.name}:6379` }]),
    ],
  },
  queue: {
    image: () => "nats:2.10-alpine",
    port: 4222,
    portName: "nats",
    dataPath: "/data",
    runAsUser: 1000,
    // NATS writes only its JetStream store, which is the data volume.
    scratch: [],
    secretKeys: [{ key: "token", random: true }],
    container: (r) => ({
      ...(r.auth ? { env: [fromSecret("NATS_TOKEN", r, "token")] } : {}),
      args: ["--jetstream", "--store_dir", "/data", "--http_port", "8222", ...(r.auth ? ["--auth", "$(NATS_TOKEN)"] : [])],
    }),
    probe: { httpGet: { path: "/healthz", port: 8222 }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    clientEnv: (r, p) => [
      { name: `${p}_NAME`, value: r.name },
      ...(r.auth
        ? [fromSecret(`${p}_TOKEN`, r, "token"), { name: `${p}_URL`, value: `nats://$(${p}_TOKEN)@${r.name}:4222` }]
        : [{ name: `${p}_URL`, value: `nats://${r.name}:4222` }]),
    ],
  },
  bucket: {
    image: () => "quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z",
    port: 9000,
    portName: "s3",
    dataPath: "/data",
    runAsUser: 1000,
    // MinIO creates $HOME/.minio (config and certs) and mc its $HOME/.mc: HOME is /tmp.
    scratch: [TMP],
    secretKeys: [
      { key: "access-key-id", random: true },
      { key: "secret-access-key", random: true },
    ],
    container: (r) => ({
      command: ["minio"],
      args: ["server", "/data", "--address", ":9000"],
      env: [fromSecret("MINIO_ROOT_USER", r, "access-key-id"), fromSecret("MINIO_ROOT_PASSWORD", r, "secret-access-key"), { name: "HOME", value: TMP.path }],
      lifecycle: {
        postStart: {
          exec: {
            command: [
              "sh",
              "-c",
              `for i in $(seq 1 30); do mc alias set local http://127.0.0.1:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1 && mc mb --ignore-existing local/${r.name} && exit 0; sleep 2; done; exit 1`,
            ],
          },
        },
      },
    }),
    probe: { httpGet: { path: "/minio/health/live", port: 9000 }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    clientEnv: (r, p) => [
      { name: `${p}_ENDPOINT`, value: `http://${r.name}:9000` },
      { name: `${p}_BUCKET`, value: r.name },
      fromSecret(`${p}_ACCESS_KEY_ID`, r, "access-key-id"),
      fromSecret(`${p}_SECRET_ACCESS_KEY`, r, "secret-access-key"),
    ],
  },
};
