/**
 * Kubernetes resource quantities, parsed exactly, once, when the model is built:
 * CPU into integer millicores, memory and storage into integer bytes.
 */

const BINARY_SUFFIX: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL_SUFFIX: Record<string, bigint> = {
  k: 10n ** 3n,
  M: 10n ** 6n,
  G: 10n ** 9n,
  T: 10n ** 12n,
  P: 10n ** 15n,
  E: 10n ** 18n,
};

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const CPU = /^(\d+(?:\.\d+)?)(m)?$/;

/** A decimal string as an exact fraction `numerator / denominator`. */
function exactDecimal(text: string): { numerator: bigint; denominator: bigint } {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = match[2] ?? "";
  return {
    numerator: BigInt(match[1]! + fraction),
    denominator: 10n ** BigInt(fraction.length),
  };
}

function toSafeNumber(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/**
 * Parses a CPU quantity into exact millicores, however large. Returns `undefined` when the
 * input is not a whole, positive number of millicores.
 */
export function exactMillicores(quantity: string | number): bigint | undefined {
  const text = typeof quantity === "number" ? numberToDecimal(quantity) : quantity.trim();
  if (text === undefined) return undefined;
  const match = CPU.exec(text);
  if (!match) return undefined;
  const { numerator, denominator } = exactDecimal(match[1]!);
  const scaled = match[2] === "m" ? numerator : numerator * 1000n;
  if (scaled % denominator !== 0n) return undefined;
  const millicores = scaled / denominator;
  return millicores > 0n ? millicores : undefined;
}

/**
 * Parses a CPU quantity (`"250m"`, `"0.5"`, `"2"`, or a number of cores) into millicores.
 * Returns `undefined` when the input is not a whole, positive number of millicores.
 */
export function parseCpu(quantity: string | number): number | undefined {
  const millicores = exactMillicores(quantity);
  return millicores === undefined ? undefined : toSafeNumber(millicores);
}

/**
 * Parses a memory or storage quantity into exact bytes, however large. Returns `undefined`
 * when the input is not a whole, positive number of bytes.
 */
export function exactBytes(quantity: string | number): bigint | undefined {
  const text = typeof quantity === "number" ? numberToDecimal(quantity) : quantity.trim();
  if (text === undefined) return undefined;
  const match = MEMORY.exec(text);
  if (!match) return undefined;
  const { numerator, denominator } = exactDecimal(match[1]!);
  const suffix = match[2];
  const multiplier = suffix === undefined ? 1n : (BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix]!);
  const scaled = numerator * multiplier;
  if (scaled % denominator !== 0n) return undefined;
  const bytes = scaled / denominator;
  return bytes > 0n ? bytes : undefined;
}

/**
 * Parses a memory or storage quantity (`"256Mi"`, `"1.5Gi"`, `"1G"`, or a number of bytes)
 * into bytes. Returns `undefined` when the input is not a whole, positive number of bytes.
 */
export function parseBytes(quantity: string | number): number | undefined {
  const bytes = exactBytes(quantity);
  return bytes === undefined ? undefined : toSafeNumber(bytes);
}

function numberToDecimal(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const text = String(value);
  return DECIMAL.test(text) ? text : undefined;
}

/** Formats millicores the way a person writes them: `"250m"`, `"1"`, `"1500m"`. */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Formats bytes with the largest binary suffix that divides them exactly: `"256Mi"`, `"2Gi"`. */
export function formatBytes(bytes: number): string {
  const value = BigInt(bytes);
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const unit = BINARY_SUFFIX[suffix]!;
    if (value % unit === 0n) return `${value / unit}${suffix}`;
  }
  return String(bytes);
}

/** Bytes in one gibibyte. */
export const GIB = 2 ** 30;
