import { describe, expect, it } from "vitest";
import { App, Bucket, CronJob, KubernetesCluster, MySql, Postgres, Queue, Redis, Service, Worker, toModel } from "../../src/index.js";
import { ExitCode, InputError, SkyweaveError } from "../../src/errors.js";

/** Runs `declare` and returns the formatted message of the skyweave error it throws. */
function errorOf(declare: () => unknown): string {
  try {
    declare();
  } catch (error) {
    expect(SkyweaveError.is(error)).toBe(true);
    expect((error as SkyweaveError).exitCode).toBe(ExitCode.badInput);
    expect(error).toBeInstanceOf(InputError);
    return (error as SkyweaveError).format();
  }
  throw new Error("expected the declaration to throw");
}

describe("props are validated when a construct is created", () => {
  it("names the construct path, the prop, what was given and what is allowed for a wrong type", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", port: "80" as unknown as number }))).toBe(
      [
        "shop/web: invalid Service props",
        '  - port: got "80"; expected a port number between 1 and 65535',
        "  fix: see the Service props in the README (or hover the class in your editor).",
      ].join("\n"),
    );
  });

  it("rejects a CPU quantity that Kubernetes would not accept", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", cpu: "abc" }))).toContain(
      '  - cpu: got "abc"; expected a CPU quantity in whole millicores, such as "250m", "0.5" or "2"',
    );
  });

  it("rejects a memory quantity with a unit Kubernetes does not know", () => {
    expect(errorOf(() => new Worker(new App("shop"), "mailer", { image: "x:1", memory: "1GB" }))).toContain(
      '  - memory: got "1GB"; expected a memory quantity in whole bytes, such as "128Mi", "1.5Gi" or "512M"',
    );
  });

  it("says a missing image is required", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", {} as never))).toContain(
      '  - image: is required (expected a container image such as "ghcr.io/acme/web:1.4.2")',
    );
  });

  it("suggests the right spelling of an unknown prop", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", memroy: "1Gi" } as never))).toBe(
      ['shop/web: invalid Service props', '  - unknown prop "memroy" (did you mean "memory"?)', "  fix: remove the unknown prop or check its spelling."].join("\n"),
    );
  });

  it("lists every problem at once", () => {
    const message = errorOf(() => new Service(new App("shop"), "web", { image: "x:1", cpu: "lots", memory: "few" }));
    expect(message).toContain("  - cpu: got \"lots\"");
    expect(message).toContain("  - memory: got \"few\"");
  });

  it("rejects replicas whose max is below min", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", replicas: { min: 3, max: 2 } }))).toContain(
      '  - replicas: got {"min":3,"max":2}; replicas.max must be at least replicas.min',
    );
  });

  it("requires a port on a public service", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", public: true }))).toContain("  - public: got true; a public service needs a port");
  });

  it("rejects a schedule that is not a cron expression", () => {
    expect(errorOf(() => new CronJob(new App("shop"), "nightly", { image: "x:1", schedule: "every night" }))).toContain(
      '  - schedule: got "every night"; expected a five-field cron expression such as "0 3 * * *" (minute hour day month weekday) or @daily',
    );
  });

  it("rejects an unsupported database version", () => {
    expect(errorOf(() => new Postgres(new App("shop"), "db", { version: "9" }))).toContain('  - version: got "9"; expected a Postgres major version: "13" to "17"');
  });

  it("rejects a cluster region that is not a region", () => {
    expect(errorOf(() => new KubernetesCluster(new App("shop"), "main", { region: "Virginia", provider: "eks" }))).toContain(
      '  - region: got "Virginia"; expected a region such as "us-east-1"',
    );
  });
});

describe("ids and names", () => {
  it("rejects an app name that is not a DNS label", () => {
    expect(errorOf(() => new App("My Shop"))).toBe(
      'App: invalid app name "My Shop"\n  fix: name the app with a lower-case DNS label of at most 63 characters, such as "shop" or "my-app".',
    );
  });

  it("rejects an id that cannot be a Kubernetes name", () => {
    expect(errorOf(() => new Service(new App("shop"), "Web_1", { image: "x:1" }))).toContain('shop/Web_1: invalid id "Web_1" for a Service');
  });

  it("rejects a duplicate id, whatever the kinds", () => {
    const app = new App("shop");
    new Service(app, "web", { image: "x:1" });
    expect(errorOf(() => new Postgres(app, "web"))).toBe(
      'shop/web: duplicate id "web": shop/web is already taken by another construct\n  fix: give each construct in the same scope its own id.',
    );
  });
});

describe("connections", () => {
  it("returns the workload so connections chain", () => {
    const app = new App("shop");
    const db = new Postgres(app, "db");
    const cache = new Redis(app, "cache");
    const worker = new Worker(app, "w", { image: "x:1" });
    expect(worker.connect(db).connect(cache)).toBe(worker);
    expect(worker.connections.map((c) => [c.target, c.access])).toEqual([
      [db, "readwrite"],
      [cache, "readwrite"],
    ]);
  });

  it("rejects a connection to itself", () => {
    const web = new Service(new App("shop"), "web", { image: "x:1", port: 80 });
    expect(errorOf(() => web.connect(web))).toBe("shop/web: a workload cannot connect to itself\n  fix: remove the connect() call, or connect to another part.");
  });

  it("rejects a connection to a part of another App", () => {
    const jobs = new Queue(new App("other"), "jobs");
    const worker = new Worker(new App("shop"), "w", { image: "x:1" });
    expect(errorOf(() => worker.connect(jobs))).toBe("shop/w: cannot connect to other/jobs: it belongs to another App\n  fix: connect only to parts declared in the same App.");
  });

  it("rejects an access mode the target does not support, and lists the ones it does", () => {
    const app = new App("shop");
    const jobs = new Queue(app, "jobs");
    expect(errorOf(() => new Worker(app, "w", { image: "x:1" }).connect(jobs, "write"))).toBe(
      'shop/w: access mode "write" is not supported by shop/jobs\n  fix: use one of: "send", "consume", "readwrite".',
    );
  });

  it("rejects an access mode that does not exist", () => {
    const app = new App("shop");
    const uploads = new Bucket(app, "uploads");
    expect(errorOf(() => new Worker(app, "w", { image: "x:1" }).connect(uploads, "delete" as never))).toContain(
      'shop/w: access mode "delete" is not supported by shop/uploads\n  fix: use one of: "read", "write", "readwrite".',
    );
  });

  it("rejects a connection to a service without a port", () => {
    const app = new App("shop");
    const quiet = new Service(app, "quiet", { image: "x:1" });
    expect(errorOf(() => new Worker(app, "w", { image: "x:1" }).connect(quiet))).toContain("shop/w: cannot connect to shop/quiet: it has no port to connect to");
  });

  it("rejects connecting twice to the same target", () => {
    const app = new App("shop");
    const db = new Postgres(app, "db");
    const worker = new Worker(app, "w", { image: "x:1" }).connect(db);
    expect(errorOf(() => worker.connect(db))).toContain("shop/w: already connected to shop/db");
  });

  it("rejects something that is not a part", () => {
    const worker = new Worker(new App("shop"), "w", { image: "x:1" });
    expect(errorOf(() => worker.connect("db" as never))).toContain('shop/w: connect() was given "db", which cannot be connected to');
  });

  it("rejects an env prefix that is not an environment variable prefix", () => {
    const app = new App("shop");
    const db = new Postgres(app, "db");
    expect(errorOf(() => new Worker(app, "w", { image: "x:1" }).connect(db, { envPrefix: "my-db" }))).toContain(
      'shop/w: envPrefix "my-db" is not an environment variable prefix',
    );
  });
});

describe("stateful services", () => {
  it("is stateful exactly when it has a volume", () => {
    const app = new App("shop");
    expect(new Service(app, "search", { image: "es:8", port: 9200, volume: { path: "/data", sizeGiB: 30 } }).stateful).toBe(true);
    expect(new Service(app, "web", { image: "web:1", port: 80 }).stateful).toBe(false);
  });
});

describe("props accepted before and broken at deploy are refused at construction (issue 12)", () => {
  const CRON_FORM = 'expected a five-field cron expression such as "0 3 * * *" (minute hour day month weekday) or @daily';
  const CRON_FIX =
    '  fix: write five fields, minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (03:00 every day) or "*/15 8-18 * * MON-FRI", or a macro: @hourly, @daily, @weekly, @monthly or @yearly.';
  const NEVER_FIX =
    "  fix: choose days of the month that the months have (February has 29 days in leap years, 28 otherwise; April, June, September and November have 30).";
  const cronJob = (schedule: string) => () => new CronJob(new App("shop"), "nightly", { image: "x:1", schedule });

  it("refuses a minute out of range", () => {
    expect(errorOf(cronJob("61 * * * *"))).toBe(
      ["shop/nightly: invalid CronJob props", `  - schedule: got "61 * * * *"; ${CRON_FORM}; minute 61 is out of range 0-59`, CRON_FIX].join("\n"),
    );
  });

  it("names every field out of range", () => {
    expect(errorOf(cronJob("99 99 99 99 99"))).toBe(
      [
        "shop/nightly: invalid CronJob props",
        `  - schedule: got "99 99 99 99 99"; ${CRON_FORM}; minute 99 is out of range 0-59; hour 99 is out of range 0-23; day of the month 99 is out of range 1-31; month 99 is out of range 1-12 or JAN-DEC; day of the week 99 is out of range 0-6 or SUN-SAT (0 is Sunday)`,
        CRON_FIX,
      ].join("\n"),
    );
  });

  it("refuses a schedule that never fires (February 30)", () => {
    expect(errorOf(cronJob("0 0 30 2 *"))).toBe(
      ["shop/nightly: invalid CronJob props", '  - schedule: got "0 0 30 2 *"; it never fires: February has no day 30', NEVER_FIX].join("\n"),
    );
  });

  it("refuses words that are not cron fields", () => {
    expect(errorOf(cronJob("foo bar baz qux quu"))).toBe(
      [
        "shop/nightly: invalid CronJob props",
        `  - schedule: got "foo bar baz qux quu"; ${CRON_FORM}; minute "foo" is not a number: expected 0-59; hour "bar" is not a number: expected 0-23; day of the month "baz" is not a number: expected 1-31; month "qux" is not a number or a name: expected 1-12 or JAN-DEC; day of the week "quu" is not a number or a name: expected 0-6 or SUN-SAT (0 is Sunday)`,
        CRON_FIX,
      ].join("\n"),
    );
  });

  it("refuses Sunday as 7, which Kubernetes does not accept", () => {
    expect(errorOf(cronJob("0 3 * * 7"))).toBe(
      ["shop/nightly: invalid CronJob props", `  - schedule: got "0 3 * * 7"; ${CRON_FORM}; day of the week 7 is out of range 0-6 or SUN-SAT (0 is Sunday)`, CRON_FIX].join("\n"),
    );
  });

  it("refuses a time zone in the schedule and points to the timeZone prop", () => {
    expect(errorOf(cronJob("CRON_TZ=Europe/Berlin 0 3 * * *"))).toBe(
      [
        "shop/nightly: invalid CronJob props",
        `  - schedule: got "CRON_TZ=Europe/Berlin 0 3 * * *"; ${CRON_FORM}; a schedule cannot name its time zone (TZ= or CRON_TZ=); Kubernetes refuses it`,
        '  fix: leave TZ= out: a CronJob takes its time zone from the timeZone prop (e.g. timeZone: "Europe/Berlin"), and replicas.schedule times are UTC.',
      ].join("\n"),
    );
  });

  it("accepts the schedules Kubernetes accepts: ranges, steps, lists, names and macros", () => {
    for (const schedule of ["*/15 8-18 * * MON-FRI", "0 0 1 jan,jul *", "5/15 * * * *", "0 0 ? * *", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]) {
      expect(new CronJob(new App("shop"), "nightly", { image: "x:1", schedule }).props.schedule).toBe(schedule);
    }
  });

  it("checks the cron of each replicas.schedule step the same way", () => {
    const step = (cron: string) => () => new Service(new App("shop"), "web", { image: "x:1", replicas: { min: 1, max: 4, schedule: [{ cron, min: 2 }] } });
    expect(errorOf(step("61 * * * *"))).toBe(
      ["shop/web: invalid Service props", `  - replicas.schedule[0].cron: got "61 * * * *"; ${CRON_FORM}; minute 61 is out of range 0-59`, CRON_FIX].join("\n"),
    );
    expect(errorOf(step("0 0 31 4 *"))).toBe(
      ["shop/web: invalid Service props", '  - replicas.schedule[0].cron: got "0 0 31 4 *"; it never fires: April has no day 31', NEVER_FIX].join("\n"),
    );
  });
});

describe("sizes and counts are bounded before they overflow the model (issue 12)", () => {
  const DISK_FIX = "  fix: ask for at most 65536 GiB: 64 TiB is the largest EBS volume, GCE persistent disk or RDS database.";
  const REPLICAS_FIX = "  fix: give the number of copies to run, e.g. replicas: 3, or a range for the autoscaler, e.g. replicas: { min: 2, max: 10 }.";

  it("refuses a volume larger than any disk (it crashed toModel with exit 70)", () => {
    expect(errorOf(() => new Service(new App("shop"), "search", { image: "x:1", volume: { path: "/data", sizeGiB: 1e12 } }))).toBe(
      ["shop/search: invalid Service props", "  - volume.sizeGiB: got 1000000000000; expected at most 65536 GiB (64 TiB)", DISK_FIX].join("\n"),
    );
  });

  it("keeps a volume of 64 TiB, and fractions of a GiB", () => {
    const app = new App("shop");
    new Service(app, "big", { image: "x:1", volume: { path: "/data", sizeGiB: 65536 } });
    new Service(app, "small", { image: "x:1", volume: { path: "/data", sizeGiB: 0.5 } });
    expect(toModel(app).workloads.map((w) => w.volume?.sizeBytes)).toEqual([65536 * 2 ** 30, 2 ** 29]);
  });

  it.each([
    ["Postgres", () => new Postgres(new App("shop"), "db", { storageGiB: 1e9 }), "shop/db", "1000000000"],
    ["MySql", () => new MySql(new App("shop"), "db", { storageGiB: 70000 }), "shop/db", "70000"],
    ["Redis", () => new Redis(new App("shop"), "db", { storageGiB: 1e12 }), "shop/db", "1000000000000"],
    ["Bucket", () => new Bucket(new App("shop"), "db", { storageGiB: 1e12 }), "shop/db", "1000000000000"],
  ])("refuses %s storage beyond 64 TiB", (kind, declare, path, given) => {
    expect(errorOf(declare)).toBe([`${path}: invalid ${kind} props`, `  - storageGiB: got ${given}; expected at most 65536 GiB (64 TiB)`, DISK_FIX].join("\n"));
  });

  it("refuses more CPU than any machine has, also when twice it would overflow the default limit", () => {
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "x:1", cpu: 9e12 }))).toBe(
      [
        "shop/w: invalid Worker props",
        "  - cpu: got 9000000000000; expected at most 100000 cores; no machine has that many",
        '  fix: request what one replica needs (e.g. cpu: "2") and scale out with replicas.',
      ].join("\n"),
    );
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "x:1", cpu: "1e15" }))).toContain(
      '  - cpu: got "1e15"; expected a CPU quantity in whole millicores, such as "250m", "0.5" or "2"',
    );
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "x:1", cpuLimit: "100001" }))).toContain("  - cpuLimit: got \"100001\"; expected at most 100000 cores");
  });

  it("refuses more memory than any machine has, naming it too large rather than malformed", () => {
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "x:1", memory: "999999999Ti" }))).toBe(
      [
        "shop/w: invalid Worker props",
        '  - memory: got "999999999Ti"; expected at most "1Pi"; no machine has that much memory',
        '  fix: request what one replica needs (e.g. memory: "4Gi") and scale out with replicas.',
      ].join("\n"),
    );
  });

  it("refuses a replica count Kubernetes cannot hold (32 bits), and keeps a million", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", replicas: 1e20 }))).toBe(
      ["shop/web: invalid Service props", "  - replicas: got 100000000000000000000; expected a whole number of replicas from 0 to 2147483647 (Kubernetes counts replicas in 32 bits)", REPLICAS_FIX].join("\n"),
    );
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", replicas: { min: 1, max: 1e20 } }))).toContain(
      "  - replicas.max: got 100000000000000000000; expected a whole number of replicas from 1 to 2147483647 (Kubernetes counts replicas in 32 bits)",
    );
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "x:1", replicas: 2.5 }))).toContain("  - replicas: got 2.5; expected a whole number of replicas from 0 to 2147483647");
    const app = new App("shop");
    new Service(app, "web", { image: "x:1", replicas: 1_000_000 });
    new Service(app, "api", { image: "x:1", replicas: 1e9 });
    new Worker(app, "w", { image: "x:1", replicas: { min: 1, max: 2_147_483_647 } });
    expect(toModel(app).workloads.map((w) => w.replicas.max)).toEqual([1_000_000, 1e9, 2_147_483_647]);
  });

  it("refuses more GPUs than any machine has", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", placement: { gpu: { count: 1e20 } } }))).toBe(
      [
        "shop/web: invalid Service props",
        "  - placement.gpu.count: got 100000000000000000000; expected a whole number of GPUs from 1 to 16; no machine has more",
        "  fix: ask for the GPUs one replica needs, e.g. placement: { gpu: { count: 1 } }, and scale out with replicas.",
      ].join("\n"),
    );
  });

  it("keeps the grace period bounded", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "x:1", terminationGracePeriodSeconds: 1e12 }))).toContain(
      "  - terminationGracePeriodSeconds: got 1000000000000; expected between 1 and 3600 seconds",
    );
  });

  it("builds the model of the largest values it accepts", () => {
    const app = new App("shop");
    new Service(app, "web", {
      image: "x:1",
      cpu: "100000",
      memory: "1Pi",
      replicas: { min: 2_147_483_646, max: 2_147_483_647 },
      volume: { path: "/data", sizeGiB: 65536 },
      placement: { gpu: { count: 16 } },
      terminationGracePeriodSeconds: 3600,
    });
    new Postgres(app, "db", { storageGiB: 65536, cpu: "100000", memory: "1Pi" });
    const model = toModel(app);
    expect(model.workloads[0]!.resources.limits.cpuMillicores).toBe(200_000_000);
    expect(model.resources[0]!.storageBytes).toBe(65536 * 2 ** 30);
  });
});

describe("image references are checked at construction (issue 12)", () => {
  it("refuses an image that is no reference, and says how to write one", () => {
    expect(errorOf(() => new Service(new App("shop"), "web", { image: "NGINX:@@@!!" }))).toBe(
      [
        "shop/web: invalid Service props",
        '  - image: got "NGINX:@@@!!"; expected a container image such as "ghcr.io/acme/web:1.4.2", [registry[:port]/]name[:tag][@digest]: a lower-case name (letters and digits joined by ".", "_", "__" or "-"), a tag of at most 128 letters, digits, "_", "." and "-", a digest such as sha256:<hex>',
        '  fix: image references are lowercase, with a tag of letters, digits, ".", "_" and "-": e.g. "nginx:1.27".',
      ].join("\n"),
    );
  });

  it("gives the lower-case reference when only the case is wrong", () => {
    expect(errorOf(() => new Worker(new App("shop"), "w", { image: "NGINX:1.27" }))).toBe(
      [
        "shop/w: invalid Worker props",
        '  - image: got "NGINX:1.27"; expected a container image such as "ghcr.io/acme/web:1.4.2", [registry[:port]/]name[:tag][@digest], with a lower-case name',
        '  fix: image references are lowercase: "nginx:1.27".',
      ].join("\n"),
    );
  });

  it("keeps the message for spaces", () => {
    expect(errorOf(() => new CronJob(new App("shop"), "j", { image: "nginx 1.27", schedule: "@daily" }))).toContain('  - image: got "nginx 1.27"; an image reference has no spaces');
  });
});

describe("app names that are Kubernetes' own namespaces are refused (issue 12)", () => {
  it.each([
    ["kube-system", 'App: app name "kube-system" is reserved: the app\'s name is its Kubernetes namespace, and "kube-system" is a system namespace\n  fix: name the app something else, such as "system" or "my-app".'],
    ["default", 'App: app name "default" is reserved: the app\'s name is its Kubernetes namespace, and "default" is a system namespace\n  fix: name the app something else, such as "default-app" or "my-app".'],
    ["kube-public", 'App: app name "kube-public" is reserved: the app\'s name is its Kubernetes namespace, and "kube-public" is a system namespace\n  fix: name the app something else, such as "public" or "my-app".'],
    ["kube-node-lease", 'App: app name "kube-node-lease" is reserved: the app\'s name is its Kubernetes namespace, and "kube-node-lease" is a system namespace\n  fix: name the app something else, such as "node-lease" or "my-app".'],
    ["kube-shop", 'App: app name "kube-shop" is reserved: the app\'s name is its Kubernetes namespace, and "kube-shop" starts with "kube-", which Kubernetes keeps for itself\n  fix: name the app something else, such as "shop" or "my-app".'],
  ])("refuses %s", (name, message) => {
    expect(errorOf(() => new App(name))).toBe(message);
  });

  it("accepts names that merely contain those words", () => {
    for (const name of ["defaults", "my-default", "kube", "kubeflow", "shop-kube-system"]) expect(new App(name).name).toBe(name);
  });
});
