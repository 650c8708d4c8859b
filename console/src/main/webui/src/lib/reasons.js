// The platform's own hand-off reasons arrive in English words; these are shown in the reader's language. A reason an
// organisation wrote in an automation is shown as written, except the starter template's, which an admin reads in
// Portuguese in the editor and an English reader in English in the inbox.
import { t } from './i18n.svelte.js';

const KNOWN = {
  'nothing relevant in the knowledge base': 'reason.noKnowledge',
  "the plan's monthly message quota is reached": 'reason.quota',
  "the plan's automation runs for this month are used up": 'reason.runsUsedUp',
  'the contact asked for a person': 'reason.askedForPerson',
  'o contato pediu para falar com uma pessoa': 'reason.askedForPerson',
};

export function reason(text) {
  return text && KNOWN[text] ? t(KNOWN[text]) : text || '';
}
