/**
 * A local HTTP server that speaks the OpenAI chat completions and Anthropic messages protocols
 * and serves scripted answers, for testing the providers through their real SDK clients.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted reply: an answer body (text for OpenAI, tool input for Anthropic), an HTTP error, or a stall. */
export type Scripted =
  | { readonly answer: string | object }
  | { readonly status: number; readonly retryAfterMs?: number }
  | { readonly stallMs: number };

/** A recorded request. */
export interface Recorded {
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Record<string, unknown>;
}

/** The running server: its base URL, the requests it saw, and `close()`. */
export interface ModelServer {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

/** Starts a server on a free local port that answers `script` in order (the last entry repeats). */
export async function startModelServer(script: readonly Scripted[]): Promise<ModelServer> {
  const requests: Recorded[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      requests.push({ path: req.url ?? "", headers: req.headers, body });
      const step = script[Math.min(next++, script.length - 1)]!;
      if ("stallMs" in step) {
        setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), step.stallMs).unref();
        return;
      }
      if ("status" in step) {
        res.writeHead(step.status, { "content-type": "application/json", ...(step.retryAfterMs === undefined ? {} : { "retry-after-ms": String(step.retryAfterMs) }) });
        res.end(JSON.stringify({ error: { type: "rate_limit_error", message: `scripted ${step.status}` } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url?.endsWith("/messages") ? anthropicReply(step.answer, body) : openaiReply(step.answer, body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function openaiReply(answer: string | object, body: Record<string, unknown>) {
  const content = typeof answer === "string" ? answer : JSON.stringify(answer);
  return {
    id: "chatcmpl-test", object: "chat.completion", created: 1_700_000_000, model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function anthropicReply(answer: string | object, body: Record<string, unknown>) {
  const content = typeof answer === "string" ? [{ type: "text", text: answer }] : [{ type: "tool_use", id: "toolu_test", name: "submit_app", input: answer }];
  return {
    id: "msg_test", type: "message", role: "assistant", model: body.model, content,
    stop_reason: typeof answer === "string" ? "end_turn" : "tool_use", stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}
