import { InputError } from "../../src/errors.js";

/** The InputError `f` throws; fails the test when it throws nothing or something else. */
export function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}
