// Online Boutique, Google's microservices demo, ported to skyweave.
//
// Source: https://github.com/GoogleCloudPlatform/microservices-demo, release v0.10.6
// (`release/kubernetes-manifests.yaml` at commit 34ffea9175946982c3088ed84994fe6019ad6e92),
// Copyright 2025 Google LLC, licensed under the Apache License 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). This file is a derivative of that manifest:
// the same 12 workloads with the same images, ports, requests, limits, environment, pod user
// (UID 1000, skyweave's default) and health-check protocols, written as skyweave constructs.
// A copy of the manifest is read by test/examples/boutique.test.ts, which compares the
// Deployments it renders against this app field by field and lists every difference it
// allows, with the reason.
//
// Where this port differs from upstream (all checked by that test):
// - redis-cart is a `Redis` backing resource, not a container image, so its image, workload
//   kind, snapshot setting and user differ (see below).
// - Addresses come from connect(), so each client also gets <PREFIX>_HOST and <PREFIX>_PORT
//   (and REDIS_URL) next to the <PREFIX>_ADDR the services read. Like upstream, the frontend
//   and the email service are addressed by a Service port other than their container port
//   (`servicePort`): `frontend:80`, `emailservice:5000`. The public frontend is an Ingress
//   of the cluster's ingress-nginx with TLS (upstream: the LoadBalancer `frontend-external`).
// - What the constructs cannot express: the frontend probe's Cookie header, probe timings,
//   and the loadgenerator's `frontend-check` init container. Root file systems are read-only,
//   as upstream, with a writable /tmp for the workloads that upstream does not mount.
import { App, KubernetesCluster, Redis, Service, Worker } from "skyweave";

const app = new App("boutique-rightsized");
new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });

/** Upstream's pre-built public images. */
const image = (name: string): string => `us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/${name}:v0.10.6`;

/** The size upstream gives most services: 100m / 64Mi requested, 200m / 128Mi limit. */
const small = { cpu: "100m", memory: "64Mi", cpuLimit: "200m", memoryLimit: "128Mi" } as const;
const grpc = { protocol: "grpc" } as const;

// redis-cart holds the shopping carts. Upstream runs `redis:alpine` as a Deployment on an
// emptyDir: a cache whose contents die with the pod. A platform engineer declares that as what
// it is, a Redis, not as "some container on port 6379": the placement solver can then run it
// in-cluster (a StatefulSet, as here) or as ElastiCache once the app gains an AwsTarget,
// without touching cartservice, and the version is pinned instead of a floating `alpine` tag.
// No `storageGiB`: like upstream, no persistence (and skyweave turns snapshots off).
// `auth: false`: cartservice takes a bare `host:port` in REDIS_ADDR and no password. The
// server runs as the image's redis user (999) rather than upstream's 1000.
const redisCart = new Redis(app, "redis-cart", {
  version: "7.4",
  auth: false,
  cpu: "70m",
  memory: "200Mi",
  cpuLimit: "125m",
  memoryLimit: "256Mi",
});

const productCatalog = new Service(app, "productcatalogservice", {
  image: image("productcatalogservice"),
  terminationGracePeriodSeconds: 5,
  port: 3550,
  ...small,
  cpu: "35m",
  replicas: {
    min: 1,
    max: 4,
    targetCpuPercent: 80,
    schedule: [
      { cron: "50 6 * * *", min: 2 },
      { cron: "50 14 * * *", min: 1 },
    ],
  },
  env: { PORT: "3550", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
});

const currency = new Service(app, "currencyservice", {
  image: image("currencyservice"),
  terminationGracePeriodSeconds: 5,
  port: 7000,
  ...small,
  cpu: "10m",
  replicas: { min: 1, max: 36, targetCpuPercent: 80 },
  env: { PORT: "7000", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
});

const cart = new Service(app, "cartservice", {
  image: image("cartservice"),
  terminationGracePeriodSeconds: 5,
  port: 7070,
  cpu: "100m",
  memory: "64Mi",
  cpuLimit: "300m",
  memoryLimit: "128Mi",
  healthCheck: grpc,
  replicas: { min: 1, max: 4, targetCpuPercent: 80 },
}).connect(redisCart, { envPrefix: "REDIS" }); // REDIS_ADDR=redis-cart:6379

const shipping = new Service(app, "shippingservice", {
  image: image("shippingservice"),
  port: 50051,
  ...small,
  env: { PORT: "50051", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
});

const payment = new Service(app, "paymentservice", {
  image: image("paymentservice"),
  terminationGracePeriodSeconds: 5,
  port: 50051,
  ...small,
  env: { PORT: "50051", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
});

const email = new Service(app, "emailservice", {
  image: image("emailservice"),
  terminationGracePeriodSeconds: 5,
  port: 8080,
  servicePort: 5000, // as upstream: clients use emailservice:5000
  ...small,
  env: { PORT: "8080", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
});

const ads = new Service(app, "adservice", {
  image: image("adservice"),
  terminationGracePeriodSeconds: 5,
  port: 9555,
  cpu: "200m",
  memory: "180Mi",
  cpuLimit: "300m",
  memoryLimit: "300Mi",
  env: { PORT: "9555" },
  healthCheck: grpc,
});

const recommendation = new Service(app, "recommendationservice", {
  image: image("recommendationservice"),
  terminationGracePeriodSeconds: 5,
  port: 8080,
  cpu: "150m",
  memory: "220Mi",
  cpuLimit: "200m",
  memoryLimit: "450Mi",
  env: { PORT: "8080", DISABLE_PROFILER: "1" },
  healthCheck: grpc,
  replicas: { min: 1, max: 4, targetCpuPercent: 80 },
}).connect(productCatalog, { envPrefix: "PRODUCT_CATALOG_SERVICE" });

const checkout = new Service(app, "checkoutservice", {
  image: image("checkoutservice"),
  port: 5050,
  ...small,
  cpu: "200m",
  replicas: { min: 2, max: 4, targetCpuPercent: 80 },
  env: { PORT: "5050" },
  healthCheck: grpc,
})
  .connect(productCatalog, { envPrefix: "PRODUCT_CATALOG_SERVICE" })
  .connect(shipping, { envPrefix: "SHIPPING_SERVICE" })
  .connect(payment, { envPrefix: "PAYMENT_SERVICE" })
  .connect(email, { envPrefix: "EMAIL_SERVICE" }) // EMAIL_SERVICE_ADDR=emailservice:5000
  .connect(currency, { envPrefix: "CURRENCY_SERVICE" })
  .connect(cart, { envPrefix: "CART_SERVICE" });

const frontend = new Service(app, "frontend", {
  image: image("frontend"),
  port: 8080,
  servicePort: 80, // as upstream: in-cluster clients use frontend:80
  public: true,
  ...small,
  cpu: "115m",
  replicas: { min: 1, max: 4, targetCpuPercent: 80 },
  env: {
    PORT: "8080",
    ENABLE_PROFILER: "0",
    // Upstream sets this to a service that is not in the release manifest (the optional
    // shopping assistant, used only with ENABLE_ASSISTANT=true). Kept as plain env with
    // upstream's value, equally dangling, rather than inventing a part for it.
    SHOPPING_ASSISTANT_SERVICE_ADDR: "shoppingassistantservice:80",
  },
  // Upstream's probe also sends `Cookie: shop_session-id=x-readiness-probe`; a HealthCheck
  // has no headers, so probe requests get a fresh session id each time.
  healthCheck: { protocol: "http", path: "/_healthz" },
})
  .connect(productCatalog, { envPrefix: "PRODUCT_CATALOG_SERVICE" })
  .connect(currency, { envPrefix: "CURRENCY_SERVICE" })
  .connect(cart, { envPrefix: "CART_SERVICE" })
  .connect(recommendation, { envPrefix: "RECOMMENDATION_SERVICE" })
  .connect(shipping, { envPrefix: "SHIPPING_SERVICE" })
  .connect(checkout, { envPrefix: "CHECKOUT_SERVICE" })
  .connect(ads, { envPrefix: "AD_SERVICE" });

// Locust, driving the frontend through FRONTEND_ADDR=frontend:80. Upstream's busybox init
// container that waits for the frontend has no counterpart: Locust counts failed requests
// until the frontend is ready.
new Worker(app, "loadgenerator", {
  image: image("loadgenerator"),
  terminationGracePeriodSeconds: 5,
  replicas: 1,
  cpu: "300m",
  memory: "256Mi",
  cpuLimit: "500m",
  memoryLimit: "512Mi",
  env: { USERS: "10", RATE: "1" },
}).connect(frontend, { envPrefix: "FRONTEND" });

export default app;
