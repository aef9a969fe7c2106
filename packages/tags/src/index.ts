export {
  MAX_RULES_PER_TAG,
  TAG_RULE_FIELDS,
  TagMatchSchema,
  TagRuleFieldSchema,
  TagRuleSchema,
  TagRulesSchema,
  UNTAGGED,
} from './tag-rule.schema';
export type { TagDefinition, TagMatch, TagRule, TagRuleField } from './tag-rule.schema';
export { compareTagPrecedence, ruleMatches, tagOfRecord } from './match';
export type { TaggableRecord } from './match';
export { anyRuleMatches, tagIdOfRecord, tagNameOfRecord } from './tag-sql';
export { loadTags } from './tag.store';
