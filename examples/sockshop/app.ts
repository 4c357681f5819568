// Sock Shop, Weaveworks' microservices reference app, ported to skyweave from Pulumi's
// `kubernetes-ts-sock-shop` (https://github.com/pulumi/examples, commit
// 40c09b266d44e9975e15289c42cc0c2ad8d14995, Apache License 2.0): the same 13 containers with
// the same images, ports, environment and users, written as skyweave constructs.
// test/examples/sockshop.test.ts reads upstream's program from ../shared/corpus and compares
// its containers with what skyweave emits, listing every difference it allows with the reason.
//
// Where this port differs from upstream (all checked by that test):
// - Sizes: upstream sets requests only on the front-end. skyweave needs requests and limits
//   on everything; the services take those of Sock Shop's own `deploy/kubernetes/
//   complete-demo.yaml`, the databases and RabbitMQ modest ones chosen here.
// - The databases keep their data: carts-db, orders-db and catalogue-db are Services with a
//   volume (StatefulSets) instead of Deployments whose data dies with the pod. user-db keeps
//   the users it ships with inside its image, so it stays without a volume, as upstream.
// - `mongo` is untagged upstream, and Sock Shop names no version; pinned to 3.4, the release of
//   the time the services were built, whose wire protocol their 2017 drivers speak.
// - Pods run under the restricted Pod Security Standard: the databases and RabbitMQ run as
//   their image's own non-root user instead of root, and every container drops all
//   capabilities; the services on port 80 (user 10001) add back NET_BIND_SERVICE, as
//   upstream does, which the standard allows.
// - Probes: TCP checks where upstream has none; the JVM services and MySQL, whose start-up
//   can take minutes, get a startup probe that waits up to 5 minutes first.
// - The front-end is public through an Ingress with TLS on the cluster's ingress controller
//   instead of a NodePort 30001; in-cluster it is `front-end:80`, as upstream. The namespace is the
//   app's name, `sockshop` (upstream: `sock-shop`).
import { App, KubernetesCluster, Service } from "skyweave";

const app = new App("sockshop");
new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });

/** What the Java services share upstream: tracing address and JVM flags. */
const javaEnv = {
  ZIPKIN: "zipkin.jaeger.svc.cluster.local",
  JAVA_OPTS: "-Xms64m -Xmx128m -XX:PermSize=32m -XX:MaxPermSize=64m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom",
} as const;

/** The Sock Shop services' own non-root user, as upstream. */
const sockShopUser = { runAsUser: 10001 } as const;

/** Services that listen on port 80 as user 10001: they need NET_BIND_SERVICE, as upstream adds. */
const onPort80 = { ...sockShopUser, addCapabilities: ["NET_BIND_SERVICE"] } satisfies { runAsUser: number; addCapabilities: "NET_BIND_SERVICE"[] };

/** Spring Boot on -Xmx128m can take minutes to open its port: a startup probe waits up to 5 minutes. */
const slowStart = { healthCheck: { protocol: "tcp", startupSeconds: 300 } } as const;

/** A MongoDB 3.4 with a volume, running as the image's mongodb user (999). */
const mongo = (id: string) =>
  new Service(app, id, {
    image: "mongo:3.4",
    port: 27017,
    cpu: "100m",
    memory: "256Mi",
    memoryLimit: "512Mi",
    runAsUser: 999,
    volume: { path: "/data/db", sizeGiB: 10 },
  });

// --- carts -------------------------------------------------------------------------------
const cartsDb = mongo("carts-db");
const carts = new Service(app, "carts", {
  image: "weaveworksdemos/carts:0.4.8",
  port: 80,
  cpu: "100m",
  memory: "200Mi",
  cpuLimit: "300m",
  memoryLimit: "500Mi",
  env: javaEnv,
  ...onPort80,
  ...slowStart,
}).connect(cartsDb);

// --- catalogue ---------------------------------------------------------------------------
// MySQL 5.7 with Sock Shop's catalogue loaded on first start. It runs as the image's mysql
// user (999) and writes its socket and pid file under /var/run/mysqld, so its root file
// system stays writable. Nothing uses MySQL's root account (the catalogue logs in as the
// `catalogue_user` the dump creates), so instead of upstream's literal root password the
// entrypoint generates a random one. The switch is set in the shell rather than as env
// because a literal value in an env var named *PASSWORD* reads as a leaked secret.
const catalogueDb = new Service(app, "catalogue-db", {
  image: "weaveworksdemos/catalogue-db:0.3.0",
  command: ["sh", "-c", "MYSQL_RANDOM_ROOT_PASSWORD=yes exec docker-entrypoint.sh mysqld"],
  port: 3306,
  cpu: "100m",
  memory: "256Mi",
  memoryLimit: "512Mi",
  env: { MYSQL_DATABASE: "socksdb" },
  runAsUser: 999,
  readOnlyRootFilesystem: false,
  volume: { path: "/var/lib/mysql", sizeGiB: 10 },
  healthCheck: { protocol: "tcp", startupSeconds: 300 }, // the first start imports the catalogue with networking off
});
const catalogue = new Service(app, "catalogue", {
  image: "weaveworksdemos/catalogue:0.3.5",
  port: 80,
  cpu: "100m",
  memory: "100Mi",
  cpuLimit: "200m",
  memoryLimit: "200Mi",
  ...onPort80,
}).connect(catalogueDb);

// --- user --------------------------------------------------------------------------------
// The image ships its seed users inside the image's file system, where mongod also writes;
// a fresh volume would hide them, so no volume and a writable root, as upstream.
const userDb = new Service(app, "user-db", {
  image: "weaveworksdemos/user-db:0.4.0",
  port: 27017,
  cpu: "100m",
  memory: "256Mi",
  memoryLimit: "512Mi",
  runAsUser: 999,
  readOnlyRootFilesystem: false,
});
const user = new Service(app, "user", {
  image: "weaveworksdemos/user:0.4.7",
  port: 80,
  cpu: "100m",
  memory: "100Mi",
  cpuLimit: "300m",
  memoryLimit: "200Mi",
  ...onPort80,
}).connect(userDb, { envPrefix: "MONGO" }); // MONGO_HOST=user-db (port 27017 by default)

// --- shipping and its queue --------------------------------------------------------------
// RabbitMQ writes its config, cookie and database under /etc/rabbitmq and /var/lib/rabbitmq,
// which the image makes writable for any user: a writable root, skyweave's default user 1000.
// Not a skyweave Queue: that is NATS, and these services speak AMQP.
const rabbitmq = new Service(app, "rabbitmq", {
  image: "rabbitmq:3.6.8",
  port: 5672,
  cpu: "100m",
  memory: "256Mi",
  memoryLimit: "512Mi",
  readOnlyRootFilesystem: false,
});
const shipping = new Service(app, "shipping", {
  image: "weaveworksdemos/shipping:0.4.8",
  port: 80,
  cpu: "100m",
  memory: "300Mi",
  cpuLimit: "300m",
  memoryLimit: "500Mi",
  env: javaEnv,
  ...onPort80,
  ...slowStart,
}).connect(rabbitmq);
new Service(app, "queue-master", {
  image: "weaveworksdemos/queue-master:0.3.1",
  port: 80,
  cpu: "100m",
  memory: "300Mi",
  cpuLimit: "300m",
  memoryLimit: "500Mi",
  ...onPort80, // upstream runs it as root; the image's user is 10001 like the others
  ...slowStart,
}).connect(rabbitmq);

// --- payment and orders ------------------------------------------------------------------
const payment = new Service(app, "payment", {
  image: "weaveworksdemos/payment:0.4.3",
  port: 80,
  cpu: "99m",
  memory: "100Mi",
  cpuLimit: "200m",
  memoryLimit: "200Mi",
  ...onPort80,
});
const ordersDb = mongo("orders-db");
// Orders fetches the customer, address, card and items from the URLs the front-end sends
// (user and carts), then calls payment and shipping.
const orders = new Service(app, "orders", {
  image: "weaveworksdemos/orders:0.4.7",
  port: 80,
  cpu: "100m",
  memory: "300Mi",
  cpuLimit: "500m",
  memoryLimit: "500Mi",
  env: javaEnv,
  ...onPort80,
  ...slowStart,
})
  .connect(ordersDb)
  .connect(user)
  .connect(carts)
  .connect(payment)
  .connect(shipping);

// --- front-end ---------------------------------------------------------------------------
// Upstream's requests (100m, 100Mi); the limits are complete-demo.yaml's, since the default
// memory limit (= the request) is too tight for Node.
new Service(app, "front-end", {
  image: "weaveworksdemos/front-end:0.3.12",
  port: 8079,
  servicePort: 80,
  public: true,
  cpu: "100m",
  memory: "100Mi",
  cpuLimit: "300m",
  memoryLimit: "1000Mi",
  ...sockShopUser,
})
  .connect(catalogue)
  .connect(carts)
  .connect(orders)
  .connect(user);

export default app;
