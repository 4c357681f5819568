/**
 * The OpenAI-compatible and Anthropic providers, through the real `openai` and
 * `@anthropic-ai/sdk` clients, against a local server that speaks each protocol: valid answers,
 * invalid answers repaired from the fed-back problems, malformed JSON, 429s retried, timeouts,
 * and a model that never gets it right. No test touches the network.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { generate } from "../../src/gen/generate.js";
import { startModelServer, type ModelServer, type Scripted } from "./model-server.js";

const KEY = "sk-test-never-printed-0123456789";
const dir = mkdtempSync(path.join(tmpdir(), "skyweave-providers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALID = {
  app: "shop",
  components: [{ id: "web", template: "node-express", public: true }, { id: "db", template: "postgres" }],
  connections: [{ from: "web", to: "db" }],
};
const INVALID = { app: "shop", components: [{ id: "web", template: "cobol" }, { id: "db", template: "postgres", version: "9" }], connections: [{ from: "db", to: "web" }] };

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PROTOCOLS = [
  { provider: "openai" as const, env: (url: string) => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${url}/v1`, OPENAI_MODEL: "test-model" }) },
  { provider: "anthropic" as const, env: (url: string) => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: url, ANTHROPIC_MODEL: "claude-test" }) },
];

async function run(provider: "openai" | "anthropic", script: Scripted[], extra: { timeoutMs?: number; maxRetries?: number; out?: string } = {}) {
  server = await startModelServer(script);
  const protocol = PROTOCOLS.find((p) => p.provider === provider)!;
  const env = { ...protocol.env(server.url), SKYWEAVE_CONFIG: path.join(dir, "none.json") };
  return generate("a Node API with a Postgres database", { provider, env, ...(extra.out ? { out: extra.out } : { dryRun: true }), ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}), ...(extra.maxRetries !== undefined ? { maxRetries: extra.maxRetries } : {}) });
}

const lastUserText = (body: Record<string, unknown>): string => {
  const messages = body.messages as { role: string; content: string }[];
  return messages.filter((m) => m.role === "user").pop()!.content;
};

describe.each(PROTOCOLS)("$provider provider", ({ provider }) => {
  it("sends the slot schema and the key, and writes an app.ts from a valid answer", async () => {
    const out = path.join(dir, `${provider}-valid.ts`);
    const result = await run(provider, [{ answer: VALID }], { out });
    expect(result.slots).toEqual(VALID);
    expect(readFileSync(out, "utf8")).toContain("web.connect(db);");
    const request = server!.requests[0]!;
    if (provider === "openai") {
      expect(request.path).toBe("/v1/chat/completions");
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      const format = request.body.response_format as { type: string; json_schema: { schema: { properties: Record<string, unknown> } } };
      expect(format.type).toBe("json_schema");
      expect(Object.keys(format.json_schema.schema.properties)).toEqual(["app", "components", "connections"]);
      expect((request.body.messages as { role: string; content: string }[])[0]!.content).toContain("- python-django:");
    } else {
      expect(request.path).toBe("/v1/messages");
      // SDK 1.x sends the key as a bearer token (older versions used x-api-key)
      expect(request.headers["x-api-key"] ?? request.headers.authorization).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
      expect(request.body.tool_choice).toEqual({ type: "tool", name: "submit_app" });
      expect((request.body.tools as { input_schema: { properties: Record<string, unknown> } }[])[0]!.input_schema.properties).toHaveProperty("components");
      expect(request.body.system).toContain("- python-django:");
    }
  });

  it("feeds validation problems back, with their paths, and takes the repaired answer", async () => {
    const result = await run(provider, [{ answer: INVALID }, { answer: VALID }]);
    expect(result.slots).toEqual(VALID);
    expect(server!.requests).toHaveLength(2);
    const feedback = lastUserText(server!.requests[1]!.body);
    expect(feedback).toContain('components[0].template: unknown template "cobol"');
    expect(feedback).toContain("components[1].version: expected one of 13, 14, 15, 16, 17");
    expect(feedback).toContain('connections[0].from: "db" is a Postgres');
  });

  it("repairs malformed JSON", async () => {
    const result = await run(provider, [{ answer: '{"app": "shop", "components": [' }, { answer: VALID }]);
    expect(result.slots).toEqual(VALID);
    expect(lastUserText(server!.requests[1]!.body)).toMatch(/\(answer\): not valid JSON/);
  });

  it("accepts JSON inside a ``` fence", async () => {
    const result = await run(provider, [{ answer: "Here you go:\n```json\n" + JSON.stringify(VALID) + "\n```" }]);
    expect(result.slots).toEqual(VALID);
  });

  it("retries a 429 with backoff, then succeeds", async () => {
    const result = await run(provider, [{ status: 429, retryAfterMs: 10 }, { status: 503, retryAfterMs: 10 }, { answer: VALID }], { maxRetries: 2 });
    expect(result.slots).toEqual(VALID);
    expect(server!.requests).toHaveLength(3);
  });

  it("gives up on a server that keeps answering 429, with a clear error and no key in it", async () => {
    const error = await run(provider, [{ status: 429, retryAfterMs: 5 }], { maxRetries: 1 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`the ${provider} request failed after retries: HTTP 429`);
    expect((error as unknown as { fix: string }).fix).toMatch(/rate-limiting/);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(server!.requests).toHaveLength(2);
  });

  it("times out a request that hangs", async () => {
    const error = await run(provider, [{ stallMs: 5_000 }], { timeoutMs: 200, maxRetries: 0 }).catch((e: Error) => e);
    expect((error as Error).message).toBe(`the ${provider} request failed after retries: timed out`);
  });

  it("fails clearly when the model never produces a valid answer, after a bounded number of repairs", async () => {
    const error = await run(provider, [{ answer: INVALID }]).catch((e: Error) => e);
    expect(server!.requests).toHaveLength(3);
    expect((error as Error).message).toMatch(/gave no valid answer in 3 attempts; the last one had these problems:\n {2}- components\[0\]\.template: unknown template "cobol"/);
    expect((error as unknown as { exitCode: number }).exitCode).toBe(1);
  });
});

describe("choosing a provider", () => {
  it("is builtin when nothing is configured, and asks for a key or model when a model provider is chosen", async () => {
    const env = { SKYWEAVE_CONFIG: path.join(dir, "none.json") };
    expect((await generate("a Flask API", { env, dryRun: true })).provider).toBe("builtin");
    await expect(generate("a Flask API", { env, dryRun: true, provider: "anthropic" })).rejects.toThrow(/no API key for the anthropic provider/);
    await expect(generate("a Flask API", { env: { ...env, OPENAI_API_KEY: KEY }, dryRun: true, provider: "openai" })).rejects.toThrow(/no model named/);
  });
});
