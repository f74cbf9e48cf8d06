// The engine's version, stored with caches of its output (server/src/node/indexCache.ts) so that
// an upgrade does not reuse summaries an older parser made. Equal to package.json's version (a
// unit test checks): a release that changes parsing or summarize() changes the version anyway.
export const ENGINE_VERSION = '0.1.0';

/**
 * Raised whenever parsing or normalisation changes what a cached corpus would hold, between
 * releases (2: Traditional characters folded, flattened texts, every body's symbols).
 */
export const ENGINE_REVISION = 2;

/** What a cache records as the engine that made it. */
export const CACHE_ENGINE = `${ENGINE_VERSION}+${ENGINE_REVISION}`;
