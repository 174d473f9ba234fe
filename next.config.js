// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for areas of another role.
  experimental: { authInterrupts: true },
  // The PDF handout's renderer runs in Node as installed, never bundled (it needs the full React,
  // not the server-components build) and so never reaches a client bundle (decision 031).
  serverExternalPackages: ["@react-pdf/renderer"],
};

export default nextConfig;
