import { defineCatalog } from '../define-catalog';

export const applicationMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
