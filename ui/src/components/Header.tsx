// Page header: DKFDS portal bar with the language switch, and the solution
// bar with the product name.
import { t } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  return (
    <header class="header">
      <div class="portal-info">
        <div class="container portal-info-inner">
          <LanguageSwitch />
        </div>
      </div>
      <div class="solution-info">
        <div class="container solution-info-inner">
          <div class="solution-heading">
            <a href="/">{t('app.name')}</a>
          </div>
          <p class="solution-tagline">{t('app.tagline')}</p>
        </div>
      </div>
    </header>
  );
}
