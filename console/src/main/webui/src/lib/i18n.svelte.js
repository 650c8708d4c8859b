// Every text of the console goes through t(): Portuguese (Brazil) first, English second, both with the same keys.
// Portuguese is in the page; English is fetched the first time it is chosen (until then Portuguese shows), so that
// most users do not download a dictionary they never read.
import pt from '../i18n/pt-BR.json';

const LOADERS = { en: () => import('../i18n/en.json') };
export const dictionaries = $state({ 'pt-BR': pt });
const STORED = 'ft9.locale';
const LOCALES = ['pt-BR', 'en'];

function load(locale) {
  if (dictionaries[locale] || !LOADERS[locale]) return;
  LOADERS[locale]().then((module) => (dictionaries[locale] = module.default)).catch(() => {});
}

function preferred() {
  const saved = localStorage.getItem(STORED);
  if (saved && LOCALES.includes(saved)) return saved;
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'pt-BR';
  return first.toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
}

export const i18n = $state({ locale: preferred() });
document.documentElement.lang = i18n.locale;
load(i18n.locale);

/**
 * The text for a key in the chosen language, with {name} placeholders filled in. A {count} of 1 picks the key's singular
 * form where it has one ("1 execução", "1 run"); both languages say every other count, 0 too, in the plural.
 */
export function t(key, params = {}) {
  const text = (params.count === 1 ? lookup(`${key}.one`) : undefined) ?? lookup(key) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

function lookup(key) {
  return dictionaries[i18n.locale]?.[key] ?? dictionaries['pt-BR'][key];
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return;
  load(locale);
  i18n.locale = locale;
  localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
}
