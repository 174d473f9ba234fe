import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// The SMTP transport (decision 033): SMTP_URL names the provider in production
// (smtps://user:pass@smtp.example.com:465, or smtp://…:587 with STARTTLS); without it the app
// runs against the embedded sink that `npm start` and `npm test` start and name in SMTP_URL too.
// MAIL_FROM is the sender address (the clinic's name is its display name).

const holder = globalThis as unknown as { __riversideMail?: { url: string; transport: Transporter } };

export function mailTransport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set: no mail server to send through");
  if (holder.__riversideMail?.url !== url) {
    holder.__riversideMail?.transport.close();
    holder.__riversideMail = {
      url,
      transport: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    };
  }
  return holder.__riversideMail.transport;
}

export function mailFromAddress(): string {
  return process.env.MAIL_FROM ?? `no-reply@${new URL(appBaseUrl()).hostname}`;
}

/** The public origin links in messages point at. */
export function appBaseUrl(): string {
  const url = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return url.replace(/\/+$/, "");
}

/** Whether mail goes to the embedded sink (the Outbox shows its messages). */
export function mailSinkDir(): string | null {
  return process.env.MAIL_SINK_DIR || null;
}
