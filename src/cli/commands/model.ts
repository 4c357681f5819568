/** `skyweave model`: the AppModel of an app. */
import type { AppModel } from "../../model/index.js";
import { toModel } from "../../model/index.js";
import { loadApp } from "../load-app.js";

/** Loads `file` and returns its `AppModel`. */
export async function modelOf(file: string): Promise<AppModel> {
  return toModel(await loadApp(file));
}
