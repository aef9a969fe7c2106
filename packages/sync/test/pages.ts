const SECONDS_PER_DAY = 86_400;
/** 2026-01-01T00:00:00Z */
export const JAN_1 = 1_767_225_600;

function costResult(amount: string, index: number): string {
  return (
    `{"amount":{"value":${amount},"currency":"usd"},"line_item":"model-${index}, input",` +
    `"project_id":"proj_test","api_key_id":null,"quantity":${index},"quantity_unit":"tokens"}`
  );
}

/** An OpenAI costs page of one bucket with one result per amount (amounts as JSON number text). */
export function costPage(day: number, amounts: string[], nextPage: string | null): string {
  const start = JAN_1 + day * SECONDS_PER_DAY;
  const results = amounts.map(costResult).join(',');
  return (
    `{"object":"page","data":[{"object":"bucket","start_time":${start},` +
    `"end_time":${start + SECONDS_PER_DAY},"results":[${results}]}],` +
    `"has_more":${nextPage !== null},"next_page":${JSON.stringify(nextPage)}}`
  );
}

/** An OpenAI completions usage page of one bucket with one result for one model. */
export function usagePage(day: number, nextPage: string | null): string {
  const start = JAN_1 + day * SECONDS_PER_DAY;
  const result =
    '{"model":"gpt-5","project_id":"proj_test","input_tokens":1000,"input_cached_tokens":400,' +
    '"output_tokens":50,"num_model_requests":3}';
  return (
    `{"object":"page","data":[{"start_time":${start},"end_time":${start + SECONDS_PER_DAY},` +
    `"results":[${result}]}],"has_more":${nextPage !== null},` +
    `"next_page":${JSON.stringify(nextPage)}}`
  );
}

export function json(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
