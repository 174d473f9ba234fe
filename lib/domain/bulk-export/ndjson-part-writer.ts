import "server-only";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { MediaStorage } from "@/lib/storage";
import type { BulkExportFile } from "./access";

type OpenFile = { name: string; stream: PassThrough; put: Promise<{ size: number }>; count: number };

/**
 * One part of an export: an NDJSON file per resource type, each streamed to storage as it is
 * written (decision 050). A file is opened on its type's first resource, so a part writes no empty
 * files. Writing waits for the storage to drain (backpressure), so memory holds at most the
 * stream's buffer and the storage driver's part per open file, however many resources pass.
 */
export class NdjsonPartWriter {
  private readonly files = new Map<string, OpenFile>();

  constructor(
    private readonly storage: MediaStorage,
    private readonly keyOf: (name: string) => string,
    private readonly part: number,
  ) {}

  async write(resource: { resourceType: string }): Promise<void> {
    const file = this.fileFor(resource.resourceType);
    file.count += 1;
    if (!file.stream.write(`${JSON.stringify(resource)}\n`)) {
      // A failed put never drains: racing it turns a storage error into this write's error.
      await Promise.race([once(file.stream, "drain"), file.put.then(() => undefined)]);
    }
  }

  /** Ends every file of the part and waits until storage holds them; their manifest entries, by type order of first write. */
  async finish(): Promise<BulkExportFile[]> {
    const done: BulkExportFile[] = [];
    for (const [type, file] of this.files) {
      file.stream.end();
      const { size } = await file.put;
      done.push({ type, name: file.name, count: file.count, size });
    }
    this.files.clear();
    return done;
  }

  /** Stops every open file; what storage holds of them is left for the caller to delete. */
  async abort(): Promise<void> {
    const puts = [...this.files.values()].map((file) => {
      // Without an error object: the put sees a premature close and removes its partial file; no "error" event to leak.
      file.stream.destroy();
      return file.put.catch(() => undefined);
    });
    this.files.clear();
    await Promise.all(puts);
  }

  private fileFor(type: string): OpenFile {
    let file = this.files.get(type);
    if (!file) {
      const name = `${type}.${this.part}.ndjson`;
      const stream = new PassThrough({ highWaterMark: 256 * 1024 });
      const put = this.storage.put(this.keyOf(name), stream, { contentType: "application/fhir+ndjson" });
      // Observed here so a rejection before finish() is never "unhandled"; finish() and write() still see it.
      put.catch(() => undefined);
      file = { name, stream, put, count: 0 };
      this.files.set(type, file);
    }
    return file;
  }
}
