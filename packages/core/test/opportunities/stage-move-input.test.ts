import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema } from '../../src/domain/common.js';
import { parseId } from '../../src/domain/parse-id.js';
import { parseInput } from '../../src/kernel/validate.js';
import { advanceInput } from '../../src/sales/opportunities/opportunity.js';
import { parseStageMove } from '../../src/sales/opportunities/stage-move-input.js';

/** What a parse gives: its output, or the refusal's field issues. */
function outcome(parse: () => unknown): unknown {
  try {
    return { ok: parse() };
  } catch (error) {
    return { refused: (error as { issues?: unknown }).issues ?? String(error) };
  }
}

// Texts near every edge the schemas check: empty, blank, padded, at and past the length limits.
const edgyText = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.constantFrom('', ' ', '\t', 'needs_analysis', ' needs_analysis', 'solution\n', '\u00a0x', 'x\u3000'),
  fc.integer({ min: 60, max: 105 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 60, max: 105 }).map((n) => ` ${'b'.repeat(n)}`),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

describe('the advance path’s input shortcuts', () => {
  it('parseId answers exactly as the id schema, refusals included', () => {
    fc.assert(
      fc.property(fc.oneof(edgyText, fc.anything()), (input) => {
        expect(outcome(() => parseId(input))).toStrictEqual(outcome(() => parseInput(idSchema, input)));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseStageMove answers exactly as advanceInput, refusals included', () => {
    const moves = fc.oneof(
      fc.record({ to: fc.oneof(edgyText, fc.anything()) }),
      fc.record({
        to: edgyText,
        expectedVersion: fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)),
      }),
      fc.record({ to: edgyText, stage: edgyText }),
      fc.dictionary(edgyText, fc.anything(), { maxKeys: 3 }),
      fc.anything(),
    );
    fc.assert(
      fc.property(moves, (input) => {
        expect(outcome(() => parseStageMove(input))).toStrictEqual(
          outcome(() => parseInput(advanceInput, input)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the shortcut for the usual call and keeps the schema’s trimming for the rest', () => {
    expect(parseStageMove({ to: 'needs_analysis' })).toStrictEqual({ to: 'needs_analysis' });
    expect(parseStageMove({ to: ' solution ' })).toStrictEqual({ to: 'solution' });
    expect(parseId(' opp_1 ')).toBe('opp_1');
    expect(() => parseStageMove({ to: 'x'.repeat(65) })).toThrow();
    expect(() => parseId('')).toThrow();
  });
});
