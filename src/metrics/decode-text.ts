/**
 * Metric files are UTF-8 text. Reading other bytes as UTF-8 would turn them into U+FFFD and
 * report a puzzling "is not a timestamp"; this says what the file is instead (UTF-16, as
 * spreadsheet programs save "Unicode text", or Latin-1, or binary) and where the first bad
 * byte is.
 */
import { InputError } from "../errors.js";

const FIX = "save the export as UTF-8 text (e.g. `iconv -f latin1 -t utf-8 in.csv > out.csv`, or `-f utf-16` for UTF-16).";

/** The offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence, and the range of its second byte (no overlongs, no surrogates, ≤ U+10FFFF).
    const [n, lo, hi] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (n === 0 || i + n > bytes.length || bytes[i + 1]! < lo || bytes[i + 1]! > hi) return i;
    for (let k = 2; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return -1;
}

/** `bytes` as text (without a byte order mark), or an `InputError` naming `shown` (and the line of the first bad byte) when they are not UTF-8 text. */
export function decodeUtf8(bytes: Uint8Array, shown: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError("the file is UTF-16 text; metric files must be UTF-8", { where: shown, fix: FIX });
  }
  const bad = firstInvalidUtf8(bytes);
  const nul = bytes.indexOf(0);
  const at = bad < 0 ? nul : nul < 0 ? bad : Math.min(bad, nul);
  if (at >= 0) {
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const hex = `0x${bytes[at]!.toString(16).padStart(2, "0").toUpperCase()}`;
    throw new InputError(bytes[at] === 0 ? "the file holds a NUL byte: it is not text (UTF-16, or a compressed or binary file?)" : `byte ${hex} is not UTF-8: the file is not UTF-8 text (Latin-1, or a compressed or binary file?)`, { where: `${shown}:${line}`, fix: FIX });
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 byte order mark
}
