import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isDefinedMessage } from '../../src/index.js';

/**
 * Everything Gongfu says to a person is a message key rendered in zh-CN and en (issue 12.5). This
 * scan keeps it so: in the sources of core, import and reports it finds English sentences written
 * where a person reads them —
 * - an argument of `new …Error(…)` in a text position (the reason of a refusal, a conflict's
 *   sentence, any argument of a plain Error);
 * - a `message:` property (a ValidationError's issue, a zod refinement's or check's options);
 * - the message argument of a zod check (`.min(1, '…')`, `.regex(re, '…')`, `.refine(fn, '…')`).
 * A literal that is a defined message key is fine (that is how a schema names its sentence).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SCANNED = ['packages/core/src', 'packages/import/src', 'packages/reports/src'];

/**
 * Whole folders a person never reads from: the conformance kit is run by storage authors in their
 * test suites, and its failures are test failures.
 */
const SKIPPED_FOLDERS = ['packages/core/src/testing/'];

/**
 * Developer-only errors, each with why no salesperson or manager ever reads it. An entry no longer
 * found fails the test, so the list only shrinks with the code.
 */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  {
    file: 'packages/core/src/kernel/message.ts',
    text: 'is defined twice with different texts',
    why: 'a catalogue bug in the SDK itself, thrown at module load',
  },
  {
    file: 'packages/core/src/kernel/message.ts',
    text: 'is not defined',
    why: 'a mistyped key in SDK code (messagesOf), a programming error',
  },
  {
    file: 'packages/core/src/kernel/money.ts',
    text: 'cannot add',
    why: 'addMoney on two currencies is a programming error; inputs are checked by schemas first',
  },
  {
    file: 'packages/core/src/kernel/ports.ts',
    text: 'not a valid instant',
    why: "a test clock's start time, set by a developer",
  },
  {
    file: 'packages/core/src/kernel/errors.ts',
    text: 'is invalid',
    why: 'the English text of a ValidationError built without issues; its detail is input.invalid',
  },
  {
    file: 'packages/core/src/lifecycle/compile-machine.ts',
    text: 'names no gate',
    why: 'a state machine spec naming a missing gate: an SDK bug, thrown at module load',
  },
  {
    file: 'packages/core/src/lifecycle/compile-machine.ts',
    text: 'no transition candidate for',
    why: 'unreachable: every state and event of a compiled machine ends in an unguarded refusal',
  },
  {
    file: 'packages/core/src/lifecycle/effects.ts',
    text: 'unknown lifecycle effect',
    why: 'an exhaustive switch over the effect union; reached only by an SDK bug the types forbid',
  },
  {
    file: 'packages/core/src/sales/reminders/reminder-draft.ts',
    text: 'unknown reminder kind',
    why: 'an exhaustive switch over the reminder kinds; reached only by an SDK bug the types forbid',
  },
  {
    file: 'packages/reports/src/duplicates/em.ts',
    text: 'levels must hold one level per pair and comparison',
    why: "a RangeError for arrays built by the SDK's own fit (or a developer calling the EM directly)",
  },
  {
    file: 'packages/core/src/sales/reminders/reconcile.ts',
    text: 'duplicate desired reminder key',
    why: 'a reminder rule emitting one key twice is an SDK bug',
  },
  {
    file: 'packages/core/src/sales/quotas/quota-period.ts',
    text: 'not a quota period',
    why: 'called only on periods the schema already accepted',
  },
  {
    file: 'packages/core/src/sales/events/webhook-handler.ts',
    text: 'answered',
    why: "a webhook receiver's HTTP status, kept in the dead letter for the app's operators",
  },
  {
    file: 'packages/import/src/read-rows.ts',
    text: 'an import source needs a path or a stream',
    why: 'a TypeError for a call the types already forbid',
  },
  {
    file: 'packages/reports/src/duplicates/engine.ts',
    text: 'deal',
    why: "the duplicate index's own bookkeeping (indexing a deal twice, an unknown ordinal): SDK bugs",
  },
];

/**
 * Errors whose text is for operators, not salespeople: a storage failure wraps the driver's English
 * error; the command lines (import and reports) print usage in English beside the flags they name.
 */
const OPERATOR_ERRORS = new Set(['StorageError', 'UsageError']);
const OPERATOR_FOLDERS = ['packages/import/src/cli/', 'packages/reports/src/cli/'];

/** Which arguments of a CrmError carry text (the others are a record kind, an id, a state, an event). */
const TEXT_ARGUMENTS: Readonly<Record<string, readonly number[]>> = {
  CrmError: [1],
  PermissionDeniedError: [0, 1],
  InvalidTransitionError: [2],
  ConflictError: [1],
  NotFoundError: [],
  ConcurrencyError: [],
  ValidationError: [],
};

/** Zod checks and where their message argument sits. */
const ZOD_CHECKS: Readonly<Record<string, number>> = {
  refine: 1,
  regex: 1,
  min: 1,
  max: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  int: 0,
  positive: 0,
  nonnegative: 0,
  negative: 0,
  nonpositive: 0,
  email: 0,
  url: 0,
  uuid: 0,
  literal: 1,
};

/** English words a person would read: two Latin letters or more, not a message key. */
function isEnglishText(text: string): boolean {
  if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text) && isDefinedMessage(text)) return false;
  return /[A-Za-z]{2,}/.test(text);
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The static text of a string or template literal (the substitutions left out), else null. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

function scan(file: string, content = readFileSync(file, 'utf8')): Finding[] {
  const source = ts.createSourceFile(file, content, ts.ScriptTarget.Latest, true);
  const rel = relative(ROOT, file);
  const operator = OPERATOR_FOLDERS.some((f) => rel.startsWith(f));
  const found: Finding[] = [];
  const flag = (node: ts.Node | undefined) => {
    if (!node) return;
    const text = literalText(node);
    if (text !== null && isEnglishText(text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push({ file: rel, line: line + 1, text });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      if (name.endsWith('Error') && !OPERATOR_ERRORS.has(name) && !operator) {
        const args = node.arguments ?? [];
        const positions = TEXT_ARGUMENTS[name] ?? args.map((_, i) => i);
        for (const i of positions) flag(args[i]);
      }
    }
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === 'message' &&
      !operator
    ) {
      flag(node.initializer);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const at = ZOD_CHECKS[node.expression.name.text];
      if (at !== undefined) flag(node.arguments[at]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const allFindings = SCANNED.flatMap((dir) => sources(join(ROOT, dir)))
  .filter((file) => !SKIPPED_FOLDERS.some((f) => relative(ROOT, file).startsWith(f)))
  .flatMap((file) => scan(file));

const allowed = (f: Finding) => ALLOWED.some((a) => a.file === f.file && f.text.includes(a.text));

describe('user-visible texts are message keys', () => {
  it('no English sentence is written where a person reads it (errors, issues, schema checks)', () => {
    const english = allFindings.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line} ${f.text}`);
    expect(english).toEqual([]);
  });

  it('every developer-only exception on the allow-list still exists (the list only shrinks)', () => {
    const stale = ALLOWED.filter(
      (a) => !allFindings.some((f) => f.file === a.file && f.text.includes(a.text)),
    );
    expect(stale).toEqual([]);
  });

  it('finds an English sentence in each kind of place it looks, and lets keys and ids pass', () => {
    const snippet = [
      "throw new PermissionDeniedError('edit this', 'only admins may');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text holding a template literal
      "throw new ValidationError([{ field: 'x', message: `must be ${n} or more` }]);",
      "const s = z.string().min(1, 'say why').regex(/a/, 'letters only');",
      "const k = z.string().refine(ok, { message: 'input.required' });",
      "throw new InvalidTransitionError('closed', 'REOPEN', say('order.gate.x'));",
      "throw new ConflictError('demo loan', say('demoLoan.conflict.alreadyOut'));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text holding a template literal
      'throw new RangeError(`no such thing: ${x}`);',
    ].join('\n');
    const texts = scan(join(ROOT, 'packages/core/src/probe.ts'), snippet).map((f) => f.text);
    expect(texts).toEqual([
      'edit this',
      'only admins may',
      'must be   or more',
      'letters only',
      'say why',
      'no such thing:  ',
    ]);
  });
});
