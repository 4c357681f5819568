/** Relational databases: Postgres and MySQL, managed (RDS) or in-cluster. */
import type { Construct } from "constructs";
import { z } from "zod";
import { BackingResource, backingResourceFields, type BackingResourceProps } from "./backing-resource.js";
import { storageGiBSchema } from "./schemas.js";

/** Props of a SQL database. */
export interface DatabaseProps extends BackingResourceProps {
  /** Major version, e.g. `"16"` for Postgres or `"8.4"` for MySQL. */
  readonly version?: string;
  /** Disk size in GiB. Default 20. */
  readonly storageGiB?: number;
}

const databaseFields = {
  ...backingResourceFields,
  storageGiB: storageGiBSchema.optional(),
};

const postgresSchema = z.strictObject({
  ...databaseFields,
  version: z.enum(["13", "14", "15", "16", "17"], { message: 'expected a Postgres major version: "13" to "17"' }).optional(),
});

const mysqlSchema = z.strictObject({
  ...databaseFields,
  version: z.enum(["8.0", "8.4"], { message: 'expected a MySQL version: "8.0" or "8.4"' }).optional(),
});

/**
 * A PostgreSQL database. Connected workloads get `<ID>_HOST`, `_PORT`, `_USER`, `_NAME`,
 * `_PASSWORD` (from a Secret) and `_URL`.
 *
 * ```ts
 * const db = new Postgres(app, "db", { version: "16", storageGiB: 20 });
 * ```
 */
export class Postgres extends BackingResource<DatabaseProps> {
  constructor(scope: Construct, id: string, props?: DatabaseProps) {
    super(scope, id, props, { kind: "postgres", className: "Postgres", schema: postgresSchema, supportedAccess: ["readwrite"], defaultAccess: "readwrite" });
  }
}

/** A MySQL database, like `Postgres` with MySQL's port and URL scheme. */
export class MySql extends BackingResource<DatabaseProps> {
  constructor(scope: Construct, id: string, props?: DatabaseProps) {
    super(scope, id, props, { kind: "mysql", className: "MySql", schema: mysqlSchema, supportedAccess: ["readwrite"], defaultAccess: "readwrite" });
  }
}
