import { defineCatalog } from '../define-catalog';

export const emailMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
