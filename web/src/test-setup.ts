// Vitest runs in node: a Map-backed localStorage and sessionStorage for the modules that read them at load.
const storage = (): Storage => {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
};
globalThis.localStorage ??= storage();
globalThis.sessionStorage ??= storage();
