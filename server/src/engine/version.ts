// The engine's version, stored with caches of its output (server/src/node/indexCache.ts) so that
// an upgrade does not reuse summaries an older parser made. Equal to package.json's version (a
// unit test checks): a release that changes parsing or summarize() changes the version anyway.
export const ENGINE_VERSION = '0.1.0';
