"use client";

import dynamic from "next/dynamic";

// The charting library is the heaviest script of the app (~100 kB gzip). It loads after the page
// is shown, so the page's first load stays small on a phone; every chart's summary, legend and
// table are server-rendered and readable before it arrives.
function ChartLoading() {
  return <div className="flex h-full items-center justify-center text-sm text-slate-500">Loading the chart…</div>;
}

export const PainChart = dynamic(() => import("./pain-chart").then((m) => m.PainChart), { ssr: false, loading: ChartLoading });
export const OdiChart = dynamic(() => import("./odi-chart").then((m) => m.OdiChart), { ssr: false, loading: ChartLoading });
