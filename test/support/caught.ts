import { expect } from "vitest";
import { SkyweaveError } from "../../src/errors.js";

/** The SkyweaveError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function caught(promise: Promise<unknown>): Promise<SkyweaveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(SkyweaveError.is(error), `expected a SkyweaveError, got ${String(error)}`).toBe(true);
  return error as SkyweaveError;
}
