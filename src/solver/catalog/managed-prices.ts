/**
 * Managed-service prices that are NOT in the corpus and were ENTERED BY HAND.
 *
 * The instance catalog the rest of skyweave's prices come from has no RDS, SQS or S3 prices
 * (../shared/corpus/instance-catalog/SOURCE.md, "Not found"), and no license-clean,
 * machine-generated source of them was found (searched: public code for committed RDS price
 * files; only hand-typed constants and scrapers without licenses turned up). So the few numbers
 * below are AWS public list prices typed in by a person, for us-east-1 only. They are NOT
 * machine-verified: check them against the pages named before relying on them, and keep
 * `HAND_ENTERED_AS_OF` honest when you change one. Every other region has no price here, so the
 * solver keeps such parts in-cluster there and says why.
 */

/** The date these numbers were entered. They are the list prices the enterer knew for that date; none was re-read from the AWS page on it. */
export const HAND_ENTERED_AS_OF = "2026-11-23";

/** One RDS DB instance class's on-demand Single-AZ price. */
export interface RdsInstancePrice {
  readonly engine: "postgres" | "mysql";
  readonly region: string;
  readonly instanceClass: string;
  readonly vcpu: number;
  /** Instance memory in GiB. */
  readonly memoryGiB: number;
  /** USD per hour, on-demand, Single-AZ. */
  readonly pricePerHour: number;
  /** The page the price is from. */
  readonly url: string;
  /** Why the enterer believes it. */
  readonly confidence: string;
}

const PG = "https://aws.amazon.com/rds/postgresql/pricing/";
const MYSQL = "https://aws.amazon.com/rds/mysql/pricing/";
const T4G_CORROBORATED =
  "entered from the AWS page as remembered; the same number appears in a third-party 2026 us-east-1 table " +
  "(https://infratally.com/articles/aws-rds-pricing-explained-2026.html); for comparison, the corpus prices ElastiCache Redis OSS nodes of the same t4g size identically";
const T4G_MYSQL = "entered from the AWS page as remembered (the same as PostgreSQL for these t4g sizes); not corroborated by a second source";
const UNCORROBORATED = "entered from the AWS page as remembered; not corroborated by a second source";

const RDS_ROWS: RdsInstancePrice[] = [
  { engine: "postgres", region: "us-east-1", instanceClass: "db.t4g.micro", vcpu: 2, memoryGiB: 1, pricePerHour: 0.016, url: PG, confidence: T4G_CORROBORATED },
  { engine: "postgres", region: "us-east-1", instanceClass: "db.t4g.small", vcpu: 2, memoryGiB: 2, pricePerHour: 0.032, url: PG, confidence: T4G_CORROBORATED },
  { engine: "postgres", region: "us-east-1", instanceClass: "db.t4g.medium", vcpu: 2, memoryGiB: 4, pricePerHour: 0.065, url: PG, confidence: T4G_CORROBORATED },
  { engine: "postgres", region: "us-east-1", instanceClass: "db.t4g.large", vcpu: 2, memoryGiB: 8, pricePerHour: 0.129, url: PG, confidence: UNCORROBORATED },
  { engine: "postgres", region: "us-east-1", instanceClass: "db.m7g.large", vcpu: 2, memoryGiB: 8, pricePerHour: 0.168, url: PG, confidence: UNCORROBORATED },
  { engine: "mysql", region: "us-east-1", instanceClass: "db.t4g.micro", vcpu: 2, memoryGiB: 1, pricePerHour: 0.016, url: MYSQL, confidence: T4G_MYSQL },
  { engine: "mysql", region: "us-east-1", instanceClass: "db.t4g.small", vcpu: 2, memoryGiB: 2, pricePerHour: 0.032, url: MYSQL, confidence: T4G_MYSQL },
  { engine: "mysql", region: "us-east-1", instanceClass: "db.t4g.medium", vcpu: 2, memoryGiB: 4, pricePerHour: 0.065, url: MYSQL, confidence: T4G_MYSQL },
];
/**
 * RDS on-demand Single-AZ prices, us-east-1, by hand. Left out on purpose because the enterer
 * could not confirm them: db.m7g.xlarge (PostgreSQL), every db.m7g class for MySQL, and
 * db.t4g.large for MySQL. A request larger than the largest class here gets no RDS offer.
 */
export const RDS_ON_DEMAND_SINGLE_AZ: readonly RdsInstancePrice[] = Object.freeze(RDS_ROWS.map((p) => Object.freeze(p)));

/**
 * RDS General Purpose SSD (gp3) storage, USD per GB-month, Single-AZ, by region. Same page; the
 * number also appears in two third-party 2026 us-east-1 breakdowns
 * (https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/ and a leyaa.ai
 * RDS walkthrough). Backup storage up to the database's size is free and not modelled.
 */
export const RDS_GP3_USD_PER_GB_MONTH: Readonly<Record<string, number>> = Object.freeze({ "us-east-1": 0.115 });

/** RDS's smallest gp3 volume for MySQL and PostgreSQL, in GiB. */
export const RDS_MIN_STORAGE_GIB = 20;

/**
 * SQS standard queues, by region: the first 1 million requests a month are free (AWS Free Tier,
 * always free, per account), then USD 0.40 per million. https://aws.amazon.com/sqs/pricing/
 */
export const SQS_STANDARD: Readonly<Record<string, { readonly freeRequestsPerMonth: number; readonly usdPerMillionRequests: number }>> = Object.freeze({
  "us-east-1": Object.freeze({ freeRequestsPerMonth: 1_000_000, usdPerMillionRequests: 0.4 }),
});

/**
 * A queue's requests a month when the model says nothing: one consumer long-polling an empty
 * queue with a 20 s wait makes 3 ReceiveMessage calls a minute, 3 × 60 × 730 = 131,400 a month.
 * Real traffic adds to it; pass `requestsPerMonth` when you know it.
 */
export const DEFAULT_SQS_REQUESTS_PER_MONTH = 3 * 60 * 730;

/** S3 Standard storage, first 50 TB a month, USD per GB-month, by region. https://aws.amazon.com/s3/pricing/ */
export const S3_STANDARD_USD_PER_GB_MONTH: Readonly<Record<string, number>> = Object.freeze({ "us-east-1": 0.023 });

/**
 * ElastiCache keeps this share of a node's memory out of the data set (`reserved-memory-percent`,
 * default 25 for Valkey and Redis OSS): https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/redis-memory-management.html
 */
export const ELASTICACHE_RESERVED_MEMORY_PERCENT = 25;
