/**
 * Reads the YAML documents of one emitted manifest file, as the policy rules see them.
 *
 * js-yaml with the YAML 1.2 core schema (strings, numbers, booleans, nulls; no timestamps, no
 * merge keys): on skyweave's manifests it reads exactly what the `yaml` package's
 * `parseAllDocuments(...).toJSON()` does (a test checks every example stack), about nine times
 * faster, which matters because `synth` parses every manifest it writes (7 MB at 1,000 services).
 */
import { CORE_SCHEMA, loadAll, YAMLException } from "js-yaml";
import { InputError } from "../../errors.js";

/** The documents of `contents` (empty documents left out); an InputError naming `file` when it is not valid YAML. */
export function parseManifestFile(file: string, contents: string): unknown[] {
  try {
    return loadAll(contents, undefined, { schema: CORE_SCHEMA, filename: file }).filter((doc) => doc !== null && doc !== undefined);
  } catch (error) {
    const message = error instanceof YAMLException ? error.message : String(error);
    throw new InputError(`cannot parse ${file}: ${message}`, { where: file, fix: "re-run `skyweave synth`; generated manifests are not meant to be edited." });
  }
}
