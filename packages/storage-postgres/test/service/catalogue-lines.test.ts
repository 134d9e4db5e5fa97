import { describeCatalogueLines } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeCatalogueLines(openServiceStorage);
