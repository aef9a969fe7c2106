import { z } from 'zod';

/** The record fields a rule can look at: provider id, connection id, model, project, API key id. */
export const TAG_RULE_FIELDS = ['provider', 'connection', 'model', 'project', 'key'] as const;
export const TagRuleFieldSchema = z.enum(TAG_RULE_FIELDS);
export type TagRuleField = z.infer<typeof TagRuleFieldSchema>;

/** `exact` compares whole values; `prefix` matches values that start with the rule's value. */
export const TagMatchSchema = z.enum(['exact', 'prefix']);
export type TagMatch = z.infer<typeof TagMatchSchema>;

const MAX_RULE_VALUE_LENGTH = 256;
export const MAX_RULES_PER_TAG = 50;

/** One rule of a tag. Values compare case-sensitively, as providers spell them. */
export const TagRuleSchema = z.strictObject({
  field: TagRuleFieldSchema,
  match: TagMatchSchema,
  value: z.string().min(1).max(MAX_RULE_VALUE_LENGTH),
});
export type TagRule = z.infer<typeof TagRuleSchema>;

/** The rules of one tag: a record matches the tag when any rule matches it. */
export const TagRulesSchema = z.array(TagRuleSchema).min(1).max(MAX_RULES_PER_TAG);

/** The group key of spend that no tag matches. No tag may take this name. */
export const UNTAGGED = 'untagged';

/** A tag with its rules, as evaluation needs it. */
export interface TagDefinition {
  id: string;
  name: string;
  /** Lower wins when several tags match one record. */
  priority: number;
  createdAt: string;
  rules: TagRule[];
}
