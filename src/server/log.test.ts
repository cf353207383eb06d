import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { safeError } from './log.ts';

describe('errors as the logs keep them', () => {
  it("never keep a failed query's parameters, in the message, the stack or the error's own fields", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
    });
    const err = new DrizzleQueryError('insert into audit_events values ($1, $2)', ['PAD-SECRET', 'x'], cause);
    const logged = JSON.stringify(safeError(err));
    expect(logged).not.toContain('PAD-SECRET');
    expect(logged).toContain('Failed query: insert into audit_events');
    expect(logged).toContain('23505');
    // What a plain error says is kept as it is.
    expect(safeError(new Error('boom')).message).toBe('boom');
  });
});
