// The embedded SMTP sink (decision 033): with no SMTP_URL, `npm start` and `npm test` run this
// real SMTP server on loopback and the app talks SMTP to it as it would to a provider. Each message
// is kept as it arrived, one `.eml` file per message under `dir` (written to a temporary name and
// renamed, so a reader never sees half a message); the admins' Outbox shows them as the recipient
// would see them. Tests can make it refuse messages (a temporary 451, as a provider in trouble
// answers) to exercise retries. No "server-only": scripts start it.
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type MailSink = { url: string; port: number; dir: string; close: () => Promise<void> };

export type MailSinkOptions = {
  dir: string;
  port?: number;
  host?: string;
  /** Called for every message before it is accepted; `true` answers 451 (try again later). */
  refuse?: () => boolean;
};

const MAX_BYTES = 10 * 1024 * 1024;

export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_BYTES,
    logger: false,
    banner: "Riverside Plans mail sink",
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= MAX_BYTES) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded || bytes > MAX_BYTES) {
          callback(Object.assign(new Error("Message too big"), { responseCode: 552 }));
          return;
        }
        if (options.refuse?.()) {
          callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
          return;
        }
        // Named after the message's Message-ID when it has one (the app's are `<messageId@host>`),
        // so the Outbox finds a message's file without parsing every file.
        const raw = Buffer.concat(chunks);
        const headerEnd = raw.indexOf("\r\n\r\n");
        const header = raw.subarray(0, headerEnd === -1 ? Math.min(raw.length, 16_384) : headerEnd).toString("utf8");
        const messageId = /^Message-ID:\s*<([^@>\s]{1,100})@/im.exec(header)?.[1]?.replace(/[^A-Za-z0-9_-]/g, "");
        const name = `${Date.now()}-${messageId || randomBytes(6).toString("hex")}.eml`;
        const temporary = path.join(dir, `.${name}.tmp`);
        writeFileSync(temporary, raw, { mode: 0o600 });
        renameSync(temporary, path.join(dir, name));
        callback();
      });
    },
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.on("error", (error) => console.error(`[mail-sink] ${error.message}`));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${host}:${port}`,
    port,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
