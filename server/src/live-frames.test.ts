import { describe, expect, it } from "vitest";
import * as ws from "ws";
import { textFrame } from "./live-frames";

// The frames a live group writes straight to a TCP socket, read back by ws's own parser (as a
// client reads them): one text frame holding head + payload + "}", for each of the three ways a
// frame header states its length (under 126 bytes, under 64 KiB, longer).

type Receiver = {
  on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  write(chunk: Buffer): void;
};
// ws exports its frame parser (untyped in @types/ws).
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean }) => Receiver;
};

function read(frame: Buffer): { text: string; isBinary: boolean }[] {
  const receiver = new Receiver({ isServer: false });
  const messages: { text: string; isBinary: boolean }[] = [];
  receiver.on("message", (data, isBinary) => messages.push({ text: data.toString(), isBinary }));
  receiver.on("error", (error) => {
    throw error;
  });
  receiver.write(frame);
  return messages;
}

describe("live frames", () => {
  it("frames head + payload + } as one text message, whatever its length", () => {
    const head = Buffer.from('{"id":"é-1","type":"next","payload":');
    for (const size of [10, 200, 70_000]) {
      const payload = Buffer.from(JSON.stringify({ data: { text: "đ".repeat(size) } }));
      const frame = textFrame(head, payload);
      const messages = read(frame.bytes);
      expect(messages).toEqual([
        { text: `${head.toString()}${payload.toString()}}`, isBinary: false },
      ]);
      expect(frame.bytes.subarray(frame.start).toString()).toBe(messages[0]?.text);
    }
  });
});
