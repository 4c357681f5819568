// The smallest skyweave app: one public service on one cluster.
import { App, KubernetesCluster, Service } from "skyweave";

const app = new App("hello");
new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });

new Service(app, "web", {
  image: "nginxinc/nginx-unprivileged:1.27.2",
  port: 8080,
  public: true,
  healthCheck: { protocol: "http", path: "/" },
  runAsUser: 101, // the image's own non-root user, which owns nginx's cache and pid paths
});

export default app;
