import { defineCatalog } from '../define-catalog';

export const governanceMessages = defineCatalog({
  nb: {},
  nn: {},
  en: {},
});
