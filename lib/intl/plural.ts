/**
 * A count with its noun, singular for one: plural(1, "protocol") → "1 protocol", plural(3,
 * "activity", "activities") → "3 activities". Without `many`, the plural adds "s". `withCount`
 * false gives the noun alone ("1 matching event" is plural(1, "matching event")). Pure: pages
 * (app/_components/format.ts) and the domain's audit wording share it.
 */
export function plural(count: number, one: string, many = `${one}s`, { withCount = true }: { withCount?: boolean } = {}): string {
  const noun = count === 1 ? one : many;
  return withCount ? `${count.toLocaleString("en-GB")} ${noun}` : noun;
}
