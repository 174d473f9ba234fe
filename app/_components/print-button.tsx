"use client";

/** Opens the browser's print dialog; hidden on paper. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="no-print min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700">
      Print
    </button>
  );
}
