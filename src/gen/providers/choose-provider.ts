/**
 * Picks the provider: `--provider`, else `SKYWEAVE_PROVIDER`, else the config file's
 * `provider`, else `builtin`. Keys come only from the environment (`OPENAI_API_KEY`,
 * `ANTHROPIC_API_KEY`) or the config file (`SKYWEAVE_CONFIG`, default
 * `~/.config/skyweave/config.json`); they are never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { InputError } from "../../errors.js";
import { anthropicProvider } from "./anthropic-provider.js";
import { openaiProvider } from "./openai-provider.js";
import type { ModelProvider, ModelSettings } from "./provider.js";

/** The provider names `gen` accepts. */
export const PROVIDERS = ["builtin", "openai", "anthropic"] as const;
/** A provider name. */
export type ProviderName = (typeof PROVIDERS)[number];

const endpointSchema = z.strictObject({ apiKey: z.string().optional(), baseUrl: z.string().optional(), model: z.string().optional() });
const configSchema = z.strictObject({ provider: z.enum(PROVIDERS).optional(), openai: endpointSchema.optional(), anthropic: endpointSchema.optional() });

/** What the user asked for on the command line. */
export interface ProviderChoice {
  readonly provider?: ProviderName;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
}

/** The config file's path. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SKYWEAVE_CONFIG ?? path.join(homedir(), ".config/skyweave/config.json");
}

function readConfig(env: NodeJS.ProcessEnv): z.infer<typeof configSchema> {
  const file = configPath(env);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`the config file is not valid JSON: ${(error as Error).message}`, { where: file, fix: "fix the JSON, or remove the file." });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`invalid config: ${issue.path.join(".") || "(file)"}: ${issue.message}`, { where: file, fix: 'expected { "provider"?, "openai"?: { apiKey?, baseUrl?, model? }, "anthropic"?: { … } }.' });
  }
  return parsed.data;
}

/** `builtin`, or a ready model provider. */
export function chooseProvider(choice: ProviderChoice, env: NodeJS.ProcessEnv = process.env): "builtin" | ModelProvider {
  const config = readConfig(env);
  const fromEnv = env.SKYWEAVE_PROVIDER;
  if (fromEnv !== undefined && !(PROVIDERS as readonly string[]).includes(fromEnv)) {
    throw new InputError(`SKYWEAVE_PROVIDER is "${fromEnv}"`, { fix: `set it to one of ${PROVIDERS.join(", ")}.` });
  }
  const name = choice.provider ?? (fromEnv as ProviderName | undefined) ?? config.provider ?? "builtin";
  if (name === "builtin") return "builtin";
  const file = name === "openai" ? config.openai : config.anthropic;
  const prefix = name === "openai" ? "OPENAI" : "ANTHROPIC";
  const settings: ModelSettings = {
    apiKey: env[`${prefix}_API_KEY`] ?? file?.apiKey,
    baseUrl: choice.baseUrl ?? env[`${prefix}_BASE_URL`] ?? file?.baseUrl,
    model: choice.model ?? env[`${prefix}_MODEL`] ?? file?.model,
    ...(choice.timeoutMs === undefined ? {} : { timeoutMs: choice.timeoutMs }),
    ...(choice.maxRetries === undefined ? {} : { maxRetries: choice.maxRetries }),
  };
  return name === "openai" ? openaiProvider(settings) : anthropicProvider(settings);
}
