/**
 * Handlers are `makeHandler(deps)`; production deps come from `lazy(() => ...)` so importing a
 * handler module (as tests do, to reach makeHandler) never needs AWS configuration, while a
 * Lambda builds its clients once, on the first event of the container.
 */
export type Deps<T> = T | (() => T);

export function resolveDeps<T>(deps: Deps<T>): () => T {
  if (typeof deps !== 'function') return () => deps;
  let value: T | undefined;
  return () => {
    value ??= (deps as () => T)();
    return value;
  };
}
