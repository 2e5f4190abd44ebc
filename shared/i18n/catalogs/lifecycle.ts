import { defineCatalog } from '../define-catalog';

export const lifecycleMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
