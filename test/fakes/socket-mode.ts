import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// Slack's side of Socket Mode on loopback: the WebSocket the fake Web API's
// `apps.connections.open` points to (FakeSlack.openSocketModeAt), which says hello, delivers the
// envelopes the test sends, and hands back the app's acks.
// A minimal RFC 6455 server (text, ping/pong, close; frames under 64 KiB from the server),
// enough for the bot's Socket Mode client.

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface FakeSocketMode {
  /** The ws:// URL the app connects to. */
  wsUrl: string;
  /** Resolves once the app has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope; resolves with the app's ack (the message naming its envelope_id). */
  send(type: string, payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  let socket: Socket | null = null;
  let greeted: () => void;
  const hello = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  const waiting = new Map<string, (ack: Record<string, unknown>) => void>();
  let envelopes = 0;

  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req: IncomingMessage, sock: Socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    sock.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket = sock;
    let buffered = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
        buffered = buffered.subarray(frame.size);
        if (frame.opcode === 0x9) sock.write(encode(frame.data, 0xa));
        else if (frame.opcode === 0x8) sock.end(encode(Buffer.alloc(0), 0x8));
        else if (frame.opcode === 0x1) {
          const message = JSON.parse(frame.data.toString('utf8')) as Record<string, unknown>;
          const id = String(message.envelope_id ?? '');
          waiting.get(id)?.(message);
          waiting.delete(id);
        }
      }
    });
    sock.on('error', () => {});
    sock.write(encode(Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1 })), 0x1));
    greeted();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    wsUrl: `ws://127.0.0.1:${port}/link`,
    connected: () => hello,
    send(type, payload) {
      const envelope_id = `env-${++envelopes}`;
      const acked = new Promise<Record<string, unknown>>((resolve) => waiting.set(envelope_id, resolve));
      const message = { envelope_id, type, payload, accepts_response_payload: type !== 'events_api' };
      socket?.write(encode(Buffer.from(JSON.stringify(message)), 0x1));
      return acked;
    },
    async close() {
      socket?.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

interface Frame {
  opcode: number;
  data: Buffer;
  size: number;
}

/** One complete client frame at the start of `buf` (clients mask theirs), or null. */
function readFrame(buf: Buffer): Frame | null {
  if (buf.length < 2) return null;
  const opcode = (buf[0] as number) & 0x0f;
  const masked = ((buf[1] as number) & 0x80) !== 0;
  let length = (buf[1] as number) & 0x7f;
  let at = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    length = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const mask = masked ? buf.subarray(at, at + 4) : null;
  at += masked ? 4 : 0;
  if (buf.length < at + length) return null;
  const data = Buffer.from(buf.subarray(at, at + length));
  if (mask) for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) ^ (mask[i % 4] as number);
  return { opcode, data, size: at + length };
}

/** An unmasked server frame. */
function encode(data: Buffer, opcode: number): Buffer {
  const head =
    data.length < 126
      ? Buffer.from([0x80 | opcode, data.length])
      : Buffer.from([0x80 | opcode, 126, data.length >> 8, data.length & 0xff]);
  return Buffer.concat([head, data]);
}
