/** A decoded form value: text, or nested objects and lists of them. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

// `line_items[0][price]` → ['line_items', '0', 'price']
function pathOf(name: string): string[] {
  const head = /^[^[]+/.exec(name)?.[0] ?? name;
  const rest = [...name.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map(
    (match) => match[1] ?? '',
  );
  return [head, ...rest];
}

function place(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    const child: FormObject =
      next !== undefined && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node[key] = child;
    node = child;
  }
}

/**
 * Decodes a form body the way Stripe's API reads it: bracketed names nest, and an object whose
 * keys are 0, 1, 2… is a list.
 */
export function decodeStripeForm(body: string): FormObject {
  const decoded: FormObject = {};
  for (const [name, value] of new URLSearchParams(body)) place(decoded, pathOf(name), value);
  return listify(decoded) as FormObject;
}

function listify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, listify(value[key] ?? '')] as const);
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
  return isList ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

/** The text at a path of a decoded form, or null. */
export function formText(form: FormValue | undefined, ...path: string[]): string | null {
  let node: FormValue | undefined = form;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return null;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return typeof node === 'string' ? node : null;
}
