// The verb lists live in shared/verbs.ts: the client's resolution detection reads them too, and
// it may import nothing of the server.
export * from '../../../shared/verbs';
