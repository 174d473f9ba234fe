// Intl.DateTimeFormat objects, built once per locale and options and reused. Building one costs
// tens of microseconds (ICU loads the locale and time-zone data); formatting with a built one
// about a microsecond. Pages and progress maths format hundreds of dates per request, which made
// building formatters a visible share of the CPU a page costs. The keys are few: a handful of
// option sets times the clinics' time zones. No "server-only": client components use it too.
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
