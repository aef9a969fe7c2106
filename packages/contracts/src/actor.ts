import { z } from 'zod';

/** Who did something: a signed-in user, an API token, Stax itself, or an operator. */
export const ActorSchema = z.strictObject({
  type: z.enum(['user', 'token', 'system', 'operator']),
  id: z.string().max(128),
});
export type Actor = z.infer<typeof ActorSchema>;
