/**
 * The body of the thread `loadModel()` starts: runs the user's app.ts with `loadApp()`, turns
 * it into its `AppModel`, and posts the model (plain data) or the error back. Running here
 * rather than on the caller's thread is what lets the caller stop an app that never returns.
 */
import { parentPort, workerData } from "node:worker_threads";
import { bugMessage, SkyweaveError } from "../errors.js";
import { toModel } from "../model/to-model.js";
import { loadApp } from "./load-app.js";
import type { App } from "../constructs/app.js";
import { LOADER_THREAD, type DeclaredProps, type LoadReply, type LoadRequest, type LoaderReady, type SentError } from "./loader-protocol.js";

/** Loads the app and models it; the reply as plain data. */
export async function loadAndModel(request: LoadRequest): Promise<LoadReply> {
  try {
    const app = await loadApp(request.file, { shared: true });
    return { ok: true, model: toModel(app), declaredProps: declaredProps(app) };
  } catch (error) {
    return { ok: false, error: sendable(error) };
  }
}

/** Which props each construct was given: what the model cannot tell (a default looks like a choice). */
function declaredProps(app: App): DeclaredProps {
  const out: Record<string, string[]> = {};
  for (const c of app.node.findAll()) {
    const props = (c as { props?: unknown }).props;
    if (props !== null && typeof props === "object") out[c.node.path] = Object.keys(props).filter((k) => (props as Record<string, unknown>)[k] !== undefined);
  }
  return out;
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

if (parentPort !== null && (workerData as { role?: unknown } | undefined)?.role === LOADER_THREAD) {
  const port = parentPort;
  port.once("message", (request: LoadRequest) => void loadAndModel(request).then((reply) => port.postMessage(reply)));
  port.postMessage({ ready: true } satisfies LoaderReady);
}
