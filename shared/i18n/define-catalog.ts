import type { Language } from '../kernel/ids';

/**
 * A catalog area: the nb catalog defines the keys; nn and en must have exactly the same keys
 * (the type makes a missing translation a compile error). Values may contain `{name}` params.
 */
export function defineCatalog<const K extends string>(catalog: {
  nb: Record<K, string>;
  nn: NoInfer<Record<K, string>>;
  en: NoInfer<Record<K, string>>;
}): Record<Language, Record<K, string>> {
  return catalog;
}
