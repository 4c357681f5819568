/**
 * Builds `aws-catalog.data.ts`, the catalog data skyweave ships, from the instance catalog in
 * `../shared/corpus/instance-catalog` (see its SOURCE.md) and the vendored excerpt of
 * amazon-eks-ami's `eni-max-pods.txt` in `upstream/`.
 *
 *   npx tsx src/solver/catalog/build-catalog.ts            # rewrite the data file
 *   npx tsx src/solver/catalog/build-catalog.ts --check    # exit 1 if it is out of date
 *   ... --corpus <dir>                                     # another copy of the corpus
 *
 * Nothing here types a number: every value is copied from the corpus CSVs (AWS rows only) or
 * the vendored file. The upstream repositories and commits are read from the corpus's own
 * `derive.mjs`; the snapshot dates and licenses below are copied from its SOURCE.md. The
 * output is deterministic (sorted, fixed formatting), and a test rebuilds it and compares
 * bytes, so nobody edits prices by hand.
 *
 * Left out on purpose: GCP and Azure rows (skyweave has no GCP or Azure target yet), Memcached
 * and OpenSearch rows (no skyweave construct uses them), and the corpus's columns skyweave
 * does not need.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOG_DATA_FORMAT, type CatalogData, type CatalogElastiCacheNodeData, type CatalogInstanceTypeData, type CatalogRegion, type CatalogSource } from "./catalog-data.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, when this file runs from `src/solver/catalog`. */
const REPO_ROOT = path.resolve(HERE, "../../..");

/** Default location of the corpus: `../shared/corpus/instance-catalog` beside the repository. */
export const DEFAULT_CORPUS_DIR = path.resolve(REPO_ROOT, "../shared/corpus/instance-catalog");
/** The generated data module. */
export const DATA_FILE = path.join(HERE, "aws-catalog.data.ts");
/** The vendored excerpt of amazon-eks-ami's eni-max-pods.txt. */
export const ENI_MAX_PODS_FILE = path.join(HERE, "upstream", "eni-max-pods.txt");

const CORPUS_FILES = {
  instances: "instances.csv",
  supplement: "instances-aws-regions-2022-11.csv",
  managed: "managed-services.csv",
  derive: "derive.mjs",
} as const;

/** The AWS regions of the corpus; us-east-1 comes from Karpenter, the others from the 2022 supplement. */
const PRIMARY_REGION = "us-east-1";
const SUPPLEMENT_REGIONS = ["us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"] as const;
/** ElastiCache engines skyweave's `Redis` can run on. */
const ELASTICACHE_ENGINES = ["redis", "valkey"] as const;

/**
 * Snapshot dates and licenses of the upstream files, copied from the corpus's SOURCE.md
 * ("Upstream sources (pinned)"). Repository, path and commit come from derive.mjs.
 */
const UPSTREAM = {
  awsPrices: {
    id: "karpenter-aws-prices",
    usedFor: "EC2 on-demand Linux prices in us-east-1 (AWS Price List API, capacitystatus=Used, shared tenancy)",
    snapshot: "2026-07-20",
    license: "Apache-2.0",
    via: `corpus ${CORPUS_FILES.instances} (price_hour_usd)`,
  },
  awsSpecs: {
    id: "karpenter-aws-specs",
    usedFor: "EC2 instance specs: vCPU, memory, GPU / accelerator count and name, architecture",
    snapshot: "2026-07-11",
    license: "Apache-2.0",
    via: `corpus ${CORPUS_FILES.instances} (vcpu, memory_gib, gpu_count, gpu_model, arch)`,
  },
  ec2details: {
    id: "ec2details",
    usedFor: "EC2 on-demand Linux prices in us-west-2, eu-west-1, eu-central-1, ap-southeast-1 (AWS Price List bulk file, 2022)",
    snapshot: "2022-11-22",
    license: "MIT",
    via: `corpus ${CORPUS_FILES.supplement}`,
  },
  elasticache: {
    id: "ec2instances-info-elasticache",
    usedFor: "ElastiCache (Redis OSS, Valkey) on-demand node prices and node memory",
    snapshot: "2025-04-24",
    license: "MIT",
    via: `corpus ${CORPUS_FILES.managed}`,
  },
} as const;

/** The vendored max-pods table (not part of the corpus). */
const ENI_MAX_PODS_SOURCE: CatalogSource = {
  id: "amazon-eks-ami-eni-max-pods",
  usedFor: "max pods per instance type with the VPC CNI's default secondary-IP mode (ENIs × (IPv4 per ENI − 1) + 2)",
  repository: "https://github.com/awslabs/amazon-eks-ami",
  path: "templates/shared/runtime/eni-max-pods.txt",
  commit: "0254c5b490f819627461d1b24f87e440cbdb251f",
  snapshot: "unknown",
  license: "Apache-2.0",
  via: "src/solver/catalog/upstream/eni-max-pods.txt (excerpt: the catalog's 18 families)",
};

/** Reads the corpus and the vendored file; returns the data module's text. */
export function buildCatalogModule(corpusDir: string = DEFAULT_CORPUS_DIR, eniMaxPodsFile: string = ENI_MAX_PODS_FILE): string {
  const read = (name: string): string => {
    const file = path.join(corpusDir, name);
    if (!existsSync(file)) throw new Error(`missing ${file}: the catalog is built from ../shared/corpus/instance-catalog (pass --corpus <dir> for another copy)`);
    return readFileSync(file, "utf8");
  };
  const data = buildCatalogData({
    instancesCsv: read(CORPUS_FILES.instances),
    supplementCsv: read(CORPUS_FILES.supplement),
    managedCsv: read(CORPUS_FILES.managed),
    deriveMjs: read(CORPUS_FILES.derive),
    eniMaxPods: readFileSync(eniMaxPodsFile, "utf8"),
  });
  return renderModule(data);
}

/** The inputs of the build, as text. */
export interface CatalogInputs {
  readonly instancesCsv: string;
  readonly supplementCsv: string;
  readonly managedCsv: string;
  readonly deriveMjs: string;
  readonly eniMaxPods: string;
}

/** Builds the catalog data from the input texts. Throws on anything unexpected. */
export function buildCatalogData(inputs: CatalogInputs): CatalogData {
  const pinned = parseDeriveSources(inputs.deriveMjs);
  const source = (key: keyof typeof UPSTREAM): CatalogSource => {
    const pin = pinned[key];
    if (!pin) throw new Error(`derive.mjs does not pin "${key}"; the corpus changed shape`);
    const u = UPSTREAM[key];
    return { id: u.id, usedFor: u.usedFor, repository: `https://github.com/${pin.repo}`, path: pin.path, commit: pin.commit, snapshot: u.snapshot, license: u.license, via: u.via };
  };
  const sources = [source("awsSpecs"), source("awsPrices"), source("ec2details"), source("elasticache"), ENI_MAX_PODS_SOURCE];

  const eniMaxPods = parseEniMaxPods(inputs.eniMaxPods);
  const types = new Map<string, { spec: Omit<CatalogInstanceTypeData, "pricePerHour">; prices: Map<string, number> }>();

  for (const row of parseCsv(inputs.instancesCsv, CORPUS_FILES.instances, INSTANCE_HEADER)) {
    if (row.provider !== "aws") continue; // GCP and Azure: no skyweave target yet
    if (row.region !== PRIMARY_REGION) throw new Error(`${CORPUS_FILES.instances}: AWS row ${row.instance_type} in ${row.region}; expected ${PRIMARY_REGION} only`);
    if (types.has(row.instance_type)) throw new Error(`${CORPUS_FILES.instances}: duplicate ${row.instance_type}`);
    const pods = eniMaxPods.get(row.instance_type);
    if (pods === undefined) throw new Error(`${row.instance_type} has no line in ${path.basename(ENI_MAX_PODS_FILE)}; add it from the upstream file`);
    types.set(row.instance_type, { spec: specOf(row, pods), prices: new Map([[row.region, price(row)]]) });
  }
  for (const name of eniMaxPods.keys()) {
    if (!types.has(name)) throw new Error(`${path.basename(ENI_MAX_PODS_FILE)} lists ${name}, which the corpus does not have`);
  }

  for (const row of parseCsv(inputs.supplementCsv, CORPUS_FILES.supplement, INSTANCE_HEADER)) {
    if (row.provider !== "aws" || !(SUPPLEMENT_REGIONS as readonly string[]).includes(row.region)) {
      throw new Error(`${CORPUS_FILES.supplement}: unexpected row ${row.provider} ${row.region} ${row.instance_type}`);
    }
    const known = types.get(row.instance_type);
    if (!known) throw new Error(`${CORPUS_FILES.supplement}: ${row.instance_type} is not in ${CORPUS_FILES.instances}`);
    const spec = specOf(row, known.spec.eniMaxPods);
    if (JSON.stringify(spec) !== JSON.stringify(known.spec)) {
      throw new Error(`${CORPUS_FILES.supplement}: ${row.instance_type} in ${row.region} has specs ${JSON.stringify(spec)}, ${PRIMARY_REGION} has ${JSON.stringify(known.spec)}`);
    }
    if (known.prices.has(row.region)) throw new Error(`${CORPUS_FILES.supplement}: duplicate ${row.instance_type} in ${row.region}`);
    known.prices.set(row.region, price(row));
  }

  const instanceTypes: CatalogInstanceTypeData[] = [...types.values()]
    .map(({ spec, prices }) => ({ ...spec, pricePerHour: Object.fromEntries([...prices].sort(([a], [b]) => compare(a, b))) }))
    .sort((a, b) => compare(a.family, b.family) || a.vcpu - b.vcpu || a.memoryMiB - b.memoryMiB || compare(a.name, b.name));

  const regions: CatalogRegion[] = [PRIMARY_REGION, ...SUPPLEMENT_REGIONS]
    .map((region) => {
      const s = region === PRIMARY_REGION ? UPSTREAM.awsPrices : UPSTREAM.ec2details;
      return { region, priceSource: s.id, priceSnapshot: s.snapshot };
    })
    .sort((a, b) => compare(a.region, b.region));

  const elastiCache: CatalogElastiCacheNodeData[] = [];
  const seen = new Set<string>();
  for (const row of parseCsv(inputs.managedCsv, CORPUS_FILES.managed, MANAGED_HEADER)) {
    if (row.provider !== "aws" || row.service !== "elasticache" || !(ELASTICACHE_ENGINES as readonly string[]).includes(row.engine)) continue;
    const key = `${row.engine} ${row.region} ${row.instance_type}`;
    if (seen.has(key)) throw new Error(`${CORPUS_FILES.managed}: duplicate ${key}`);
    seen.add(key);
    elastiCache.push({
      engine: row.engine as CatalogElastiCacheNodeData["engine"],
      region: row.region,
      nodeType: row.instance_type,
      vcpu: integer(row.vcpu, `${key} vcpu`),
      memoryGiB: positive(row.memory_gib, `${key} memory_gib`),
      pricePerHour: positive(row.price_hour_usd, `${key} price_hour_usd`),
    });
  }
  elastiCache.sort((a, b) => compare(a.engine, b.engine) || compare(a.region, b.region) || a.pricePerHour - b.pricePerHour || a.memoryGiB - b.memoryGiB || compare(a.nodeType, b.nodeType));

  return { format: CATALOG_DATA_FORMAT, provider: "aws", sources, regions, instanceTypes, elastiCacheSource: UPSTREAM.elasticache.id, elastiCache };
}

// ---- parsing ------------------------------------------------------------------------------

const INSTANCE_HEADER = ["provider", "region", "instance_type", "vcpu", "memory_gib", "gpu_count", "gpu_model", "arch", "price_hour_usd"] as const;
const MANAGED_HEADER = ["provider", "service", "engine", "region", "instance_type", "vcpu", "memory_gib", "price_hour_usd"] as const;

type Row<H extends readonly string[]> = Record<H[number], string>;

/** Parses the corpus's simple CSVs (no quoting is used in them; a quote is an error). */
function parseCsv<H extends readonly string[]>(text: string, name: string, header: H): Row<H>[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines[0] !== header.join(",")) throw new Error(`${name}: expected header "${header.join(",")}", found "${lines[0]}"`);
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`${name}:${i + 2}: quoted fields are not expected`);
    const cells = line.split(",");
    if (cells.length !== header.length) throw new Error(`${name}:${i + 2}: expected ${header.length} columns, found ${cells.length}`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j]!])) as Row<H>;
  });
}

function specOf(row: Row<typeof INSTANCE_HEADER>, eniMaxPods: number): Omit<CatalogInstanceTypeData, "pricePerHour"> {
  const where = `${row.region} ${row.instance_type}`;
  const memoryMiB = positive(row.memory_gib, `${where} memory_gib`) * 1024;
  if (!Number.isInteger(memoryMiB)) throw new Error(`${where}: memory_gib ${row.memory_gib} is not a whole number of MiB`);
  if (row.arch !== "amd64" && row.arch !== "arm64") throw new Error(`${where}: unknown arch "${row.arch}"`);
  const count = integer(row.gpu_count, `${where} gpu_count`);
  // The corpus puts inf2's Inferentia2 accelerators in the GPU columns (SOURCE.md, "Columns"); in
  // Kubernetes they are `aws.amazon.com/neuron` devices, not `nvidia.com/gpu`, so keep them apart.
  const neuron = row.gpu_model === "inferentia2";
  if (count > 0 && row.gpu_model === "") throw new Error(`${where}: ${count} GPUs without a model`);
  return {
    name: row.instance_type,
    family: row.instance_type.split(".")[0]!,
    vcpu: integer(row.vcpu, `${where} vcpu`),
    memoryMiB,
    gpus: neuron ? 0 : count,
    ...(count > 0 && !neuron ? { gpuModel: row.gpu_model } : {}),
    ...(neuron ? { neuronDevices: count, neuronModel: row.gpu_model } : {}),
    arch: row.arch,
    eniMaxPods,
  };
}

function price(row: Row<typeof INSTANCE_HEADER>): number {
  return positive(row.price_hour_usd, `${row.region} ${row.instance_type} price_hour_usd`);
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) throw new Error(`${what}: expected a positive number, found "${text}"`);
  return n;
}

function integer(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0) throw new Error(`${what}: expected a whole number, found "${text}"`);
  return n;
}

/** `name pods` lines of eni-max-pods.txt; `#` lines are comments. */
export function parseEniMaxPods(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-z0-9-]+\.[a-z0-9-]+) (\d+)$/.exec(line);
    if (!m) throw new Error(`eni-max-pods.txt:${i + 1}: expected "<instance-type> <max-pods>", found "${line}"`);
    if (out.has(m[1]!)) throw new Error(`eni-max-pods.txt:${i + 1}: duplicate ${m[1]}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** The `{ repo, commit, path }` pins in derive.mjs's `SRC` object, by key. */
export function parseDeriveSources(text: string): Record<string, { repo: string; commit: string; path: string } | undefined> {
  const out: Record<string, { repo: string; commit: string; path: string }> = {};
  const re = /(\w+): \{ repo: '([^']+)', commit: '([0-9a-f]{40})',\s*path: '([^']+)' \}/g;
  for (const m of text.matchAll(re)) out[m[1]!] = { repo: m[2]!, commit: m[3]!, path: m[4]! };
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- rendering ----------------------------------------------------------------------------

function renderModule(data: CatalogData): string {
  const line = (value: unknown): string => JSON.stringify(value);
  const list = (items: readonly unknown[]): string => `[\n${items.map((item) => `    ${line(item)},`).join("\n")}\n  ]`;
  const sourceLines = data.sources.map((s) => ` *   - ${s.id}: ${s.repository} ${s.path} @ ${s.commit} (${s.license}; ${s.snapshot === "unknown" ? "date not recorded" : `data of ${s.snapshot}`}). ${s.usedFor}.`);
  const regionLines = data.regions.map((r) => ` *   - ${r.region}: ${r.priceSource}, ${r.priceSnapshot}`);
  return `/**
 * GENERATED FILE: do not edit. Built by src/solver/catalog/build-catalog.ts from
 * ../shared/corpus/instance-catalog (AWS rows only) and src/solver/catalog/upstream/eni-max-pods.txt.
 * Rebuild with \`npx tsx src/solver/catalog/build-catalog.ts\`; test/solver/catalog/build-catalog.test.ts
 * rebuilds it from the corpus and fails when the bytes differ.
 *
 * Counts: ${data.instanceTypes.length} EC2 instance types, ${data.instanceTypes.reduce((n, t) => n + Object.keys(t.pricePerHour).length, 0)} (type, region) prices in ${data.regions.length} regions, ${data.elastiCache.length} ElastiCache (engine, region, node type) prices.
 * Prices are on-demand list prices in USD per hour. They change: treat them as of their snapshot.
 * GCP and Azure rows of the corpus are left out (skyweave has no GCP or Azure target yet).
 *
 * Sources (provenance, licenses; see docs/catalog.md and docs/licenses/):
${sourceLines.join("\n")}
 *
 * EC2 price source per region:
${regionLines.join("\n")}
 *
 * Attribution. Instance specs and us-east-1 prices come from aws/karpenter-provider-aws and
 * max pods from awslabs/amazon-eks-ami, both licensed under the Apache License, Version 2.0
 * (http://www.apache.org/licenses/LICENSE-2.0; copy in docs/licenses/). Copyright Amazon.com,
 * Inc. or its affiliates. The regional prices of 2022 come from tedivm/ec2details and the
 * ElastiCache prices from ec2instances.info (via LeanerCloud/ec2-instances-info), under the MIT
 * licenses reproduced here:
 *
 * ec2details — MIT License
 *
 * Copyright (c) 2018 Robert Hafner
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in all
 * copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 * SOFTWARE.
 *
 * ec2instances.info data — MIT License
 *
 * Copyright (c) 2013 Garret Heaton (powdahound.com)
 *
 * Permission is hereby granted, free of charge, to any person obtaining
 * a copy of this software and associated documentation files (the
 * "Software"), to deal in the Software without restriction, including
 * without limitation the rights to use, copy, modify, merge, publish,
 * distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so, subject to
 * the following conditions:
 *
 * The above copyright notice and this permission notice shall be
 * included in all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 * EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 * NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
 * LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
 * WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
import { deepFreeze, type CatalogData } from "./catalog-data.js";

const data: CatalogData = {
  format: ${line(data.format)},
  provider: ${line(data.provider)},
  sources: ${list(data.sources)},
  regions: ${list(data.regions)},
  instanceTypes: ${list(data.instanceTypes)},
  elastiCacheSource: ${line(data.elastiCacheSource)},
  elastiCache: ${list(data.elastiCache)},
};

/** skyweave's AWS catalog data, frozen. Read it through \`loadCatalog()\`. */
export const AWS_CATALOG_DATA: CatalogData = deepFreeze(data);
`;
}

// ---- command line -------------------------------------------------------------------------

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  const i = argv.indexOf("--corpus");
  const corpus = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !corpus) throw new Error("--corpus needs a directory");
  const text = buildCatalogModule(corpus ? path.resolve(corpus) : DEFAULT_CORPUS_DIR);
  const current = existsSync(DATA_FILE) ? readFileSync(DATA_FILE, "utf8") : undefined;
  if (check) {
    if (current === text) {
      process.stdout.write(`${path.relative(process.cwd(), DATA_FILE)} is up to date\n`);
      return 0;
    }
    process.stderr.write(`${path.relative(process.cwd(), DATA_FILE)} is out of date; run npx tsx src/solver/catalog/build-catalog.ts\n`);
    return 1;
  }
  if (current !== text) writeFileSync(DATA_FILE, text);
  process.stdout.write(`${current === text ? "unchanged" : "wrote"} ${path.relative(process.cwd(), DATA_FILE)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
