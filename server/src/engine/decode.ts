// Bytes of a corpus or draft file → text. Drafts come from Word, web pages and Windows machines:
// UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK. Binary files are refused, and
// so are bytes that are none of these (more than MAX_REPLACED of the text would be U+FFFD).

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: 'binary' | 'undecodable' };

/** The share of characters that may be undecodable (U+FFFD) before the file is not text. */
const MAX_REPLACED = 0.02;
/** One decoder for every file: making one costs more than decoding a resolution. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded(bytes.subarray(2), 'utf-16be');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: UTF8.decode(body), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Windows files are GB18030 (a superset of GBK and GB2312).
    return decoded(body, 'gb18030');
  }
}

function decoded(bytes: Uint8Array, encoding: string): Decoded {
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.includes('\u0000')) return { ok: false, reason: 'binary' };
  let replaced = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) replaced++;
  return replaced > text.length * MAX_REPLACED ? { ok: false, reason: 'undecodable' } : { ok: true, text, encoding };
}

/** NUL bytes or a high share of control bytes in the first 8 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}
