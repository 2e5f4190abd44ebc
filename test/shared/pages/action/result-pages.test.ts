import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../../shared/email/format';
import { t } from '../../../../shared/i18n';
import { LANGUAGES } from '../../../../shared/kernel/ids';
import { LINK_PROBLEM_STATUS, linkProblemPage } from '../../../../shared/pages/action/result-pages';

const newerLink = {
  tokenHash: 'c'.repeat(64),
  sentAt: '2026-03-10T08:30:00.000Z',
  subject: 'Påminnelse: frist 16. mars 2026 i sak 2026-0007 <b>',
};

describe('the superseded-link page', () => {
  it('is a 410 page with one localized heading that says when and in which e-mail the newer link came', () => {
    expect(LINK_PROBLEM_STATUS.superseded).toBe(410);
    for (const lang of LANGUAGES) {
      const page = linkProblemPage('superseded', lang, newerLink);
      const heading = t(lang, 'pages.problem.superseded.heading');
      expect(page).toContain(`<html lang="${lang}"`);
      expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(page).toContain(`<h1 class="ds-heading" data-size="lg">${heading}</h1>`);
      expect(page).toMatch(new RegExp(`<title>${heading}`));
      expect(page).toContain(formatDateTime(newerLink.sentAt, lang));
      expect(page).toContain('Påminnelse: frist 16. mars 2026 i sak 2026-0007 &lt;b&gt;');
      expect(page).not.toContain('<b>');
    }
    expect(t('nn', 'pages.problem.superseded.heading')).not.toBe(t('en', 'pages.problem.superseded.heading'));
  });

  it('falls back to the general text when the newer link is not known', () => {
    expect(linkProblemPage('superseded', 'en')).toContain(t('en', 'pages.problem.superseded.body'));
  });
});
