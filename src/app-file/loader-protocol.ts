/** What `loadModel()` and its loader thread say to each other: plain data that crosses threads. */

/** Marks the thread `loadModel()` starts (the worker module is also imported where it is no thread). */
export const LOADER_THREAD = "skyweave-loader";

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
export type LoadReply = { readonly ok: true; readonly model: unknown; readonly declaredProps: DeclaredProps } | { readonly ok: false; readonly error: SentError };

/** For each construct path, the props the app passed (keys whose value is not undefined). */
export type DeclaredProps = Readonly<Record<string, readonly string[]>>;

/** What the thread posts once it has loaded its modules and waits for the request. */
export interface LoaderReady {
  readonly ready: true;
}
