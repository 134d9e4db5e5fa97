import { describeFuzz } from '@gongfu/service-suites';
import { dropFuzzLeftovers } from './fuzz-storage.js';

// The child opens its own schema (server) or its own PGlite: nothing to open here.
describeFuzz({
  storageModule: new URL('./fuzz-storage.ts', import.meta.url),
  ciSize: 2000,
  dropLeftovers: dropFuzzLeftovers,
});
