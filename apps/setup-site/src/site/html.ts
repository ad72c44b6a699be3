/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Tagged template that escapes every interpolated value. */
export function html(
  strings: TemplateStringsArray,
  ...values: (string | number | SafeHtml)[]
): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += value instanceof SafeHtml ? value.text : escapeHtml(String(value));
    out += strings[index + 1] ?? "";
  });
  return new SafeHtml(out);
}

/** HTML that is already escaped, so `html` inserts it as it is. */
export class SafeHtml {
  constructor(readonly text: string) {}
}

/** Joins rendered fragments. */
export function join(parts: SafeHtml[], separator = "\n"): SafeHtml {
  return new SafeHtml(parts.map((part) => part.text).join(separator));
}
