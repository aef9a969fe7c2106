import { z } from 'zod';

const MAX_CURSOR_LENGTH = 2048;
const MAX_BUCKETS_PER_PAGE = 31;

/** Dimension values, model names, descriptions: any text, but bounded like a record's text. */
export const LabelSchema = z.string().max(256);

/** A page of buckets with its cursor; `has_more` without a cursor is a broken shape. */
export function pageSchema<B extends z.ZodType>(bucket: B) {
  return z
    .object({
      data: z.array(bucket).max(MAX_BUCKETS_PER_PAGE),
      has_more: z.boolean(),
      next_page: z.string().min(1).max(MAX_CURSOR_LENGTH).nullish(),
    })
    .refine((page) => !page.has_more || typeof page.next_page === 'string', {
      message: 'has_more is true but next_page is missing',
      path: ['next_page'],
    });
}

/** A dimension as it goes into a record key: its value, or `-` when not grouped. */
export function keyPart(value: string | null | undefined): string {
  return value ?? '-';
}
