/**
 * Finds the templates a piece of prose names: every template's words are matched as whole
 * words, case-insensitively; a template counts once, at its first mention. Generic templates
 * (a web service, a static site) count only when nothing more specific of their category was
 * named, and a "database" with no engine named means Postgres.
 */
import { loadTemplates, type Template } from "../templates.js";

/** A template named in the prose, where, and by which word. */
export interface Mention {
  readonly template: Template;
  readonly index: number;
  readonly word: string;
}

/** Templates that stand for "one of this category, kind not named". */
const GENERIC: Readonly<Record<string, string>> = { "web-service": "web", "static-site": "frontend", "reverse-proxy": "proxy" };

/** Matches `word` (a regular expression source) as a whole word. */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${word})(?![a-z0-9])`, "gi");
}

/** Every template the prose names, in order of first mention. */
export function findMentions(prose: string): Mention[] {
  const text = prose.replace(/[`*_]/g, " ");
  const found: Mention[] = [];
  for (const template of loadTemplates().values()) {
    let best: { index: number; word: string } | undefined;
    for (const word of template.words) {
      for (const m of text.matchAll(wordPattern(word))) {
        if (best === undefined || m.index < best.index) best = { index: m.index, word: m[0] };
        break;
      }
    }
    if (best !== undefined) found.push({ template, ...best });
  }
  const specific = found.filter((m) => GENERIC[m.template.name] === undefined);
  const kept = found.filter((m) => {
    const category = GENERIC[m.template.name];
    if (category === undefined) return true;
    // "a Go backend": the generic word names the same thing as a specific template.
    const covered = specific.some((s) => s.template.category === category || (category === "web" && s.template.category === "app"));
    return !covered;
  });
  const datastores = new Set(["postgres", "mysql", "redis", "mongodb", "search"]);
  if (!kept.some((m) => datastores.has(m.template.category))) {
    const db = /(?<![a-z0-9])(sql )?(database|db)(?![a-z0-9])/i.exec(text);
    if (db !== null) kept.push({ template: loadTemplates().get("postgres")!, index: db.index, word: db[0] });
  }
  return kept.sort((a, b) => a.index - b.index || (a.template.name < b.template.name ? -1 : 1));
}
