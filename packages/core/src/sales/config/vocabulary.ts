import { z } from 'zod';
import {
  type activityKindSchema,
  CUSTOMER_FACING_KINDS,
  type costCategorySchema,
  type leadSourceSchema,
  vocabularyKeySchema,
} from '../../domain/enums.js';
import { closestKey } from '../../kernel/did-you-mean.js';
import { type FieldIssue, fieldIssue } from '../../kernel/errors.js';
import { zodMessage } from '../../kernel/input-messages.js';
import type { BilingualText } from '../../kernel/kernel-messages.js';
import { sayConfig } from './config-messages.js';

/** The tenant's own lists: what inputs may name as a lead's source, an activity's kind, a cost's category. */
export const VOCABULARY_NAMES = ['leadSources', 'activityKinds', 'costCategories'] as const;
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

/** One entry of a tenant's list, as `config.get` returns it and `config.update` takes it. */
export interface VocabularyEntry<K extends string = string> {
  key: K;
  /** What people read, in both built-in locales and any the app adds. */
  label: BilingualText;
  /** An inactive key is refused on new writes; records that carry it keep it and stay readable. */
  active: boolean;
}

const labelText = z.string().trim().min(1).max(80);

/** An app-added language a label may carry besides the built-in two; more is a mistake, not a need. */
const MAX_LABEL_LANGUAGES = 24;

/**
 * A label in both built-in languages, and in any language the app adds (`{ 'zh-CN', en, ja }`), as
 * list entries and pipeline stages take it. An added language is keyed by its canonical BCP 47 tag,
 * so `zh-tw` is refused with "write it as zh-TW" rather than stored beside a `zh-TW` it would shadow.
 */
export const bilingualLabelSchema = z
  .object({ 'zh-CN': labelText, en: labelText })
  .catchall(labelText)
  .superRefine((label, ctx) => {
    const tags = Object.keys(label);
    if (tags.length > MAX_LABEL_LANGUAGES + 2)
      ctx.addIssue({
        code: 'custom',
        ...zodMessage(sayConfig('config.invalid.labelLanguages', { max: MAX_LABEL_LANGUAGES })),
      });
    for (const tag of tags) {
      if (tag === 'en' || tag === 'zh-CN') continue;
      const canonical = canonicalTag(tag);
      if (canonical === tag) continue;
      ctx.addIssue({
        code: 'custom',
        ...zodMessage(
          canonical === undefined
            ? sayConfig('config.invalid.labelLanguage', { key: tag })
            : sayConfig('config.invalid.labelLanguageSpelling', { key: tag, canonical }),
        ),
        path: [tag],
      });
    }
  });

/** A language tag as BCP 47 spells it (`zh-tw` → `zh-TW`), or undefined when it is not one. */
function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

const entrySchema = z.strictObject({
  key: vocabularyKeySchema,
  label: bilingualLabelSchema,
  active: z.boolean().default(true),
});

/** A list as a tenant declares it: each key once, at least one of them active. */
export const vocabularySchema = z
  .array(entrySchema)
  .min(1)
  .max(200)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.key))
        ctx.addIssue({
          code: 'custom',
          ...zodMessage(sayConfig('config.invalid.listedTwice', { key: e.key })),
          path: [i, 'key'],
        });
      seen.add(e.key);
    });
    if (!entries.some((e) => e.active))
      ctx.addIssue({ code: 'custom', ...zodMessage(sayConfig('config.invalid.noneActive')) });
  });
export type VocabularyInput = z.input<typeof vocabularySchema>;

const entry = <K extends string>(key: K, zh: string, en: string): VocabularyEntry<K> => ({
  key,
  label: { 'zh-CN': zh, en },
  active: true,
});

/** Today's constants (`leadSourceSchema`, `activityKindSchema`, `costCategorySchema`), labelled. */
export const BUILT_IN_VOCABULARIES: Record<VocabularyName, readonly VocabularyEntry[]> = {
  leadSources: [
    entry('inbound_call', '来电', 'Inbound call'),
    entry('referral', '转介绍', 'Referral'),
    entry('customer_revisit', '老客户回访', 'Returning customer'),
    entry('marketing_event', '市场活动', 'Marketing event'),
    entry('web', '网站', 'Website'),
    entry('other', '其他', 'Other'),
  ] satisfies VocabularyEntry<z.infer<typeof leadSourceSchema>>[],
  activityKinds: [
    entry('call', '电话', 'Call'),
    entry('visit', '拜访', 'Visit'),
    entry('meeting', '会议', 'Meeting'),
    entry('demo_loan', '样机借用', 'Demo loan'),
    entry('email', '邮件', 'Email'),
    entry('task', '任务', 'Task'),
  ] satisfies VocabularyEntry<z.infer<typeof activityKindSchema>>[],
  costCategories: [
    entry('travel', '差旅', 'Travel'),
    entry('entertainment', '招待', 'Entertainment'),
    entry('samples_demo_units', '样品及样机', 'Samples and demo units'),
    entry('bid_fees', '投标费用', 'Bid fees'),
    entry('other', '其他', 'Other'),
  ] satisfies VocabularyEntry<z.infer<typeof costCategorySchema>>[],
};

/** The quiet-customer rule's default: the activity kinds that count as contact with the customer. */
export const BUILT_IN_CONTACT_KINDS: readonly string[] = CUSTOMER_FACING_KINDS;

/**
 * A saved list replacing `before`: a key that was there and is left out is kept, deactivated. Keys
 * are never removed, so every record that carries one stays readable with its label, and removing
 * a key in use needs no scan of the records.
 */
export function keepRetiredKeys(
  before: readonly VocabularyEntry[],
  next: readonly VocabularyEntry[],
): VocabularyEntry[] {
  const named = new Set(next.map((e) => e.key));
  return [...next, ...before.filter((e) => !named.has(e.key)).map((e) => ({ ...e, active: false }))];
}

/**
 * Why `key` may not be written at `field` of list `name` (unknown, with the closest active key; or
 * retired), or null when it is active.
 */
export function vocabularyIssue(
  entries: readonly VocabularyEntry[],
  name: VocabularyName,
  key: string,
  field: string,
): FieldIssue | null {
  const found = entries.find((e) => e.key === key);
  if (found?.active) return null;
  if (found) return fieldIssue(field, sayConfig('config.invalid.retiredKey', { key, list: name }));
  const guess = closestKey(
    key,
    entries.filter((e) => e.active).map((e) => e.key),
  );
  return fieldIssue(
    field,
    guess
      ? sayConfig('config.invalid.unknownKeyGuess', { key, list: name, guess })
      : sayConfig('config.invalid.unknownKey', { key, list: name }),
  );
}
