/** A Compose key skyweave cannot express, or changed on the way in: where, and what happened. */
export interface ImportWarning {
  /** `compose.yaml:12 services.db.restart` */
  readonly where: string;
  readonly message: string;
}

/** What skyweave does instead of each service key it does not carry over. */
export const IGNORED_SERVICE_KEYS: Readonly<Record<string, string>> = {
  restart: "Kubernetes restarts failed containers itself; ignored",
  container_name: "the construct id names the container; ignored",
  hostname: "the construct id is the host name in the cluster; ignored",
  networks: "network policy follows connections instead; ignored",
  network_mode: "pods get their own network; ignored",
  stdin_open: "no interactive stdin in Kubernetes workloads; ignored",
  tty: "no TTY in Kubernetes workloads; ignored",
  labels: "skyweave sets its own labels; ignored",
  platform: "the node pool's instance types decide the platform; ignored",
  stop_signal: "Kubernetes sends SIGTERM; ignored",
  stop_grace_period: "not expressible yet; ignored",
  sysctls: "not allowed under the restricted Pod Security Standard; ignored",
  cap_add: "capabilities are all dropped under the restricted Pod Security Standard; ignored",
  cap_drop: "all capabilities are dropped already; ignored",
  privileged: "privileged containers are not allowed; ignored",
  runtime: "not expressible (runtime classes); ignored",
  working_dir: "not expressible; set it in the image; ignored",
  init: "not expressible; ignored",
  logging: "logs go to the cluster's logging; ignored",
  ulimits: "not expressible; ignored",
  extra_hosts: "not expressible; ignored",
  dns: "cluster DNS is used; ignored",
  devices: "devices are not allowed under the restricted Pod Security Standard; ignored",
  security_opt: "the restricted Pod Security Standard applies; ignored",
  profiles: "every service is imported; ignored",
  pull_policy: "not expressible; ignored",
  shm_size: "not expressible; ignored",
  tmpfs: "a writable /tmp is mounted already; ignored",
  configs: "mount configuration through the image for now; ignored",
  extends: "not followed; merge the extended service by hand; ignored",
  mem_limit: "use deploy.resources.limits.memory; ignored",
  cpus: "use deploy.resources.limits.cpus; ignored",
  expose: "",
};
