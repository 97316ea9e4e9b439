/** Entries per purpose, each with optional entries per locale (the shape of every `templates.*` section). */
export type PerPurpose<E> = Record<string, E & { locales?: Record<string, E> | undefined }>;

/** The language of a tag: `zh-CN` → `zh`. */
function language(locale: string): string {
  return locale.split('-')[0] ?? locale;
}

function localeEntry<E>(
  entry: (E & { locales?: Record<string, E> | undefined }) | undefined,
  locale: string,
): E | undefined {
  if (!entry?.locales) return undefined;
  for (const [tag, value] of Object.entries(entry.locales)) if (tag.toLowerCase() === locale) return value;
  return undefined;
}

/**
 * The entries a message for `purpose` and `locale` is built from, most specific first: the purpose's entry for
 * the exact locale, for its language, the purpose's own entry, then the same three of `default`. A field is
 * taken from the first entry that has it, so a locale entry need only hold what differs.
 */
export function candidates<E>(section: PerPurpose<E>, purpose: string, locale: string | undefined): E[] {
  const tag = locale?.toLowerCase();
  const out: (E | undefined)[] = [];
  for (const key of purpose === 'default' ? ['default'] : [purpose, 'default']) {
    const entry = section[key];
    if (tag) out.push(localeEntry(entry, tag), tag.includes('-') ? localeEntry(entry, language(tag)) : undefined);
    out.push(entry);
  }
  return out.filter((e): e is E => e !== undefined);
}

/** The first value of `field` among `entries`, then `fallback`. */
export function pick<E, K extends keyof E>(entries: readonly E[], field: K, fallback?: E[K]): E[K] | undefined {
  for (const entry of entries) if (entry[field] !== undefined) return entry[field];
  return fallback;
}

/** Every (purpose, locale) pair a section names: what start-up resolves once to find a missing field. */
export function namedCombinations<E>(section: PerPurpose<E>): { purpose: string; locale: string | undefined }[] {
  const out: { purpose: string; locale: string | undefined }[] = [];
  for (const [purpose, entry] of Object.entries(section)) {
    out.push({ purpose, locale: undefined });
    for (const locale of Object.keys(entry.locales ?? {})) out.push({ purpose, locale });
  }
  return out;
}
