import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/**
 * A live group's push, framed once per member as the bytes go on the wire. The WebSocket text
 * frame graphql-ws would send is `{"id":<member's id>,"type":"next","payload":<shared payload>}`:
 * only the id differs between members, so each frame is the member's head (encoded once, when it
 * joins) and the push's payload (encoded once per push) copied into one buffer behind the frame
 * header. A socket then takes one `write` of one buffer: no string re-encoded per socket, no
 * frame header allocated apart and written with it (ws's `send` corks, writes both and uncorks,
 * which costs a `writev` of two chunks and the stream machinery's bookkeeping for each socket).
 */
export interface Frame {
  /** The frame as it goes on the wire: header, then the message. */
  bytes: Buffer;
  /** Where the message starts in `bytes` (after the frame header). */
  start: number;
}

/** `}`: closes the message opened by the member's head. */
const CLOSE_BRACE = 0x7d;
/** FIN bit and opcode 1 (text): the whole message in one frame, as ws sends it. */
const FINAL_TEXT = 0x81;

/** The frame of the message `head` + `payload` + `}` (RFC 6455 §5.2; unmasked: server to client). */
export function textFrame(head: Buffer, payload: Buffer): Frame {
  const length = head.length + payload.length + 1;
  const start = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const bytes = Buffer.allocUnsafe(start + length);
  bytes[0] = FINAL_TEXT;
  if (start === 2) {
    bytes[1] = length;
  } else if (start === 4) {
    bytes[1] = 126;
    bytes.writeUInt16BE(length, 2);
  } else {
    bytes[1] = 127;
    bytes.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    bytes.writeUInt32BE(length >>> 0, 6);
  }
  head.copy(bytes, start);
  payload.copy(bytes, start + head.length);
  bytes[bytes.length - 1] = CLOSE_BRACE;
  return { bytes, start };
}

/**
 * How frames reach one socket. Straight to its TCP socket when that is exactly what ws would
 * write: no extension negotiated (no permessage-deflate, which this server does not offer, so ws
 * never holds a message back to compress it and writes each one at once, in order with ours).
 * Otherwise (a socket without a TCP socket of its own, as in unit tests) through `send`, the
 * message as a text frame of these bytes, never re-encoded.
 */
export function frameSender(socket: WebSocket): (frame: Frame) => void {
  // ws keeps its TCP socket in `_socket` (no public accessor): used only when it is a stream.
  const tcp = (socket as unknown as { _socket?: Duplex })._socket;
  if (socket.extensions === "" && tcp && typeof tcp.write === "function") {
    return (frame) => {
      tcp.write(frame.bytes);
    };
  }
  return (frame) => socket.send(frame.bytes.subarray(frame.start), { binary: false });
}
