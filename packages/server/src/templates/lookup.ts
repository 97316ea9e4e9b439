/**
 * Entries per purpose, each with optional entries per locale (the shape of every `templates.*` section) and, in
 * `templates.intl`, per destination country.
 */
export type PerPurpose<E> = Record<
  string,
  E & { locales?: Record<string, E> | undefined; countries?: Record<string, E> | undefined }
>;

/** The language of a tag: `zh-CN` → `zh`. */
function language(locale: string): string {
  return locale.split('-')[0] ?? locale;
}

/** The entry of `map` whose key is `key` regardless of case (`zh-CN`/`zh-cn`, `US`/`us`). */
function entryOf<E>(map: Record<string, E> | undefined, key: string): E | undefined {
  if (!map) return undefined;
  for (const [name, value] of Object.entries(map)) if (name.toLowerCase() === key) return value;
  return undefined;
}

/**
 * The entries a message for `purpose`, `locale` and destination `country` is built from, most specific first: the
 * purpose's entry for the country, for the exact locale, for its language, the purpose's own entry, then the same
 * four of `default`. A field is taken from the first entry that has it, so a narrower entry need only hold what
 * differs.
 */
export function candidates<E>(
  section: PerPurpose<E>,
  purpose: string,
  locale: string | undefined,
  country?: string | undefined,
): E[] {
  const tag = locale?.toLowerCase();
  const region = country?.toLowerCase();
  const out: (E | undefined)[] = [];
  for (const key of purpose === 'default' ? ['default'] : [purpose, 'default']) {
    const entry = section[key];
    if (region) out.push(entryOf(entry?.countries, region));
    if (tag)
      out.push(entryOf(entry?.locales, tag), tag.includes('-') ? entryOf(entry?.locales, language(tag)) : undefined);
    out.push(entry);
  }
  return out.filter((e): e is E => e !== undefined);
}

/** The first value of `field` among `entries`, then `fallback`. */
export function pick<E, K extends keyof E>(entries: readonly E[], field: K, fallback?: E[K]): E[K] | undefined {
  for (const entry of entries) if (entry[field] !== undefined) return entry[field];
  return fallback;
}

/** One purpose with a locale or a country that a section names. */
export interface NamedCombination {
  purpose: string;
  locale: string | undefined;
  country: string | undefined;
}

/** Every (purpose, locale) and (purpose, country) pair a section names: what start-up resolves once to find a missing field. */
export function namedCombinations<E>(section: PerPurpose<E>): NamedCombination[] {
  const out: NamedCombination[] = [];
  for (const [purpose, entry] of Object.entries(section)) {
    out.push({ purpose, locale: undefined, country: undefined });
    for (const locale of Object.keys(entry.locales ?? {})) out.push({ purpose, locale, country: undefined });
    for (const country of Object.keys(entry.countries ?? {})) out.push({ purpose, locale: undefined, country });
  }
  return out;
}
