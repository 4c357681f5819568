/** Small readers of Compose value syntaxes: ports, volumes, env lists, commands, quantities. */

/** A port mapping: the container port, whether it is published on the host, and its protocol. */
export interface PortMapping {
  readonly container: number | undefined;
  readonly published: boolean;
  readonly protocol: string;
  readonly range: boolean;
}

/** Reads `"8080:80/udp"`, `80`, `"127.0.0.1:80:80"` or `{ target, published, protocol }`. */
export function parsePort(value: unknown): PortMapping {
  if (typeof value === "object" && value !== null) {
    const v = value as { target?: unknown; published?: unknown; protocol?: unknown };
    return { container: toPort(v.target), published: v.published !== undefined, protocol: String(v.protocol ?? "tcp"), range: false };
  }
  const text = String(value);
  const [spec, protocol = "tcp"] = text.split("/");
  const parts = spec!.split(":");
  const container = parts[parts.length - 1]!;
  return { container: toPort(container.split("-")[0]), published: parts.length > 1, protocol, range: container.includes("-") };
}

function toPort(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/** A volume entry: named volume, bind mount or anonymous volume, and where it is mounted. */
export interface VolumeMount {
  readonly kind: "named" | "bind" | "anonymous" | "other";
  readonly source: string | undefined;
  readonly target: string | undefined;
}

/** Reads `"data:/var/lib/x"`, `"./conf:/etc/x:ro"`, `"/path"` or the long syntax. */
export function parseVolume(value: unknown): VolumeMount {
  if (typeof value === "object" && value !== null) {
    const v = value as { type?: string; source?: string; target?: string };
    const kind = v.type === "volume" ? (v.source ? "named" : "anonymous") : v.type === "bind" ? "bind" : "other";
    return { kind, source: v.source, target: v.target };
  }
  const parts = String(value).split(":");
  if (parts.length === 1) return { kind: "anonymous", source: undefined, target: parts[0] };
  const [source, target] = parts as [string, string];
  const bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("$");
  return { kind: bind ? "bind" : "named", source, target };
}

/** `["A=1", "B"]` or `{ A: 1, B: null }` → entries; a value-less name has value undefined. */
export function envEntries(value: unknown): [string, string | undefined][] {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const text = String(item);
      const eq = text.indexOf("=");
      return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
    });
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]);
  }
  return [];
}

/** A command as a list: arrays as they are, strings split like a shell (quotes respected). */
export function commandList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return undefined;
  const out: string[] = [];
  for (const m of value.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Compose CPUs (`"0.5"`, `2`) → a Kubernetes quantity (`"500m"`, `"2"`). */
export function cpuQuantity(value: unknown): string | undefined {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const milli = Math.round(n * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Compose bytes (`"512m"`, `"1g"`, `"50M"`, `1073741824`) → a Kubernetes quantity (`"512Mi"`). */
export function memoryQuantity(value: unknown): string | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(value).trim());
  if (m === null) return undefined;
  const units: Record<string, [number, string]> = { "": [1, ""], b: [1, ""], k: [1, "Ki"], m: [1, "Mi"], g: [1, "Gi"] };
  const [, unit] = units[m[2]!.toLowerCase()]!;
  const n = Number(m[1]);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  return `${n}${unit}`;
}
