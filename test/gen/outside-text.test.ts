/**
 * No outside text becomes code. Text from a Compose file, a model's answer, prose or a file name
 * reaches app.ts only as the contents of a one-line string literal or of a `//` comment line:
 * whatever it contains (line breaks of every kind, quotes, backticks, `${`, `*\/`, NUL), the
 * rendered file parses to the same statements as with plain text, and nothing in it runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ts } from "ts-morph";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.js";
import { mulberry32 } from "../support/prng.js";
import { stringify } from "yaml";
import { InputError } from "../../src/errors.js";
import { renderProblem } from "../../src/gen/check-rendered.js";
import { checkSlots } from "../../src/gen/check-slots.js";
import { commentLine, propertyName, stringLiteral, visibleText } from "../../src/code-text.js";
import { composeToSlots } from "../../src/gen/compose/compose-to-slots.js";
import type { ConstructSpec } from "../../src/gen/construct-specs.js";
import { importCompose } from "../../src/gen/import-compose.js";
import { render, skeleton } from "../../src/gen/render.js";
import type { AppSlots } from "../../src/gen/slots.js";
import { renderText } from "../../src/gen/write-rendered-app.js";

const dir = mkdtempSync(path.join(tmpdir(), "skyweave-outside-text-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Line terminators for JavaScript and for editors. */
const LINE_BREAKS = /[\n\r\u2028\u2029\u0085]/;

/** Pieces that would end a literal or a comment, or start code, if written raw. */
const NASTY = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\0", '"', "'", "`", "${", "}", "*/", "/*", "//", "\\", "\\u2028", ");", "});", "\u202e", "\ufeff", "\ud800", "<!--", "-->", "#!", ";", " ", "\t", "\u000b", "\u000c", "é", "𝒜"];

/** A random string of nasty pieces and plain words, with a code payload in it. */
function nastyString(rand: () => number, marker: string): string {
  const payload = `(globalThis as any).process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(marker)}, "x")`;
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const r = rand();
    parts.push(r < 0.5 ? NASTY[Math.floor(rand() * NASTY.length)]! : r < 0.8 ? ["nginx", "web", "a", "1.2", "x-y"][Math.floor(rand() * 5)]! : payload);
  }
  return parts.join("");
}

/**
 * The shape of a TypeScript text: the kind of every node, with string-literal contents and
 * names left out (a quoted and a bare property name count the same), and the number of comments
 * before each statement, each `//` or not. Two renderings with the same shape differ only inside
 * literals and comments.
 */
function shape(text: string): string[] {
  const sf = ts.createSourceFile("app.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isComputedPropertyName(node) && ts.isStringLiteral(node.expression)) return void out.push("Name");
    if ((ts.isIdentifier(node) || ts.isStringLiteral(node)) && ts.isPropertyAssignment(node.parent) && node.parent.name === node) return void out.push("Name");
    out.push(ts.SyntaxKind[node.kind]!);
    ts.forEachChild(node, visit);
  };
  for (const statement of sf.statements) {
    const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
    out.push(`comments:${comments.map((c) => (c.kind === ts.SyntaxKind.SingleLineCommentTrivia ? "//" : "/*")).join(",")}`);
    visit(statement);
  }
  return out;
}

/** TypeScript's syntax errors in `text`. */
function syntaxErrors(text: string): string[] {
  return (ts.transpileModule(text, { fileName: "app.ts", reportDiagnostics: true }).diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
}

describe("code-text: the one place outside text becomes code", () => {
  const rand = mulberry32(7);
  const samples = [...NASTY, ...Array.from({ length: 300 }, () => nastyString(rand, "/nonexistent"))];

  it("stringLiteral is one line and denotes exactly the value", () => {
    for (const value of samples) {
      const literal = stringLiteral(value);
      expect(literal).not.toMatch(LINE_BREAKS);
      const sf = ts.createSourceFile("x.ts", `x(${literal});`, ts.ScriptTarget.Latest, true);
      const call = (sf.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
      expect(sf.statements).toHaveLength(1);
      expect((call.arguments[0] as ts.StringLiteral).text).toBe(value);
    }
  });

  it("commentLine is one `//` line whatever the text, and shows line breaks and control characters as escapes", () => {
    for (const value of samples) {
      const line = commentLine(value);
      expect(line).not.toMatch(LINE_BREAKS);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      const text = `${line}\nx();\n`;
      expect(ts.getLeadingCommentRanges(text, 0)).toHaveLength(1);
      expect(ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest).statements).toHaveLength(1);
    }
    expect(commentLine("a\nb\r\nc\u2028d\u2029e\u0085f\0g")).toBe("// a\\nb\\r\\nc\\u2028d\\u2029e\\u0085f\\0g");
    expect(visibleText("\u202eevil")).toBe("\\u202eevil");
  });

  it("propertyName writes identifiers bare, anything else quoted, and __proto__ computed (an own property, not the prototype)", () => {
    expect(propertyName("LOG_LEVEL")).toBe("LOG_LEVEL");
    expect(propertyName("a-b\n")).toBe('"a-b\\n"');
    expect(propertyName("__proto__")).toBe('["__proto__"]');
  });
});

describe("the renderer", () => {
  /** A Service spec with `s` in every string field the renderer writes. */
  const spec = (id: string, s: (i: number) => string): ConstructSpec => ({
    id,
    className: "Service",
    template: "container",
    category: "app",
    notes: [s(1), s(2)],
    props: {
      image: s(3),
      port: 8080,
      public: true,
      env: { [`k${s(4)}`]: s(5), PLAIN: s(6), __proto__x: s(7) },
      command: [s(8), s(9)],
      args: [s(10)],
      healthCheck: { protocol: "http", path: `/${s(11)}` },
      volume: { path: `/${s(12)}`, sizeGiB: 10 },
    },
  });
  const file = path.join(dir, "render.ts");

  it("renders random text in every field (props, env keys, notes, header, ids, app name, access mode) to the same statements as plain text", () => {
    const rand = mulberry32(42);
    const plainSpecs = [spec("web", () => "plain"), spec("db", () => "plain")];
    const plain = render({ file }, "shop", plainSpecs, [{ from: "web", to: "db", access: "readwrite" }], ["header one", "header two"]).text;
    const expected = shape(plain);
    for (let i = 0; i < 150; i++) {
      const marker = path.join(dir, `render-marker-${i}`);
      const s = (): string => nastyString(rand, marker);
      const ids = [s(), s()];
      if (ids[0] === ids[1]) ids[1] = `${ids[1]}-2`;
      const text = render({ file }, s(), [spec(ids[0]!, s), spec(ids[1]!, s)], [{ from: ids[0]!, to: ids[1]!, access: s() }], [s(), s()]).text;
      expect(syntaxErrors(text), text).toEqual([]);
      expect(shape(text), text).toEqual(expected);
      expect(existsSync(marker)).toBe(false);
    }
  });

  it("adds to an existing file the same statements whatever the text, keeping the user's code", () => {
    const rand = mulberry32(43);
    const user = 'import { App } from "skyweave";\n// my app\nconst app = new App("mine");\nconsole.log("hi"); /* a\n trailing */\nexport default app;\n';
    const expected = shape(render({ file, text: user }, "mine", [spec("web", () => "plain")], []).text);
    for (let i = 0; i < 50; i++) {
      const marker = path.join(dir, `into-marker-${i}`);
      const s = (): string => nastyString(rand, marker);
      const text = render({ file, text: user }, "mine", [spec(s(), s)], []).text;
      expect(shape(text), text).toEqual(expected);
      expect(text).toContain('console.log("hi");');
    }
  });

  it("refuses, as a bug, a rendering whose text is not the statements it meant (a note that broke out of its comment)", () => {
    const base = skeleton("shop", []);
    const broken = base.replace("export default app;", '// TODO: nginx\n;(globalThis as any).process.exit(9);//\nnew Service(app, "a", { image: "x:1" });\n\nexport default app;');
    const intent = { file, original: base, insertedAt: 3, importAdded: false, appVariable: "app", connections: [], skeleton: { app: "shop", header: [], clusterId: "main" } };
    const specA = { ...spec("a", () => ""), notes: ["nginx\n;(globalThis as any).process.exit(9);//"], props: { image: "x:1" } };
    expect(renderProblem({ ...intent, rendered: broken, constructs: [{ spec: specA, variable: undefined }] })).toMatch(/expected 5 top-level statements, found [6-9]/);
    const fine = base.replace("export default app;", `${commentLine(specA.notes[0]!)}\nnew Service(app, "a", { image: "x:1" });\n\nexport default app;`);
    expect(renderProblem({ ...intent, rendered: fine, constructs: [{ spec: specA, variable: undefined }] })).toBeUndefined();
    const otherValue = fine.replace('"x:1"', '"x:2"');
    expect(renderProblem({ ...intent, rendered: otherValue, constructs: [{ spec: specA, variable: undefined }] })).toMatch(/props are not the values meant/);
  });
});

describe("gen: a model's answer reaches code only as literals", () => {
  /** Slots with `s()` in every free-text field a model fills. */
  const slots = (s: () => string): AppSlots => ({
    app: "shop",
    components: [
      { id: "web", template: "web-service", image: `ghcr.io/acme/web:${s()}`, port: 8080, env: { LOG_LEVEL: s(), OTHER: s() }, command: [s()], args: [s(), s()], healthPath: `/${s()}`, volumePath: `/${s()}` },
      { id: "jobs", template: "cron-job", image: s(), schedule: "0 3 * * *", command: [s()] },
      { id: "db", template: "postgres" },
    ],
    connections: [{ from: "web", to: "db" }],
  });

  it("renders random text in every string slot to the same statements as plain text", () => {
    const rand = mulberry32(5);
    const file = path.join(dir, "gen-app.ts");
    const expected = shape(renderText({ file, current: undefined, slots: slots(() => "plain"), header: ["Generated from: plain"] }));
    for (let i = 0; i < 60; i++) {
      const marker = path.join(dir, `gen-marker-${i}`);
      const s = (): string => nastyString(rand, marker);
      const text = renderText({ file, current: undefined, slots: slots(s), header: [`Generated from: ${s()}`] });
      expect(shape(text), text).toEqual(expected);
    }
  });

  it("the slot checks take ids, the app name and connection ends only as DNS labels, access only from its list, images only as references", () => {
    const rand = mulberry32(6);
    for (let i = 0; i < 100; i++) {
      const s = nastyString(rand, "/nonexistent");
      const answer = (patch: (a: AppSlots) => void): boolean => {
        const a = slots(() => "plain") as { -readonly [K in keyof AppSlots]: AppSlots[K] };
        a.components = a.components.map((c) => ({ ...c, image: c.image === "plain" ? "ghcr.io/acme/jobs:1.0.0" : c.image?.replace(":plain", ":1.0.0"), env: undefined, healthPath: c.healthPath && "/healthz", volumePath: c.volumePath && "/data" }));
        patch(a);
        return checkSlots(a).ok;
      };
      expect(answer(() => undefined)).toBe(true);
      expect(answer((a) => { a.app = s; })).toBe(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s));
      expect(answer((a) => { a.components[0] = { ...a.components[0]!, id: s }; a.connections = []; })).toBe(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s) && s !== "jobs" && s !== "db");
      expect(answer((a) => { a.connections = [{ from: "web", to: "db", access: s as "readwrite" }]; })).toBe(s === "readwrite");
      expect(answer((a) => { a.components[0] = { ...a.components[0]!, image: `nginx:1.${s}` }; })).toBe(/^[A-Za-z0-9._/:@-]*$/.test(s));
    }
  });
});

describe("import: Compose text never becomes code", () => {
  const exploit = (marker: string): string =>
    `services:\n  a:\n    image: "nginx\\n;(globalThis as any).process.getBuiltinModule('child_process').execSync('touch ${marker}');//"\n    ports: ["8080"]\n`;

  it("the reported exploit, through the CLI: app.ts carries the text only inside a comment, and nothing ran", async () => {
    const marker = path.join(dir, "pwned-cli");
    const compose = path.join(dir, "evil.yaml");
    writeFileSync(compose, exploit(marker));
    const out = path.join(dir, "evil-app.ts");
    const result = await cli("import", compose, "--out", out);
    expect(existsSync(marker)).toBe(false);
    expect(result.code, result.stderr).toBe(0); // imported, with the image replaced by a placeholder
    {
      const text = readFileSync(out, "utf8");
      expect(syntaxErrors(text)).toEqual([]);
      const sf = ts.createSourceFile("app.ts", text, ts.ScriptTarget.Latest, true);
      const K = ts.SyntaxKind;
      expect(sf.statements.map((s) => s.kind), text).toEqual([K.ImportDeclaration, K.VariableStatement, K.ExpressionStatement, K.ExpressionStatement, K.ExportAssignment]);
      expect(text.split("\n").filter((l) => l.includes("execSync")).every((l) => l.startsWith("// "))).toBe(true);
    }
    expect(result.stderr).not.toMatch(/warning:[^\n]*\n;\(globalThis/);
  }, 60_000);

  it("the reported exploit, through the library, and a compose file whose name has a line break", async () => {
    const marker = path.join(dir, "pwned-lib");
    const compose = path.join(dir, "evil\n;(globalThis as any).process.exit(7);\u2028.yaml");
    writeFileSync(compose, exploit(marker));
    const out = path.join(dir, "evil-lib.ts");
    const result = await importCompose(compose, { out });
    expect(existsSync(marker)).toBe(false);
    const text = readFileSync(out, "utf8");
    expect(text).toBe(result.written!.text);
    expect(text.startsWith("// Imported by `skyweave import` from evil\\n;(globalThis as any).process.exit(7);\\u2028.yaml.\n")).toBe(true);
    expect(shape(text)).toEqual(shape(text.replace(/^\/\/.*$/gm, "// x")));
  }, 60_000);

  /** A Compose service with `s()` in every field the importer reads. */
  const nastyService = (s: () => string, withImage: boolean): Record<string, unknown> => ({
    ...(withImage ? { image: s() } : { build: { context: s(), target: s() } }),
    ports: [`${8000 + (s().length % 100)}`, s()],
    environment: { [s()]: s(), PLAIN: s(), [`X_${s().length}`]: s() },
    command: [s(), s()],
    entrypoint: s(),
    healthcheck: { test: ["CMD", "curl", `http://localhost/${s()}`] },
    volumes: [`data:/${s()}`, s()],
    depends_on: [s()],
  });

  it("fuzz: random text in every Compose field renders to an app.ts of only the statements meant", () => {
    const rand = mulberry32(2024);
    for (let i = 0; i < 80; i++) {
      const marker = path.join(dir, `import-marker-${i}`);
      const s = (): string => nastyString(rand, marker);
      const services: Record<string, unknown> = { [s()]: nastyService(s, true), [s()]: nastyService(s, false), web: nastyService(s, rand() < 0.5) };
      const compose = path.join(dir, `fuzz-${i}-${s().replace(/[/\0]/g, "_").slice(0, 40)}.yaml`);
      writeFileSync(compose, stringify({ name: s(), services }));
      let imported: ReturnType<typeof composeToSlots>;
      try {
        imported = composeToSlots(compose);
      } catch (error) {
        expect(error, String(error)).toBeInstanceOf(InputError);
        continue;
      }
      for (const w of imported.warnings) expect(`${w.where} ${w.message}`).not.toMatch(LINE_BREAKS);
      const text = renderText({ file: path.join(dir, "fuzz-app.ts"), current: undefined, slots: imported.slots, header: [`Imported from ${path.basename(compose)}.`], notes: imported.notes });
      expect(syntaxErrors(text), text).toEqual([]);
      const sf = ts.createSourceFile("app.ts", text, ts.ScriptTarget.Latest, true);
      const n = imported.slots.components.length + imported.slots.connections.length;
      expect(sf.statements, text).toHaveLength(4 + n);
      // Only `new <Construct>(app, "…", {…})` and `<a>.connect(<b>)`: no other call, no other name.
      const calls = collect(sf, ts.isCallExpression);
      expect(calls.every((c) => ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === "connect"), text).toBe(true);
      expect(collect(sf, ts.isTemplateExpression)).toEqual([]);
      for (const statement of sf.statements) {
        for (const c of ts.getLeadingCommentRanges(text, statement.pos) ?? []) expect(c.kind).toBe(ts.SyntaxKind.SingleLineCommentTrivia);
      }
      expect(existsSync(marker)).toBe(false);
    }
  });

  it("fuzz, end to end: a handful of random Compose files import (or are refused as input) and nothing runs", async () => {
    const rand = mulberry32(99);
    for (let i = 0; i < 3; i++) {
      const marker = path.join(dir, `e2e-marker-${i}`);
      const s = (): string => nastyString(rand, marker);
      const compose = path.join(dir, `e2e-${i}.yaml`);
      writeFileSync(compose, stringify({ services: { [s()]: nastyService(s, true), web: { ...nastyService(s, false), ports: ["8080"] } } }));
      const out = path.join(dir, `e2e-${i}.ts`);
      const result = await cli("import", compose, "--out", out);
      expect(existsSync(marker)).toBe(false);
      expect(result.code, result.stderr).not.toBe(70);
      if (result.code === 0) expect(syntaxErrors(readFileSync(out, "utf8"))).toEqual([]);
    }
  }, 120_000);
});

/** Every descendant of `node` for which `test` holds. */
function collect<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node): void => {
    if (test(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

describe("import: anchors, aliases and merge keys", () => {
  const services = (n: number): string => {
    const lines = ["x-defaults: &defaults", "  image: nginx:1.27", "  restart: always", "  environment: &env", "    LOG_LEVEL: info", "services:"];
    for (let i = 0; i < n; i++) lines.push(`  s${i}:`, "    <<: *defaults", `    ports: ["${8000 + i}"]`, "    environment: *env");
    return `${lines.join("\n")}\n`;
  };

  it("100 services that each merge <<: *defaults import, merged", async () => {
    const compose = path.join(dir, "merge-100.yaml");
    writeFileSync(compose, services(100));
    const result = await cli("import", compose, "--dry-run", "--json");
    expect(result.code, result.stderr).toBe(0);
    const { slots } = JSON.parse(result.stdout) as { slots: { components: { image?: string; env?: Record<string, string> }[] } };
    expect(slots.components).toHaveLength(100);
    expect(slots.components.every((c) => c.image === "nginx:1.27" && c.env?.LOG_LEVEL === "info")).toBe(true);
    expect(result.stderr).not.toMatch(/services\.s\d+\.<</);
  }, 60_000);

  it("1000 services that each merge <<: *defaults import", () => {
    const compose = path.join(dir, "merge-1000.yaml");
    writeFileSync(compose, services(1000));
    expect(composeToSlots(compose).slots.components).toHaveLength(1000);
  }, 60_000);

  it("a billion-laughs file is refused with exit 1, naming the file, what is wrong and what to do", async () => {
    const lines = ['x-a: &a ["lol"]'];
    const names = "abcdefghij";
    for (let k = 1; k < names.length; k++) lines.push(`x-${names[k]}: &${names[k]} [${Array(10).fill(`*${names[k - 1]}`).join(", ")}]`);
    lines.push("services:", "  web:", "    image: nginx:1.27", `    command: *${names[names.length - 1]}`);
    const compose = path.join(dir, "laughs.yaml");
    writeFileSync(compose, `${lines.join("\n")}\n`);
    const result = await cli("import", compose, "--out", path.join(dir, "laughs.ts"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(compose);
    expect(result.stderr).toMatch(/alias bomb/);
    expect(result.stderr).toMatch(/fix: alias each anchor directly/);
    expect(existsSync(path.join(dir, "laughs.ts"))).toBe(false);
  });

  it("a wide alias bomb (one big anchor aliased thousands of times) is refused too", () => {
    const lines = [`x-big: &big [${Array(2000).fill("x").join(",")}]`, "services:"];
    for (let i = 0; i < 1000; i++) lines.push(`  s${i}:`, "    image: nginx:1.27", "    command: *big");
    const compose = path.join(dir, "wide.yaml");
    writeFileSync(compose, `${lines.join("\n")}\n`);
    expect(() => composeToSlots(compose)).toThrow(/expands to more than .* values.*alias bomb/);
  });
});

describe("import: secrets reach no output", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const compose = path.join(dir, "secret.yaml");
  writeFileSync(compose, stringify({
    services: {
      web: {
        image: "nginx:1.27",
        ports: ["8080:80"],
        environment: { AWS_SECRET_ACCESS_KEY: secret, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", LOG_LEVEL: "info" },
        command: ["serve", "--key", secret],
      },
      worker: {
        image: "ghcr.io/acme/worker:1.0.0",
        command: `run --aws-secret-access-key=${secret}`,
        entrypoint: ["sh", "-c", `AWS_SECRET_ACCESS_KEY=${secret} exec worker`],
        healthcheck: { test: ["CMD", "curl", `http://localhost:8080/health?key=${secret}`] },
      },
      tool: { image: "ghcr.io/acme/tool:1.0.0", command: ["--token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"], environment: ["GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789"] },
    },
  }));

  it("import --dry-run --json prints no secret on stdout or stderr", async () => {
    const result = await cli("import", compose, "--dry-run", "--json");
    expect(result.code, result.stderr).toBe(0);
    for (const value of [secret, "AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"]) {
      expect(result.stdout).not.toContain(value);
      expect(result.stderr).not.toContain(value);
    }
    const { slots } = JSON.parse(result.stdout) as { slots: { components: { id: string; env?: Record<string, string>; args?: string[] }[] } };
    expect(slots.components.find((c) => c.id === "web")!.env).toEqual({ LOG_LEVEL: "info" });
    expect(result.stderr).toMatch(/services\.web\.environment\.AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY looks like a secret/);
    expect(result.stderr).toMatch(/services\.web\.command: contains a secret/);
  });

  it("the written app.ts has no secret, and a TODO says what was left out", async () => {
    const out = path.join(dir, "secret-app.ts");
    const result = await cli("import", compose, "--out", out);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("ghp_abcdefghij");
    expect(text).toMatch(/TODO: the Compose command of this service contains a secret and was left out/);
  }, 60_000);
});
