// Entry of every sweep worker thread. Node does not hand the parent's TypeScript loader to worker
// threads (and refuses a .ts worker entry outright), so each worker registers tsx itself before it
// loads the TypeScript worker module. Kept as plain JavaScript because it runs before tsx exists.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
