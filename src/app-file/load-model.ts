/**
 * `loadModel()`: the first stage of every command that reads an app. It type-checks app.ts
 * (cached; see `typeCheckApp`) and runs it on a thread of its own, within a time and memory
 * limit, and returns its `AppModel`. An app that never returns (an infinite loop at the top
 * level), that allocates without end, or that does not type-check gets a clear InputError
 * instead of a hang, a crash or a stack trace.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError, SkyweaveError } from "../errors.js";
import type { AppModel } from "../model/app-model.js";
import { LOADER_THREAD, type DeclaredProps, type LoaderReady, type LoadReply, type LoadRequest } from "./loader-protocol.js";

/** Seconds an app may take to load before it is stopped. */
export const DEFAULT_LOAD_TIME_LIMIT_SECONDS = 60;

/** Memory (MiB of JavaScript heap) an app may use while it loads. */
export const LOAD_MEMORY_LIMIT_MIB = 4096;

/** Options of `loadModel()`. */
export interface LoadModelOptions {
  /**
   * Seconds the app may take to run.
   * @default 60
   */
  readonly timeLimitSeconds?: number;
  /**
   * Type-check app.ts (and the files it imports) before running it, as `tsc` would.
   * @default true
   */
  readonly typeCheck?: boolean;
}

/** An app as it crosses from its thread: its model, and which props each construct was given. */
export interface LoadedApp {
  readonly model: AppModel;
  /** Construct path → the props the app passed (for what the model cannot tell, e.g. whether a limit was written or defaulted). */
  readonly declaredProps: DeclaredProps;
}

/**
 * Type-checks and runs `file`, and returns the `AppModel` of the `App` it default-exports.
 * @example
 * const model = await loadModel("examples/shop/app.ts", { timeLimitSeconds: 30 });
 */
export async function loadModel(file: string, options: LoadModelOptions = {}): Promise<AppModel> {
  return (await loadAppModel(file, options)).model;
}

/**
 * `loadModel()`, with the props each construct was given.
 * @example
 * const { model, declaredProps } = await loadAppModel("app.ts");
 * declaredProps["shop/web"]; // ["image", "port", "cpu", …]
 */
export async function loadAppModel(file: string, options: LoadModelOptions = {}): Promise<LoadedApp> {
  const seconds = options.timeLimitSeconds ?? DEFAULT_LOAD_TIME_LIMIT_SECONDS;
  const loading = loadInWorker(file, seconds);
  // Handled here too: it may fail while the type check below still runs, before anyone awaits it.
  loading.catch(() => undefined);
  // The type check runs on this thread while the app loads on its own: two cores, one wait.
  // Imported here: TypeScript is heavy, and the CLI imports this module before anything else.
  const checked = options.typeCheck === false ? undefined : await (await import("./type-check-app.js")).typeCheckApp(file);
  if (checked?.syntax === true) await loading; // the loader names a syntax error as esbuild words it, at file:line:column
  if (checked !== undefined && checked.errors.length > 0) {
    throw new InputError(`the app does not type-check:\n${checked.errors.map((e) => `  - ${e}`).join("\n")}`, {
      where: file,
      fix: "fix the type errors above (or pass --no-type-check to run the app anyway).",
    });
  }
  return loading;
}

/** The module the thread runs: the compiled `.js` beside this file, or the `.ts` source under a TypeScript runner. */
function workerModule(): string {
  const here = fileURLToPath(import.meta.url);
  return pathToFileURL(path.join(path.dirname(here), `load-worker${path.extname(here)}`)).href;
}

/**
 * The thread's entry, plain JavaScript: it loads the compiled library first (what an app's
 * `import "skyweave"` resolves to when skyweave runs from its package or this repository;
 * modules load several times faster before TypeScript hooks than through them), then registers
 * tsx's hooks for the thread, then imports the worker module (the `.ts` source when tests run
 * skyweave from its sources).
 */
const BOOTSTRAP = `
const { workerData, parentPort } = require("node:worker_threads");
(async () => {
  if (workerData.library) await import(workerData.library);
  (await import(workerData.tsxEsm)).register();
  (await import(workerData.tsxCjs)).register();
  await import(workerData.module);
})().catch((error) => {
  parentPort.postMessage({ ok: false, error: { skyweave: false, message: String(error && error.message), stack: error && error.stack } });
});
`;

/** What the thread needs to start, as URLs. */
function bootstrapData(): Record<string, string | undefined> {
  const require = createRequire(import.meta.url);
  const library = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/index.js");
  return {
    role: LOADER_THREAD,
    module: workerModule(),
    library: existsSync(library) ? pathToFileURL(library).href : undefined,
    tsxEsm: importEntry(require, "tsx", "./esm/api"),
    tsxCjs: importEntry(require, "tsx", "./cjs/api"),
  };
}

/** The URL an ESM `import "<name>/<subpath>"` resolves to, read from the package's exports map. */
function importEntry(require: NodeJS.Require, name: string, subpath: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports[subpath]!.import.default)).href;
}

/** A loader thread started ahead of its request, or none. */
let warm: Worker | undefined;

/**
 * Starts the next loader thread now, so that it loads its modules while the caller loads its
 * own: the CLI calls this first thing, which takes about half a second off every command that
 * reads an app. The thread does not keep the process alive while it waits.
 */
export function prewarmLoader(): void {
  if (warm === undefined) {
    const worker = startLoader();
    // A thread that ends before it is used (its start failed) is not handed out: the next load starts afresh.
    worker.once("exit", () => {
      if (warm === worker) warm = undefined;
    });
    warm = worker;
  }
  warm.unref();
}

function startLoader(): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: bootstrapData(),
    resourceLimits: { maxOldGenerationSizeMb: LOAD_MEMORY_LIMIT_MIB },
  });
}

/** How many apps this process has loaded. */
let loads = 0;

/** Runs the app on a worker thread, stopped after `seconds`. */
function loadInWorker(file: string, seconds: number): Promise<LoadedApp> {
  const request: LoadRequest = { file };
  const worker = warm ?? startLoader();
  warm = undefined;
  // A process that loads a second app (gen's checks, a test suite) likely loads more: have the
  // next thread ready. A one-shot command pays nothing for it.
  if (++loads >= 2) prewarmLoader();
  worker.ref();
  worker.postMessage(request);
  return new Promise<LoadedApp>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new InputError(`the app did not finish loading within ${seconds} s (stopped)`, {
            where: file,
            fix: "look for a loop that never ends, or work that waits forever, at the top level of your app and the files it imports; if it really needs longer, pass --load-time-limit <s>.",
          }),
        ),
      );
    }, seconds * 1000);
    worker.on("message", (reply: LoadReply | LoaderReady) => {
      if ("ready" in reply) return;
      finish(() => (reply.ok ? resolve({ model: reply.model as AppModel, declaredProps: reply.declaredProps }) : reject(received(reply.error))));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new InputError(`the app used more than ${LOAD_MEMORY_LIMIT_MIB} MiB of memory while loading (stopped)`, {
                where: file,
                fix: "look for a loop that keeps allocating (or a very large value built) at the top level of your app.",
              })
            : error,
        ),
      );
    });
    worker.on("exit", (code) => {
      finish(() =>
        reject(
          new InputError(`the app ended the process while loading (exit code ${code})`, {
            where: file,
            fix: "remove the call to process.exit() (or the code that ends the thread) from your app: synth needs it to return its App.",
          }),
        ),
      );
    });
  });
}

/** The error the thread sent, as an error of this thread. */
function received(sent: Extract<LoadReply, { ok: false }>["error"]): Error {
  const options = { ...(sent.where === undefined ? {} : { where: sent.where }), ...(sent.fix === undefined ? {} : { fix: sent.fix }) };
  const exitCode = sent.exitCode ?? 1;
  const error = !sent.skyweave ? new Error(sent.message) : exitCode === 1 ? new InputError(sent.message, options) : new SkyweaveError(sent.message, exitCode, options);
  if (sent.stack !== undefined) error.stack = sent.causeStack === undefined ? sent.stack : `${sent.stack}\ncaused by: ${sent.causeStack}`;
  return error;
}
