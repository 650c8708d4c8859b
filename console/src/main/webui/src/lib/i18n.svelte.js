// Every text of the console goes through t(): Portuguese (Brazil) first, English second, both with the same keys.
import pt from '../i18n/pt-BR.json';
import en from '../i18n/en.json';

export const dictionaries = { 'pt-BR': pt, en };
const STORED = 'ft9.locale';

function preferred() {
  const saved = localStorage.getItem(STORED);
  if (saved && dictionaries[saved]) return saved;
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'pt-BR';
  return first.toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
}

export const i18n = $state({ locale: preferred() });
document.documentElement.lang = i18n.locale;

/** The text for a key in the chosen language, with {name} placeholders filled in. */
export function t(key, params = {}) {
  const text = dictionaries[i18n.locale][key] ?? dictionaries['pt-BR'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

export function setLocale(locale) {
  if (!dictionaries[locale]) return;
  i18n.locale = locale;
  localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
}
