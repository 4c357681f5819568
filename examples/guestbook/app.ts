// The Kubernetes Guestbook, ported to skyweave from Pulumi's `kubernetes-ts-guestbook/simple`
// (https://github.com/pulumi/examples, commit 40c09b266d44e9975e15289c42cc0c2ad8d14995,
// Apache License 2.0), itself a port of the Kubernetes guestbook tutorial
// (https://kubernetes.io/docs/tutorials/stateless-application/guestbook/): a Redis leader
// that takes the writes, a Redis replica that serves the reads, and three PHP frontends.
// test/examples/guestbook.test.ts reads upstream's program from ../shared/corpus and compares
// its containers with what skyweave emits, listing every difference it allows with the reason.
//
// Where this port differs from upstream (all checked by that test):
// - Upstream's images are untagged. The leader and the replica run the official `redis:7.4`;
//   the frontend runs the tutorial's own `gb-frontend:v5`, pinned.
// - The replica is plain Redis told to follow the leader (`--replicaof`), instead of
//   `pulumi/guestbook-redis-replica`, an image that does only that.
// - `gb-frontend` is Apache on port 80 as root, which the restricted Pod Security Standard
//   does not allow; here the same PHP app is served by PHP's built-in server on 8080 as
//   user 1000, and the in-cluster address stays `frontend:80`.
// - The frontend finds both Redis servers through connect() (`GET_HOSTS_FROM=env`), which
//   also gives network policy exactly the two paths it needs.
import { App, KubernetesCluster, Redis, Service } from "skyweave";

const app = new App("guestbook");
new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });

/** What upstream requests for every container. */
const size = { cpu: "100m", memory: "100Mi" } as const;

// The leader keeps the guestbook's one key in memory. Declared as what it is, a Redis: in a
// cluster a StatefulSet of the official image, or ElastiCache once the app has an AwsTarget.
// No password (`auth: false`): the tutorial's frontend connects without one. No storage: like
// upstream, the entries live as long as the pod.
const leader = new Redis(app, "redis-leader", { version: "7.4", auth: false, ...size });

// A read replica. skyweave's Redis has no replicas yet, so this is a Service running the same
// image as the leader and following it. `--dir /tmp`: the initial sync writes an RDB file into
// the working directory, and /tmp is the writable emptyDir under the read-only root.
const replica = new Service(app, "redis-replica", {
  image: "redis:7.4",
  port: 6379,
  args: ["--replicaof", "redis-leader", "6379", "--dir", "/tmp", "--save", ""],
  ...size,
}).connect(leader, { envPrefix: "REDIS_LEADER" });

// guestbook.php writes to REDIS_LEADER_SERVICE_HOST and reads from REDIS_FOLLOWER_SERVICE_HOST
// when GET_HOSTS_FROM=env; connect() sets both.
new Service(app, "frontend", {
  image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5",
  command: ["php", "-S", "0.0.0.0:8080", "-t", "/var/www/html"],
  port: 8080,
  servicePort: 80,
  public: true,
  replicas: 3,
  ...size,
  env: { GET_HOSTS_FROM: "env" },
  healthCheck: { protocol: "http", path: "/" },
})
  .connect(leader, { envPrefix: "REDIS_LEADER_SERVICE" })
  .connect(replica, { envPrefix: "REDIS_FOLLOWER_SERVICE" });

export default app;
