/**
 * Errors that skyweave reports to users. Each carries the exit code of the CLI contract
 * (1 bad input, 2 infeasible placement, 3 policy findings), where the problem is
 * (a construct path, `file:line`, or a JSON path) and how to fix it.
 */

import { z, ZodError } from "zod";
import type { Finding } from "./policy/finding.js";

const ERROR_BRAND = Symbol.for("skyweave.error");

/** Exit codes of the `skyweave` CLI (contract). */
export const ExitCode = {
  ok: 0,
  badInput: 1,
  infeasible: 2,
  policyFindings: 3,
} as const;

/** Options shared by every skyweave error. */
export interface SkyweaveErrorOptions {
  /** Where the problem is: a construct path (`shop/web`), `file:line`, or a JSON path. */
  where?: string;
  /** One or more sentences telling the user how to fix it. */
  fix?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error skyweave reports to a user. */
export class SkyweaveError extends Error {
  /** The CLI exit code this error maps to. */
  readonly exitCode: number;
  /** Where the problem is (construct path, `file:line`, JSON path). */
  readonly where: string | undefined;
  /** How to fix it. */
  readonly fix: string | undefined;

  constructor(message: string, exitCode: number, options: SkyweaveErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.where = options.where;
    this.fix = options.fix;
    Object.defineProperty(this, ERROR_BRAND, { value: true });
  }

  /**
   * True for any skyweave error, also one thrown by another copy of the library (the CLI
   * and a user's `app.ts` may load skyweave through different module instances).
   */
  static is(x: unknown): x is SkyweaveError {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[ERROR_BRAND] === true;
  }

  /** The message as the CLI prints it: `where: message` and a `fix:` line. */
  format(): string {
    return formatError(this);
  }
}

/** Bad input: a wrong prop, a bad quantity, a broken `app.ts`. Exit code 1. */
export class InputError extends SkyweaveError {
  constructor(message: string, options: SkyweaveErrorOptions = {}) {
    super(message, ExitCode.badInput, options);
  }
}

/** The constraints admit no placement. Exit code 2. */
export class InfeasibleError extends SkyweaveError {
  constructor(message: string, options: SkyweaveErrorOptions = {}) {
    super(message, ExitCode.infeasible, options);
  }
}

/** What skyweave would emit breaks policy rules. Exit code 3. */
export class PolicyError extends SkyweaveError {
  /** Every finding, sorted by construct path (then in rule order). */
  readonly findings: readonly Finding[];

  constructor(message: string, findings: readonly Finding[], options: SkyweaveErrorOptions = {}) {
    super(message, ExitCode.policyFindings, options);
    this.findings = findings;
  }
}

/** Formats any skyweave error (from any copy of the library) for a terminal. */
export function formatError(error: SkyweaveError): string {
  const head = error.where ? `${error.where}: ${error.message}` : error.message;
  return error.fix ? `${head}\n  fix: ${error.fix}` : head;
}

/**
 * The message of an error that is not a SkyweaveError (a bug in skyweave): a failed schema
 * check as its paths and messages rather than zod's raw JSON, anything else as it is.
 */
export function bugMessage(error: unknown): string {
  if (error instanceof ZodError) return `a value failed skyweave's own checks:\n${z.prettifyError(error)}`;
  return error instanceof Error ? error.message : String(error);
}
