// Types of build.mjs, for the benchmark that builds before timing `npm start`.
export function isStale(): boolean;
export function build(): void;
/** Builds when stale; true if it did. */
export function buildIfStale(): boolean;
