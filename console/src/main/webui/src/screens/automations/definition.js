// What the console knows of an automation's definition: the fields of each trigger and step type the engine checks, and
// where the engine's problems (named by path, e.g. steps[1].then[0].template.name) belong.

export const TRIGGERS = ['message_received', 'webhook', 'scheduled', 'conversation_closed', 'contact_created', 'payment_succeeded',
  'payment_failed', 'subscription_changed'];
export const MATCHES = ['any', 'first_message', 'keyword', 'regex'];
export const HOURS = ['any', 'within', 'outside'];
export const OPERATORS = ['equals', 'not_equals', 'contains', 'regex', 'gt', 'lt', 'exists'];

/** Each step type's fields: a dotted key into the step, and how it is typed. */
export const STEP_FIELDS = {
  send_whatsapp: [{ key: 'text', kind: 'textarea' }, { key: 'template.name' }, { key: 'template.language' },
    { key: 'template.parameters', kind: 'list' }],
  send_email: [{ key: 'to' }, { key: 'subject' }, { key: 'body', kind: 'textarea' }],
  call_webhook: [{ key: 'url', kind: 'url' }, { key: 'method', kind: 'select', options: ['POST', 'GET', 'PUT'] },
    { key: 'body', kind: 'textarea' }],
  ai_generate: [{ key: 'question', kind: 'textarea' }, { key: 'as' }],
  delay: [{ key: 'minutes', kind: 'number' }, { key: 'hours', kind: 'number' }, { key: 'days', kind: 'number' }],
  set_contact_field: [{ key: 'field' }, { key: 'value' }],
  add_tag: [{ key: 'tag' }],
  handoff_to_human: [{ key: 'reason', kind: 'phrase' }, { key: 'message', kind: 'textarea' }],
  branch: [],
};
export const STEP_TYPES = Object.keys(STEP_FIELDS);

/** A new step of a type, with what the engine needs to accept it once filled in. */
export function newStep(type) {
  if (type === 'branch') return { type, if: { all: [{ field: 'trigger.text', op: 'contains', value: '' }] }, then: [], else: [] };
  if (type === 'delay') return { type, minutes: 10 };
  return { type };
}

export function read(object, key) {
  return key.split('.').reduce((at, part) => (at == null ? undefined : at[part]), object);
}

/** Writes a key of one or two parts (template.name); an emptied field is removed, and so is a template left empty. */
export function write(object, key, value) {
  const [head, tail] = key.split('.');
  const empty = value === '' || value == null || (Array.isArray(value) && value.length === 0);
  if (!tail) {
    if (empty) delete object[head];
    else object[head] = value;
    return;
  }
  const inner = { ...(object[head] ?? {}) };
  if (empty) delete inner[tail];
  else inner[tail] = value;
  if (Object.keys(inner).length) object[head] = inner;
  else delete object[head];
}

/** The problems of exactly this path. */
export function problemsAt(problems, path) {
  return problems.filter((p) => p.field === path).map((p) => p.message);
}

/** The conditions as a list of simple ones joined by "all", when they have that shape; null when only raw editing fits. */
export function simpleConditions(conditions) {
  if (conditions == null) return [];
  const list = conditions.all ?? (conditions.field ? [conditions] : null);
  return list && list.every((c) => c.field !== undefined && !c.all && !c.any) ? list : null;
}

/**
 * The definition in the shape the form edits: conditions and each branch's "if" as {all: [...]}, branches with their
 * lists. Null when some part only the raw editor can show (groups inside groups, "any").
 */
export function forForm(definition) {
  const copy = JSON.parse(JSON.stringify(definition ?? {})); // the form's state is a proxy structuredClone refuses
  copy.trigger ??= { type: 'message_received' };
  copy.steps ??= [];
  const conditions = simpleConditions(copy.conditions);
  if (conditions === null) return null;
  if (conditions.length) copy.conditions = { all: conditions };
  else delete copy.conditions;
  const branchesFit = (steps) => steps.every((step) => {
    if (step.type !== 'branch') return true;
    const ifs = simpleConditions(step.if);
    if (!ifs || !ifs.length) return false;
    step.if = { all: ifs };
    step.then ??= [];
    step.else ??= [];
    return branchesFit(step.then) && branchesFit(step.else);
  });
  return branchesFit(copy.steps) ? copy : null;
}

/** The definition the form holds, as the API takes it: no empty conditions. */
export function fromForm(definition) {
  const copy = JSON.parse(JSON.stringify(definition));
  if (!copy.conditions?.all?.length) delete copy.conditions;
  return copy;
}
