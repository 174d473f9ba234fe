// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for areas of another role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
