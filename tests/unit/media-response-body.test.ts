// The media routes' response body: a Node stream handed to the web stream a Response takes, all of
// it when read to the end, and the source released (no uncaught "already closed") when the reader
// goes away mid-way, as a browser does when a picture load is cancelled.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { responseBody } from "@/lib/server/media-http";

function source(chunks: number, size = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < chunks ? Buffer.alloc(size, sent) : null);
    },
  });
}

describe("responseBody", () => {
  it("passes every byte through in order", async () => {
    const bytes = new Uint8Array(await new Response(responseBody(source(10, 1000))).arrayBuffer());
    expect(bytes.length).toBe(10_000);
    expect(bytes[0]).toBe(1);
    expect(bytes[9_999]).toBe(10);
  });

  it("destroys the source when the reader cancels, and nothing throws afterwards", async () => {
    const node = source(1000);
    const reader = responseBody(node).getReader();
    await reader.read();
    await reader.cancel();
    expect(node.destroyed).toBe(true);
    // Give any pending 'data' events a turn: none may throw.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it("turns a source error into a stream error", async () => {
    const node = new Readable({
      read() {
        this.destroy(new Error("disk gone"));
      },
    });
    await expect(new Response(responseBody(node)).arrayBuffer()).rejects.toThrow();
  });

  it("reads only as fast as the consumer pulls (back-pressure pauses the source)", async () => {
    const node = source(1000);
    const reader = responseBody(node).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 1000 chunks are available, but without pulls only a few were taken from the source.
    expect(node.readableEnded).toBe(false);
    await reader.cancel();
  });
});
