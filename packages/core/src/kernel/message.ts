/**
 * Text is never the contract. Everything Gongfu says to a person — a refusal, a reminder, an access
 * explanation, a duplicate explanation — is a stable key with parameters, rendered by a locale's
 * catalogue. Apps branch on `key`; people read the rendered text.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  /** Stable, dotted, e.g. `lead.gate.hasCompany`. Never changes once published. */
  readonly key: string;
  readonly params: MessageParams;
}

export function message(key: string, params: MessageParams = {}): Message {
  return { key, params };
}

/** The locales every message ships in. An app may add others (or override texts) per service. */
export const BUILT_IN_LOCALES = ['zh-CN', 'en'] as const;
export type BuiltInLocale = (typeof BUILT_IN_LOCALES)[number];
/** A BCP 47 tag such as `zh-CN` or `en`; anything else falls back to English. */
export type Locale = BuiltInLocale | (string & {});

/** One message in every built-in locale. Templates name parameters in braces: `{company}`. */
export type MessageTexts = Readonly<Record<BuiltInLocale, string>>;
export type MessageDefinitions = Readonly<Record<string, MessageTexts>>;

/** Templates of one locale by key; what an app passes to add a locale or override texts. */
export type LocaleTemplates = Readonly<Record<string, string>>;
export type MessageCatalogues = Readonly<Record<string, LocaleTemplates>>;

/**
 * Every message the package defines, by key. Filled once at module load by `defineMessages` and
 * never changed afterwards, so two services share it safely; per-service texts (an app's added
 * locale or overrides) live in the catalogues a service builds, not here.
 */
const BUILT_IN = new Map<string, MessageTexts>();

/** Declares messages beside the code that uses them; the keys stay literal for typed lookups. */
export function defineMessages<const D extends MessageDefinitions>(definitions: D): D {
  for (const [key, texts] of Object.entries(definitions)) {
    const known = BUILT_IN.get(key);
    // Two modules defining one key differently would make a text depend on import order.
    if (known && (known.en !== texts.en || known['zh-CN'] !== texts['zh-CN'])) {
      throw new Error(`message ${key} is defined twice with different texts`);
    }
    BUILT_IN.set(key, texts);
  }
  return definitions;
}

/** Every built-in message definition, for catalogue building and the completeness test. */
export function builtInMessages(): MessageDefinitions {
  return Object.fromEntries(BUILT_IN);
}

/** A message rendered from the built-in texts alone (English unless told otherwise). */
export function renderBuiltIn(msg: Message, locale: BuiltInLocale = 'en'): string {
  const template = BUILT_IN.get(msg.key)?.[locale] ?? BUILT_IN.get(msg.key)?.en ?? msg.key;
  return fill(template, msg.params);
}

/** What errors and explanations accept while texts move to keys: a plain sentence or a message. */
export type Text = string | Message;

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';
}

/** Splits definitions into per-locale catalogues and lays app overrides on top. */
export function buildCatalogues(
  definitions: readonly MessageDefinitions[],
  overrides: MessageCatalogues = {},
): MessageCatalogues {
  const out: Record<string, Record<string, string>> = {};
  for (const locale of BUILT_IN_LOCALES) out[locale] = {};
  for (const defs of definitions) {
    for (const [key, texts] of Object.entries(defs)) {
      for (const locale of BUILT_IN_LOCALES) out[locale]![key] = texts[locale];
    }
  }
  for (const [locale, templates] of Object.entries(overrides)) {
    out[locale] = { ...(out[locale] ?? {}), ...templates };
  }
  return out;
}

const PARAM = /\{(\w+)\}/g;

/**
 * Renders a message: the locale's template, else English, else the key itself (so a missing text is
 * visible, never an empty string). A parameter the message lacks stays as `{name}`.
 */
export function renderMessage(msg: Message, locale: Locale, catalogues: MessageCatalogues): string {
  const template =
    catalogues[locale]?.[msg.key] ?? catalogues.en?.[msg.key] ?? BUILT_IN.get(msg.key)?.en ?? msg.key;
  return fill(template, msg.params);
}

function fill(template: string, params: MessageParams): string {
  return template.replace(PARAM, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The parameter names a template uses, for the catalogue completeness test. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(PARAM)].map((m) => m[1]!);
}
