import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">This area isn&apos;t part of your account</h1>
      <p className="mt-3 text-slate-600">You are signed in, but your role doesn&apos;t give access here.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        Go to your home page
      </Link>
    </main>
  );
}
