/**
 * The body of the thread `loadModel()` starts: runs the user's app.ts with `loadApp()`, turns
 * it into its `AppModel`, and posts the model (plain data) or the error back. Running here
 * rather than on the caller's thread is what lets the caller stop an app that never returns.
 */
import { parentPort, workerData } from "node:worker_threads";
import { bugMessage, SkyweaveError } from "../errors.js";
import { toModel } from "../model/to-model.js";
import { loadApp } from "./load-app.js";

/** What the thread is given. */
export interface LoadRequest {
  /** The app file, as the user named it (the thread shares the caller's working directory). */
  readonly file: string;
}

/** An error, as plain data that crosses threads. */
export interface SentError {
  /** True for a SkyweaveError (bad input), false for anything else (a bug). */
  readonly skyweave: boolean;
  readonly message: string;
  readonly exitCode?: number;
  readonly where?: string;
  readonly fix?: string;
  readonly stack?: string;
  /** The stack of the error's cause, for `--verbose`. */
  readonly causeStack?: string;
}

/** What the thread posts back: the model, or the error. */
export type LoadReply = { readonly ok: true; readonly model: unknown } | { readonly ok: false; readonly error: SentError };

/** Loads the app and models it; the reply as plain data. */
export async function loadAndModel(request: LoadRequest): Promise<LoadReply> {
  try {
    return { ok: true, model: toModel(await loadApp(request.file)) };
  } catch (error) {
    return { ok: false, error: sendable(error) };
  }
}

function sendable(error: unknown): SentError {
  if (SkyweaveError.is(error)) {
    const cause = error.cause instanceof Error ? error.cause.stack ?? error.cause.message : undefined;
    return {
      skyweave: true,
      message: error.message,
      exitCode: error.exitCode,
      ...(error.where === undefined ? {} : { where: error.where }),
      ...(error.fix === undefined ? {} : { fix: error.fix }),
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      ...(cause === undefined ? {} : { causeStack: cause }),
    };
  }
  const message = bugMessage(error);
  return { skyweave: false, message, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}

if (parentPort !== null && (workerData as { skyweaveLoad?: LoadRequest } | undefined)?.skyweaveLoad !== undefined) {
  parentPort.postMessage(await loadAndModel((workerData as { skyweaveLoad: LoadRequest }).skyweaveLoad));
}
