/**
 * What a model provider is to the generator: something that, given the instructions and the
 * conversation so far, returns one answer as text (JSON expected). Validation and repair live
 * in `askModel`, so every provider gets the same checks.
 */

/** One turn of the conversation with a model. */
export interface Turn {
  readonly role: "user" | "assistant";
  readonly content: string;
}

/** A model behind an API. */
export interface ModelProvider {
  /** `openai` or `anthropic`, for messages. */
  readonly name: string;
  /** The model asked, for messages. */
  readonly model: string;
  /** One answer to `turns` under `system`, constrained to `schema` where the API allows it. */
  answer(system: string, turns: readonly Turn[], schema: Record<string, unknown>): Promise<string>;
}

/** Settings shared by the model providers. */
export interface ModelSettings {
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly model?: string;
  /** Milliseconds before one request is abandoned. Default 60 000. */
  readonly timeoutMs?: number;
  /** Retries of a request that failed with 408, 409, 429, 5xx or a connection error (with backoff). Default 2. */
  readonly maxRetries?: number;
}
