const NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  cursor: 'Cursor',
  github: 'GitHub Copilot',
  google: 'Google AI',
  chatgpt: 'ChatGPT',
  perplexity: 'Perplexity',
  mistral: 'Mistral',
};

// Mid-tone colours that read on both the light and the dark background.
const COLORS: Record<string, string> = {
  openai: '#2f9e77',
  anthropic: '#d9822b',
  cursor: '#5c7cfa',
  github: '#845ef7',
  google: '#1c7ed6',
  chatgpt: '#0ca678',
  perplexity: '#15aabf',
  mistral: '#e8590c',
};
const FALLBACK_COLORS = ['#e64980', '#74b816', '#fab005', '#868e96'];

/** A provider's name as people write it; an id this version does not know shows as is. */
export function providerName(provider: string): string {
  return NAMES[provider] ?? provider;
}

/** A provider's colour in charts, stable across pages. */
export function providerColor(provider: string): string {
  const known = COLORS[provider];
  if (known) return known;
  let hash = 0;
  for (const char of provider) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return FALLBACK_COLORS[hash % FALLBACK_COLORS.length] ?? '#868e96';
}
