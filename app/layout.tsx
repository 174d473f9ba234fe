import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Riverside Plans", template: "%s · Riverside Plans" },
  description: "Treatment plans, sessions and home routines for clinic and patients.",
  applicationName: "Riverside Plans",
  // Added to an iPhone's home screen, the patient pages open as an app of their own (iOS also
  // needs this for web push, decision 036). The manifest (app/manifest.ts) and the icons
  // (app/icon.svg, app/apple-icon.png) are linked by Next.js from their file conventions.
  appleWebApp: { capable: true, title: "Riverside", statusBarStyle: "default" },
};

// theme-color: brand-600 of app/globals.css, as in the manifest.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

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
