/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, vLLM, llama.cpp, Ollama), through
 * the official `openai` SDK, with structured output (`response_format: json_schema`). The SDK
 * retries 408/409/429/5xx and connection errors with exponential backoff.
 */
import OpenAI from "openai";
import { InputError } from "../../errors.js";
import type { ModelProvider, ModelSettings, Turn } from "./provider.js";

/** The OpenAI-compatible provider. Key, base URL and model come from settings (env or config). */
export function openaiProvider(settings: ModelSettings): ModelProvider {
  if (settings.model === undefined) {
    throw new InputError("no model named for the openai provider", { fix: "set OPENAI_MODEL (e.g. gpt-4o-mini, or your vLLM/Ollama model name) or pass --model." });
  }
  if (settings.apiKey === undefined && settings.baseUrl === undefined) {
    throw new InputError("no API key for the openai provider", { fix: "set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server that needs no key, or use --provider builtin." });
  }
  const model = settings.model;
  const client = new OpenAI({
    apiKey: settings.apiKey ?? "not-needed",
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs ?? 60_000,
    maxRetries: settings.maxRetries ?? 2,
  });
  return {
    name: "openai",
    model,
    async answer(system: string, turns: readonly Turn[], schema: Record<string, unknown>): Promise<string> {
      const completion = await client.chat.completions.create({
        model,
        temperature: 0,
        messages: [{ role: "system", content: system }, ...turns.map((t) => ({ role: t.role, content: t.content }))],
        response_format: { type: "json_schema", json_schema: { name: "skyweave_app", schema, strict: false } },
      });
      return completion.choices[0]?.message.content ?? "";
    },
  };
}
