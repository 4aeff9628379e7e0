import { describe, expect, it } from 'vitest';
import { deepLink, deepLinkFragment } from './deep-link';

describe('deep links', () => {
  it('open the page fragment they were made from', () => {
    const hash = '#organizations?sector=pe_energy&sort=legal_name&dir=asc&where=%5B%5D';
    expect(deepLink(hash)).toBe(
      'sector-studio://organizations?sector=pe_energy&sort=legal_name&dir=asc&where=%5B%5D',
    );
    expect(deepLinkFragment(deepLink(hash))).toBe(hash.slice(1));
    // As some shells pass them: a slash after the section, the scheme in capitals.
    expect(deepLinkFragment('SECTOR-STUDIO://cache/')).toBe('cache');
    expect(deepLinkFragment('sector-studio://organizations/?status=active')).toBe(
      'organizations?status=active',
    );
  });

  it('refuse anything that is not one', () => {
    for (const url of [
      'https://example.com/#organizations',
      'sector-studio:organizations',
      'sector-studio://../etc/passwd',
      'sector-studio://organizations#x',
      'sector-studio://organizations?a b',
      'sector-studio://javascript:alert(1)',
      `sector-studio://organizations?q=${'x'.repeat(9000)}`,
      '--inspect=9229',
    ]) {
      expect(deepLinkFragment(url), url).toBeNull();
    }
  });
});
