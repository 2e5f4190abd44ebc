import { defineCatalog } from '../define-catalog';

export const classificationMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
