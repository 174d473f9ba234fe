// GET /manifest.webmanifest – the web app manifest (decision 036): installs the patient pages as
// "Riverside Plans" on a phone's home screen, opening at Today (/my). Next.js links it from every
// page's <head>. Colours are the app's own (app/globals.css: brand-600 and the slate-50 page).
import type { MetadataRoute } from "next";

const THEME_COLOR = "#0f766e";
const BACKGROUND_COLOR = "#f8fafc";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/my",
    name: "Riverside Plans",
    short_name: "Riverside",
    description: "Your home routine, sessions and progress from your clinic.",
    start_url: "/my",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ["health", "medical"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
