/**
 * Secret-looking text in a Compose file, so that none of it reaches any output of `import`
 * (app.ts, the slots printed with `--json`, warnings, TODO notes): values of secret-named
 * variables (`AWS_SECRET_ACCESS_KEY`, `DB_PASSWORD`, in `environment`, `env_file` or `.env`),
 * values after a secret-named flag or key (`--password=…`, `api_key: …`), passwords in URLs,
 * and strings shaped like well-known credentials (AWS access key ids and secret keys, private
 * keys, GitHub, GitLab, Slack, Stripe, Google, npm and OpenAI-style tokens, JWTs).
 */
import { SECRET_ENV } from "../check-slots.js";

/** What a secret is replaced with in warnings and notes. */
export const REDACTED = "<redacted>";

/** Secrets shorter than this are not searched for elsewhere (too many false matches). */
const MIN_SECRET_LENGTH = 4;

/** Strings shaped like a credential, wherever they appear. */
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\bnpm_[A-Za-z0-9]{36}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
];

/** A 40-character base64 run with upper case, lower case and digits: the shape of an AWS secret access key. */
const AWS_SECRET_SHAPE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** `name=value`, `name: value`, `--name value`: the value is a secret when the name is secret-named. */
const NAMED_VALUE = /([A-Za-z_][A-Za-z0-9_.-]*)(?:\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|[^\s"',;&|]+)/g;

/** A URL with a password: `scheme://user:password@host`. */
const URL_PASSWORD = /:\/\/[^/\s:@]+:([^@\s/]+)@/g;

/**
 * True when a secret value is distinctive enough to look for elsewhere (commands, images,
 * warnings): six characters or more with a digit, a symbol or mixed case, or sixteen or more.
 * `POSTGRES_PASSWORD: postgres` must not turn every `postgres` of the file into `<redacted>`.
 */
export function isDistinctive(secret: string): boolean {
  if (secret.length >= 16) return true;
  return secret.length >= 6 && (/[^A-Za-z]/.test(secret) || (/[a-z]/.test(secret) && /[A-Z]/.test(secret)));
}

/** True when `name` (an environment variable, flag or key; `-` and `.` read as `_`) names a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_ENV.test(name.replace(/[-.]/g, "_"));
}

/** The substrings of `text` shaped like a credential, and URL passwords (what any text is redacted of). */
export function credentialsIn(text: string): string[] {
  const found: string[] = [];
  for (const shape of CREDENTIAL_SHAPES) for (const m of text.matchAll(shape)) found.push(m[0]);
  for (const m of text.matchAll(AWS_SECRET_SHAPE)) if (/[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]) && /[0-9]/.test(m[0])) found.push(m[0]);
  for (const m of text.matchAll(URL_PASSWORD)) found.push(m[1]!);
  return found.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** The secret-looking substrings of a value from the Compose file: `credentialsIn`, and the values of secret-named flags and keys. */
export function secretsIn(text: string): string[] {
  const found = credentialsIn(text);
  for (const m of text.matchAll(NAMED_VALUE)) {
    const value = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
    if (isSecretName(m[1]!) && !/^\$\{?[A-Za-z_]/.test(value)) found.push(value);
  }
  return found.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/**
 * Every secret-looking string in `data` (a parsed Compose file): what `secretsIn` finds in each
 * string and in each list of strings read as one command line, and every value of a
 * secret-named key. Shared (aliased) objects are read once.
 */
export function secretsInData(data: unknown): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const add = (values: readonly string[]): void => values.forEach((v) => out.add(v));
  const visit = (value: unknown): void => {
    if (typeof value === "string") return add(secretsIn(value));
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === "string" || typeof v === "number")) add(secretsIn(value.join(" ")));
      value.forEach(visit);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (isSecretName(k) && (typeof v === "string" || typeof v === "number") && String(v).length >= MIN_SECRET_LENGTH) out.add(String(v));
      visit(v);
    }
  };
  visit(data);
  return out;
}

/** True when `text` (a value from the Compose file) contains one of `secrets` or looks like a secret itself. */
export function hasSecret(text: string, secrets: ReadonlySet<string>): boolean {
  for (const s of secrets) if (text.includes(s)) return true;
  return secretsIn(text).length > 0;
}

/**
 * `text` (a warning or note skyweave wrote, quoting the Compose file) with every one of `secrets`,
 * and everything `credentialsIn` finds, replaced by `<redacted>`.
 */
export function redact(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const s of [...secrets, ...credentialsIn(text)].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * The slot fields of `component` that hold a secret (`env.NAME` for one variable, else the field:
 * `command`, `args`, `image`, `healthPath`, …), so the importer can leave them out.
 */
export function secretFields(component: Readonly<Record<string, unknown>>, secrets: ReadonlySet<string>): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(component)) {
    if (key === "id" || key === "template") continue;
    if (typeof value === "string" && hasSecret(value, secrets)) fields.push(key);
    else if (Array.isArray(value) && (value.some((v) => typeof v === "string" && hasSecret(v, secrets)) || secretsIn(value.join(" ")).length > 0)) fields.push(key);
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (isSecretName(k) || (typeof v === "string" && hasSecret(v, secrets))) fields.push(`${key}.${k}`);
    }
  }
  return fields;
}
