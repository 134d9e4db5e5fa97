import { describeFuzz } from '@gongfu/service-suites';

describeFuzz({ storageModule: new URL('./fuzz-storage.ts', import.meta.url), ciSize: 8000 });
