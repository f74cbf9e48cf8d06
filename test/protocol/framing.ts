// The LSP base protocol's framing written by hand, for the tests that must put exact bytes on a
// server's stdin or read them off its stdout (test/protocol/serverBin.test.ts starts the `unres-server`
// binary with no client library in between; the fake server of test/unit/lspFraming.test.ts).
// LspClient itself talks through vscode-jsonrpc, the library the server and VS Code use.

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A malformed frame: bad header, missing Content-Length, or a body that is not JSON. */
export class FramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FramingError';
  }
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** Refuse absurd headers rather than buffering garbage forever. */
const MAX_HEADER_BYTES = 8192;

/**
 * Encodes one message as an LSP frame: `Content-Length: N\r\n\r\n` then the JSON body in UTF-8.
 * N counts BYTES of the body, not characters: `"大会"` is 4 characters and 8 bytes.
 */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
  return Buffer.concat([header, body]);
}

/**
 * Incremental parser of the LSP base protocol. Feed it the bytes of a stream in chunks of any
 * size; it returns every message completed by each chunk. A chunk may end in the middle of a
 * header or of a multi-byte UTF-8 character, or hold several messages: bytes are kept until a
 * whole body is there and only then decoded, so a character split across chunks is never mangled.
 */
export class MessageParser {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Body length of the message being read, once its header is complete. */
  private contentLength: number | undefined;

  /** Bytes received but not yet returned as messages. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Adds a chunk; returns the messages it completed, in order. Throws FramingError on bad input. */
  push(chunk: Uint8Array | string): RpcMessage[] {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length > 0) {
      this.chunks.push(buf);
      this.buffered += buf.length;
    }
    const out: RpcMessage[] = [];
    for (;;) {
      if (this.contentLength === undefined) {
        const all = this.joined();
        const end = all.indexOf(HEADER_END);
        if (end < 0) {
          if (all.length > MAX_HEADER_BYTES) throw new FramingError(`no end of header after ${all.length} bytes`);
          break;
        }
        this.contentLength = parseHeader(all.subarray(0, end).toString('ascii'));
        this.consume(end + HEADER_END.length);
      }
      if (this.buffered < this.contentLength) break;
      const all = this.joined();
      const body = all.subarray(0, this.contentLength);
      this.consume(this.contentLength);
      this.contentLength = undefined;
      out.push(parseBody(body));
    }
    return out;
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const rest = this.joined().subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** Reads the header block (without the blank line); returns Content-Length. */
function parseHeader(text: string): number {
  let length: number | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`malformed header line: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^[0-9]+$/.test(value)) throw new FramingError(`bad Content-Length: ${JSON.stringify(value)}`);
      length = Number(value);
    } else if (name === 'content-type') {
      const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new FramingError(`unsupported charset ${charset}`);
    }
  }
  if (length === undefined) throw new FramingError(`header without Content-Length: ${JSON.stringify(text)}`);
  return length;
}

function parseBody(body: Buffer): RpcMessage {
  const text = body.toString('utf8');
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (e) {
    throw new FramingError(`body is not JSON (${(e as Error).message}): ${text.slice(0, 200)}`);
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new FramingError(`body is not a JSON-RPC message: ${text.slice(0, 200)}`);
  }
  return message as RpcMessage;
}
