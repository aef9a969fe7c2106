import { describe, expect, it } from 'vitest';
import { ConnectionIdSchema, newId, UtcDaySchema } from '../src';

describe('newId', () => {
  it('makes a prefixed id that its schema accepts', () => {
    const id = newId('con');
    expect(id).toMatch(/^con_[a-z2-7]{20}$/);
    expect(ConnectionIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['wsp_aaaaaaaaaaaaaaaaaaaa', 'con_short', 'con_AAAAAAAAAAAAAAAAAAAA', '../con'])(
    'refuses %j as a connection id',
    (id) => {
      expect(ConnectionIdSchema.safeParse(id).success).toBe(false);
    },
  );
});

describe('UtcDaySchema', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts %s', (day) => {
    expect(UtcDaySchema.safeParse(day).success).toBe(true);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-3-1', '2026-00-10', 'yesterday', ''])(
    'refuses %j',
    (day) => {
      expect(UtcDaySchema.safeParse(day).success).toBe(false);
    },
  );
});
