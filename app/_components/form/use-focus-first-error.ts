"use client";

import { useEffect, useRef, useState } from "react";

/** After errors render, moves focus to the first invalid field (call `focusFirstError()` when setting errors). */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [tick]);
  return { ref, focusFirstError: () => setTick((t) => t + 1) };
}
