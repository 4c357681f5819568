/**
 * Anthropic's Messages API through the official `@anthropic-ai/sdk`, with tool use: the model
 * must call one tool whose input schema is the slot schema, and the tool's input is the answer.
 * The SDK retries 408/409/429/5xx and connection errors with exponential backoff.
 */
import Anthropic from "@anthropic-ai/sdk";
import { InputError } from "../../errors.js";
import type { ModelProvider, ModelSettings, Turn } from "./provider.js";

const TOOL = "submit_app";

/** The Anthropic provider. Key, base URL and model come from settings (env or config). */
export function anthropicProvider(settings: ModelSettings): ModelProvider {
  if (settings.apiKey === undefined) {
    throw new InputError("no API key for the anthropic provider", { fix: "set ANTHROPIC_API_KEY (or put it in the config file), or use --provider builtin." });
  }
  const model = settings.model ?? "claude-sonnet-4-5";
  const client = new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs ?? 60_000,
    maxRetries: settings.maxRetries ?? 2,
  });
  return {
    name: "anthropic",
    model,
    async answer(system: string, turns: readonly Turn[], schema: Record<string, unknown>): Promise<string> {
      const message = await client.messages.create({
        model,
        max_tokens: 4096,
        system,
        messages: turns.map((t) => ({ role: t.role, content: t.content })),
        tools: [{ name: TOOL, description: "Submit the app as templates with filled slots.", input_schema: schema as Anthropic.Tool.InputSchema }],
        tool_choice: { type: "tool", name: TOOL },
      });
      const call = message.content.find((b) => b.type === "tool_use");
      if (call !== undefined && call.type === "tool_use") return JSON.stringify(call.input);
      return message.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    },
  };
}
