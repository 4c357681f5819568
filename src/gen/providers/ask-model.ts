/**
 * Asks a model for slots and insists on a valid answer: every answer is parsed as JSON and
 * checked (`checkSlots`); the problems are fed back for a bounded number of repairs; a model
 * that never answers validly is an error that shows the last problems.
 */
import { InputError, SkyweaveError } from "../../errors.js";
import { checkSlots, type ExistingPart, type SlotIssue } from "../check-slots.js";
import { appSlotsJsonSchema, type AppSlots } from "../slots.js";
import { systemPrompt, userPrompt } from "./prompt.js";
import type { ModelProvider, Turn } from "./provider.js";

/** Options of `askModel`. */
export interface AskOptions {
  readonly existing?: readonly ExistingPart[];
  /** Answers after the first that may repair problems. Default 2. */
  readonly maxRepairs?: number;
  readonly progress?: (line: string) => void;
}

/** The validated slots and how many answers it took. */
export interface ModelAnswer {
  readonly slots: AppSlots;
  readonly attempts: number;
}

/** Parses an answer: bare JSON, or JSON inside a ``` fence. */
export function parseAnswer(text: string): { ok: true; value: unknown } | { ok: false; issue: SlotIssue } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, issue: { path: "(answer)", message: `not valid JSON (${(error as Error).message}); answer with one JSON object only` } };
  }
}

/** Asks `provider` about `prose` until it gives valid slots or the repairs run out. */
export async function askModel(provider: ModelProvider, prose: string, options: AskOptions = {}): Promise<ModelAnswer> {
  const existing = options.existing ?? [];
  const maxRepairs = options.maxRepairs ?? 2;
  const system = systemPrompt(existing);
  const schema = appSlotsJsonSchema();
  const turns: Turn[] = [{ role: "user", content: userPrompt(prose) }];
  let issues: SlotIssue[] = [];
  for (let attempt = 1; attempt <= maxRepairs + 1; attempt++) {
    options.progress?.(`asking ${provider.name} (${provider.model})${attempt > 1 ? `, repair ${attempt - 1} of ${maxRepairs}` : ""}`);
    let text: string;
    try {
      text = await provider.answer(system, turns, schema);
    } catch (error) {
      throw providerError(provider, error);
    }
    const parsed = parseAnswer(text);
    const check = parsed.ok ? checkSlots(parsed.value, existing) : { ok: false as const, issues: [parsed.issue] };
    if (check.ok) return { slots: check.slots, attempts: attempt };
    issues = check.issues;
    turns.push({ role: "assistant", content: text || "(empty answer)" });
    turns.push({ role: "user", content: `Your answer has these problems:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join("\n")}\nAnswer again with the whole corrected JSON object.` });
  }
  throw new InputError(`${provider.name} (${provider.model}) gave no valid answer in ${maxRepairs + 1} attempts; the last one had these problems:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n")}`, {
    fix: "describe the app more plainly, try a stronger model, or use --provider builtin (offline, rule-based).",
  });
}

/** A failed request as a user-facing error; never includes the API key. */
function providerError(provider: ModelProvider, error: unknown): SkyweaveError {
  const status = (error as { status?: number }).status;
  const name = (error as Error).constructor?.name ?? "Error";
  const what = status !== undefined ? `HTTP ${status}` : name.includes("Timeout") ? "timed out" : (error as Error).message;
  const fix =
    status === 401 || status === 403 ? "check the API key (OPENAI_API_KEY / ANTHROPIC_API_KEY or the config file)."
      : status === 429 ? "the provider is rate-limiting; wait and try again, or use --provider builtin."
        : "check the base URL and that the server is up, or use --provider builtin (offline).";
  return new InputError(`the ${provider.name} request failed after retries: ${what}`, { fix, cause: error });
}
