/** The frame of the sign-in pages: the product's name, a heading and a narrow column, phone first. */
export function AuthCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Riverside Plans</p>
          <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
          {intro && <p className="mt-2 text-sm text-slate-600">{intro}</p>}
        </div>
        {children}
      </div>
    </main>
  );
}
