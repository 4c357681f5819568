/** `skyweave model`: the AppModel of an app. */
import { loadModel, type LoadModelOptions } from "../../app-file/index.js";
import type { AppModel } from "../../model/index.js";

/** Loads `file` and returns its `AppModel`. */
export async function modelOf(file: string, load?: LoadModelOptions): Promise<AppModel> {
  return loadModel(file, load);
}
