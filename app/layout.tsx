import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Riverside Plans", template: "%s · Riverside Plans" },
  description: "Treatment plans, sessions and home routines for clinic and patients.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: the CSP nonce proxy.ts creates for the request is put on
  // Next.js's scripts while rendering, which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
