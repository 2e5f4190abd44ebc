import { defineCatalog } from '../define-catalog';

export const errorMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
