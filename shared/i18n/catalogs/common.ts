import { defineCatalog } from '../define-catalog';

export const commonMessages = defineCatalog({
  nb: {
    'common.appName': 'Beslutningsflyt',
    'common.nivaa': 'Nivå {nivaa}',
  },
  nn: {
    'common.appName': 'Beslutningsflyt',
    'common.nivaa': 'Nivå {nivaa}',
  },
  en: {
    'common.appName': 'Beslutningsflyt',
    'common.nivaa': 'Level {nivaa}',
  },
});
