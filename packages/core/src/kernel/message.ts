import { IntlMessageFormat } from 'intl-messageformat';
import { plainFormatter } from './plain-format.js';

/**
 * Text is never the contract. Everything Gongfu says to a person — a refusal, a reminder, an access
 * explanation, a duplicate explanation — is a stable key with parameters, rendered by a locale's
 * catalogue. Apps branch on `key`; people read the rendered text.
 *
 * Templates are ICU MessageFormat (`{name}`, `{count, plural, one {# lead} other {# leads}}`,
 * `{kind, select, a {…} other {…}}`), rendered with `intl-messageformat`. A parameter may itself be
 * a message (a stage's label, the action that was refused): it is rendered in the same locale first.
 * A list of them (the grants behind an access explanation) is joined the locale's way ("a, b, and
 * c", "a、b和c") with `Intl.ListFormat`.
 */
export type MessageParam = string | number | Message | readonly (string | Message)[];
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  /** Stable, dotted, e.g. `lead.gate.hasCompany`. Never changes once published. */
  readonly key: string;
  readonly params: MessageParams;
  /**
   * What is said when no catalogue defines `key`. Gongfu names some keys it has no words for — an
   * app's own product category (`duplicate.product.tablet`) or customer kind — so the app can give
   * them words in its `messages`; until it does, this message (the category as entered) is shown.
   */
  readonly fallback?: Message;
}

export function message(key: string, params: MessageParams = {}, fallback?: Message): Message {
  return fallback === undefined ? { key, params } : { key, params, fallback };
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

/**
 * Built-in renderings by locale, key and parameters. The built-in texts never change once loaded,
 * so the same message renders the same text; a reminder's stored English text is rendered on every
 * write to its subject (a logged contact re-renders the unchanged follow-up reminder), and ICU
 * formatting costs tens of microseconds where the lookup costs one.
 */
const RENDERED_BUILT_IN = new Map<string, string>();
const RENDERED_LIMIT = 2000;

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
  // A nested key defined only now renders differently from before: forget what was rendered.
  RENDERED_BUILT_IN.clear();
  return definitions;
}

/**
 * A `message()` limited to the keys of one set of definitions: a mistyped key is a compile error,
 * and the definitions are referenced (so no bundler drops the module that declares them).
 * @example
 * ```ts
 * const say = messagesOf(LEAD_MESSAGES);
 * say('lead.gate.hasCompany');
 * ```
 */
export function messagesOf<const D extends MessageDefinitions>(definitions: D) {
  return (key: keyof D & string, params: MessageParams = {}): Message => {
    if (!Object.hasOwn(definitions, key)) throw new Error(`message ${key} is not defined`);
    return { key, params };
  };
}

/** Whether a key names a built-in message (a schema's issue text may be one: see `zodMessage`). */
export function isDefinedMessage(key: string): boolean {
  return BUILT_IN.has(key);
}

/** Every built-in message definition, for catalogue building and the completeness test. */
export function builtInMessages(): MessageDefinitions {
  return Object.fromEntries(BUILT_IN);
}

/** A message rendered from the built-in texts alone (English unless told otherwise). */
export function renderBuiltIn(msg: Message, locale: BuiltInLocale = 'en'): string {
  const id = identity(msg);
  const cacheKey = id === null ? null : `${locale}\u0000${id}`;
  if (cacheKey !== null) {
    const known = RENDERED_BUILT_IN.get(cacheKey);
    if (known !== undefined) return known;
  }
  const text = render(msg, [locale], (key) => BUILT_IN.get(key)?.[locale] ?? BUILT_IN.get(key)?.en);
  if (cacheKey !== null) {
    if (RENDERED_BUILT_IN.size >= RENDERED_LIMIT) RENDERED_BUILT_IN.clear();
    RENDERED_BUILT_IN.set(cacheKey, text);
  }
  return text;
}

/**
 * A message's key and parameters as one string, or null when a parameter is not text, a number, a
 * message or a list of those (such a message is rendered afresh every time).
 */
function identity(msg: Message, depth = 0): string | null {
  if (depth > 8 || typeof msg.params !== 'object' || msg.params === null) return null;
  let out = `${msg.key}(`;
  for (const name of Object.keys(msg.params)) {
    const part = paramIdentity(msg.params[name], depth);
    if (part === null) return null;
    out += `${name}=${part};`;
  }
  if (msg.fallback === undefined) return `${out})`;
  const otherwise = identity(msg.fallback, depth + 1);
  return otherwise === null ? null : `${out})|${otherwise}`;
}

function paramIdentity(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `n${value}`;
  if (Array.isArray(value)) {
    let out = '[';
    for (const item of value) {
      const part = paramIdentity(item, depth + 1);
      if (part === null) return null;
      out += `${part},`;
    }
    return `${out}]`;
  }
  return isMessage(value) ? identity(value, depth + 1) : null;
}

/** What errors and explanations accept while texts move to keys: a plain sentence or a message. */
export type Text = string | Message;

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Message).key === 'string' &&
    typeof (value as Message).params === 'object'
  );
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

/**
 * The catalogue a locale reads from: its own, else one of the same language (`zh` and `zh-Hans-CN`
 * read `zh-CN`, `en-GB` reads `en`), else English.
 */
export function resolveLocale(locale: Locale, catalogues: MessageCatalogues): string {
  return localeChain(locale, catalogues)[0]!;
}

/** Fallback chains by catalogues and locale: a chain is worked out once, not on every render. */
const CHAINS = new WeakMap<MessageCatalogues, Map<string, readonly string[]>>();

/**
 * The catalogues a locale's texts are looked up in, in order: the tag itself and each shorter
 * prefix of it (`zh-Hant-TW`, `zh-Hant`, `zh`), then the other catalogues of the same language in
 * the order given (built-in ones first, so `zh-TW` falls back to `zh-CN`), then English. A text an
 * app-added locale lacks thus reads as its own language before it reads as English.
 */
export function localeChain(locale: Locale, catalogues: MessageCatalogues): readonly string[] {
  let byLocale = CHAINS.get(catalogues);
  if (byLocale === undefined) {
    byLocale = new Map();
    CHAINS.set(catalogues, byLocale);
  }
  const known = byLocale.get(locale);
  if (known !== undefined) return known;
  const chain: string[] = [];
  const tags = Object.keys(catalogues);
  // Tags match whatever their case (`zh-tw` is `zh-TW`, RFC 5646 §2.1.1).
  const add = (wanted: string) => {
    const tag = tags.find((t) => t.toLowerCase() === wanted.toLowerCase());
    if (tag !== undefined && !chain.includes(tag)) chain.push(tag);
  };
  const parts = locale.split('-');
  for (let n = parts.length; n > 0; n--) add(parts.slice(0, n).join('-'));
  const language = parts[0]?.toLowerCase();
  for (const tag of tags) if (tag.split('-')[0]?.toLowerCase() === language) add(tag);
  add('en');
  if (!chain.includes('en')) chain.push('en');
  if (byLocale.size < 256) byLocale.set(locale, chain);
  return chain;
}

/**
 * Renders a message: the first template along the locale's chain (`localeChain`: its own, its
 * language's, English), else the key itself (so a missing text is visible, never an empty string).
 * A parameter the message lacks stays as `{name}`. Never throws: a template that does not parse (an
 * app's typo) is filled plainly instead.
 */
export function renderMessage(msg: Message, locale: Locale, catalogues: MessageCatalogues): string {
  const chain = localeChain(locale, catalogues);
  return render(msg, chain, (key) => {
    for (const tag of chain) {
      const template = own(catalogues[tag], key);
      if (template !== undefined) return template;
    }
    return BUILT_IN.get(key)?.en;
  });
}

/** The parameter a tenant label's words in an app-added language travel as: `in:ja`, `in:zh-tw`. */
export const wordsParam = (locale: string): string => `in:${locale.toLowerCase()}`;

/** The key of a tenant's own words (`bilingual` in kernel-messages.ts builds such a message). */
const WORDS_KEY = 'text.bilingual';

/**
 * A tenant label's words in the reader's app-added language, looked up along the reader's chain up
 * to the first built-in locale (whose words the `text.bilingual` template itself shows).
 */
function addedWords(params: MessageParams, chain: readonly string[]): string | undefined {
  for (const tag of chain) {
    if ((BUILT_IN_LOCALES as readonly string[]).includes(tag)) return undefined;
    const words = params[wordsParam(tag)];
    if (typeof words === 'string') return words;
  }
  return undefined;
}

const own = (templates: LocaleTemplates | undefined, key: string): string | undefined =>
  templates && Object.hasOwn(templates, key) ? templates[key] : undefined;

function render(
  msg: Message,
  chain: readonly string[],
  lookup: (key: string) => string | undefined,
  depth = 0,
): string {
  const locale = chain[0]!;
  if (msg.key === WORDS_KEY) {
    const words = addedWords(msg.params ?? {}, chain);
    if (words !== undefined) return words;
  }
  const template = lookup(msg.key);
  if (template === undefined)
    return msg.fallback !== undefined && depth < 24
      ? render(msg.fallback, chain, lookup, depth + 1)
      : msg.key;
  const values: Record<string, string | number> = {};
  // Nested messages render in the same locale; the depth bound stops a message that names itself.
  const nested = (value: unknown): string | number =>
    isMessage(value)
      ? depth < 24
        ? render(value, chain, lookup, depth + 1)
        : value.key
      : typeof value === 'number' || typeof value === 'string'
        ? value
        : String(value);
  for (const [name, value] of Object.entries(msg.params ?? {})) {
    values[name] = Array.isArray(value)
      ? listFormat(locale).format(value.map((v) => String(nested(v))))
      : nested(value);
  }
  const format = compiled(template, locale);
  if (format === null) return fill(template, values);
  for (const name of format.params) if (!Object.hasOwn(values, name)) values[name] = `{${name}}`;
  const plain = format.plain?.(values);
  if (plain !== undefined) return plain;
  try {
    return String(format.icu.format(values));
  } catch {
    return fill(template, values);
  }
}

const LISTS = new Map<string, Intl.ListFormat>();

function listFormat(locale: string): Intl.ListFormat {
  let format = LISTS.get(locale);
  if (!format) {
    try {
      format = new Intl.ListFormat(locale, { type: 'conjunction' });
    } catch {
      format = new Intl.ListFormat('en', { type: 'conjunction' });
    }
    LISTS.set(locale, format);
  }
  return format;
}

interface Compiled {
  readonly icu: IntlMessageFormat;
  readonly params: readonly string[];
  /** The same formatting without ICU's per-call machinery, for templates of text, arguments, plural and select. */
  readonly plain: ReturnType<typeof plainFormatter>;
}

/**
 * Parsing a template costs far more than formatting it: each (locale, template) is parsed once.
 * By locale, then by the template itself: a template is one of a few interned strings, so the
 * look-up hashes nothing new (a joined key was built and hashed on every render).
 */
const COMPILED = new Map<string, Map<string, Compiled | null>>();
let compiledCount = 0;

function compiled(template: string, locale: string): Compiled | null {
  let byTemplate = COMPILED.get(locale);
  if (byTemplate === undefined) {
    byTemplate = new Map();
    COMPILED.set(locale, byTemplate);
  }
  let found = byTemplate.get(template);
  if (found === undefined) {
    try {
      const icu = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
      found = { icu, params: paramsOf(icu.getAst()), plain: plainFormatter(icu.getAst(), locale) };
    } catch {
      found = null;
    }
    if (compiledCount > 5000) {
      COMPILED.clear();
      compiledCount = 0;
      byTemplate = new Map();
      COMPILED.set(locale, byTemplate);
    }
    byTemplate.set(template, found);
    compiledCount++;
  }
  return found;
}

type AstNode = ReturnType<IntlMessageFormat['getAst']>[number];

/** Argument names of a parsed template, including those inside plural and select branches. */
function paramsOf(nodes: readonly AstNode[], into: string[] = []): string[] {
  for (const node of nodes) {
    const named = node as { value?: unknown; options?: Record<string, { value: AstNode[] }> };
    // Literal (0) and pound (7) nodes carry text, not an argument; tags (8) are off (ignoreTag).
    if (
      node.type !== 0 &&
      node.type !== 7 &&
      typeof named.value === 'string' &&
      !into.includes(named.value)
    ) {
      into.push(named.value);
    }
    for (const option of Object.values(named.options ?? {})) paramsOf(option.value, into);
  }
  return into;
}

const PLAIN_PARAM = /\{(\w+)\}/g;

function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLAIN_PARAM, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * The parameter names a template uses (plural and select arguments included), for the catalogue
 * completeness test; a template that does not parse as ICU is read for plain `{name}`s.
 */
export function templateParams(template: string): string[] {
  const format = compiled(template, 'en');
  return format ? [...format.params] : [...template.matchAll(PLAIN_PARAM)].map((m) => m[1]!);
}

/** Whether a template parses as ICU MessageFormat (the catalogue test requires it of every text). */
export function isValidTemplate(template: string): boolean {
  return compiled(template, 'en') !== null;
}

/**
 * What is wrong with a set of definitions, for a catalogue test: a text missing in a built-in
 * locale, a template that does not parse as ICU, or a parameter one locale names and another does
 * not (a parameter given but unused, or used but never given, in some language). Empty when sound.
 */
export function catalogueProblems(definitions: MessageDefinitions): string[] {
  const problems: string[] = [];
  for (const [key, texts] of Object.entries(definitions)) {
    const params = new Map<BuiltInLocale, string[]>();
    for (const locale of BUILT_IN_LOCALES) {
      const text = texts[locale];
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push(`${key}: no ${locale} text`);
        continue;
      }
      if (!isValidTemplate(text)) problems.push(`${key}: the ${locale} text is not ICU MessageFormat`);
      params.set(locale, templateParams(text).sort());
    }
    const all = [...new Set([...params.values()].flat())];
    for (const [locale, used] of params) {
      const missing = all.filter((p) => !used.includes(p));
      if (missing.length > 0)
        problems.push(`${key}: the ${locale} text does not use {${missing.join('}, {')}}`);
    }
  }
  return problems;
}
