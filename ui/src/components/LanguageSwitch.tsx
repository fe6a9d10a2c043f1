// Visible language switch (Dansk / English). Each language name is written in
// its own language and marked with lang, so screen readers pronounce it right.
import { LANGS, getLang, setLang, t } from '../i18n';

export function LanguageSwitch() {
  const current = getLang();
  return (
    <nav class="language-switch" aria-label={t('lang.switcher.label')}>
      <ul class="function-link-wrapper">
        {LANGS.map((lang) => (
          <li key={lang}>
            <button
              type="button"
              class="function-link"
              lang={lang}
              aria-pressed={lang === current}
              onClick={() => setLang(lang)}
            >
              {t(lang === 'da' ? 'lang.da' : 'lang.en')}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
