/**
 * The one place where text from outside (a Compose file, a model's answer, prose, a file name)
 * becomes TypeScript source: as a string literal that is always one line, as a `//` comment that
 * cannot be closed, or as a property name. The renderer writes outside text in no other way, so
 * no value, however it is spelled, can end a literal or a comment and become code.
 */

/**
 * Characters that end a line for JavaScript (\n \r U+2028 U+2029) or for editors and terminals
 * (U+0085, U+000B, U+000C), other control characters, and invisible or direction-changing format
 * characters (bidi overrides and isolates, zero-width joiners, BOM) that can make code look
 * other than it is ("trojan source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Named escapes for the common control characters; the rest become `\uXXXX`. */
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\0": "\\0" };

/** `\uXXXX` for one UTF-16 code unit. */
function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * `text` on one visible line: every line terminator, control character, lone surrogate and
 * invisible or bidi format character is written as a visible escape (`\n`, `\u2028`, …). For
 * comments, warnings and anything else a person reads.
 */
export function visibleText(text: string): string {
  return String(text).replace(UNSAFE, (ch) => NAMED[ch] ?? unicodeEscape(ch));
}

/**
 * A TypeScript string literal whose value is exactly `value`, always on one line and in plain
 * ASCII-visible form: `JSON.stringify` (which escapes quotes, backslashes and C0 controls) plus
 * `\uXXXX` for U+2028, U+2029, DEL, C1 controls, lone surrogates and invisible or bidi format
 * characters. A `${`, a backtick or `*\/` inside it is just text: the literal is double-quoted.
 */
export function stringLiteral(value: string): string {
  if (typeof value !== "string") throw new TypeError(`internal: stringLiteral takes a string, got ${typeof value}`);
  return JSON.stringify(value).replace(UNSAFE, unicodeEscape);
}

/**
 * A `//` comment line with `text` as its content, which nothing in `text` can end: line
 * terminators (\n \r U+2028 U+2029, and U+0085 for editors) and every other unsafe character
 * become visible escapes. The result never contains a line break.
 */
export function commentLine(text: string): string {
  const body = visibleText(text);
  return body === "" ? "//" : `// ${body}`;
}

/** True for a plain identifier name (`image`, `cpuLimit`, `LOG_LEVEL`). */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/**
 * An object literal's property name for `key`: the bare name when it is an identifier, else a
 * string literal; `__proto__` is written computed (`["__proto__"]`) so it stays an own property
 * and does not set the object's prototype.
 */
export function propertyName(key: string): string {
  if (key === "__proto__") return `[${stringLiteral(key)}]`;
  return isIdentifierName(key) ? key : stringLiteral(key);
}

/** ECMAScript reserved words (also in strict mode and modules), which no variable may be named. */
const KEYWORDS: ReadonlySet<string> = new Set(["await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "eval", "arguments"]);

/**
 * `name` when it can be written as a variable name (an identifier, not reserved); anything else
 * is a bug in skyweave and throws, so no outside text is ever written as a bare name.
 */
export function identifier(name: string): string {
  if (!isIdentifierName(name) || KEYWORDS.has(name)) throw new Error(`internal: ${stringLiteral(name)} is not a safe identifier`);
  return name;
}
