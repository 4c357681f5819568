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

/** Stack acronyms and the parts they stand for. */
const STACKS: Readonly<Record<string, string>> = {
  mern: "MongoDB, Express, React, Node.js",
  mean: "MongoDB, Express, Angular, Node.js",
  mevn: "MongoDB, Express, Vue, Node.js",
  pern: "PostgreSQL, Express, React, Node.js",
  lamp: "Apache, MySQL, PHP",
  lemp: "nginx, MySQL, PHP",
  elk: "Elasticsearch, Logstash, Kibana",
};

/** A generic word used as a role ("a Flask app for the frontend") names no part of its own. */
const ROLE = /\b(for|as) (the|a|an)\s+$/i;

/** Every template the prose names, in order of first mention. */
export function findMentions(prose: string): Mention[] {
  const text = prose.replace(/[`*_]/g, " ").replace(/\b(MERN|MEAN|MEVN|PERN|LAMP|LEMP|ELK)\b/g, (m) => `${m} (${STACKS[m.toLowerCase()]})`);
  const found: Mention[] = [];
  for (const template of loadTemplates().values()) {
    let best: { index: number; word: string } | undefined;
    for (const word of template.words) {
      for (const m of text.matchAll(wordPattern(word))) {
        if (GENERIC[template.name] !== undefined && ROLE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
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
    // "the frontend service" next to nginx or traefik: the proxy is the front.
    const fronted = category === "frontend" && specific.some((s) => s.template.category === "proxy");
    return !covered && !fronted;
  });
  // "a React app with nginx" and nothing behind it: the front end's own nginx (front-end templates are served by nginx).
  const backends = kept.some((m) => ["web", "app"].includes(m.template.category));
  const frontends = kept.some((m) => m.template.category === "frontend");
  if (frontends && !backends) kept.splice(0, kept.length, ...kept.filter((m) => m.template.name !== "nginx-proxy"));
  // "a Lambda that runs every 2 minutes": with a schedule named, the function is the cron job's body.
  if (kept.some((m) => m.template.category === "cron")) kept.splice(0, kept.length, ...kept.filter((m) => !(m.template.category === "worker" && /lambda|function/i.test(m.word))));
  const datastores = new Set(["postgres", "mysql", "redis", "mongodb", "search"]);
  if (!kept.some((m) => datastores.has(m.template.category))) {
    const db = /(?<![a-z0-9])(sql )?(database|db)(?![a-z0-9])/i.exec(text);
    if (db !== null) kept.push({ template: loadTemplates().get("postgres")!, index: db.index, word: db[0] });
  }
  return kept.sort((a, b) => a.index - b.index || (a.template.name < b.template.name ? -1 : 1));
}
