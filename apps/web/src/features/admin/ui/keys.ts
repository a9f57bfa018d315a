/** A machine key from a human name: "Billing Team" → "billing-team" (starts with a letter, at most 40). */
export function keyFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40);
}

/** Custom field keys are snake_case: "Order number" → "order_number". */
export function fieldKeyFromLabel(label: string): string {
  return keyFromName(label).replace(/-/g, '_').replace(/_+$/, '');
}
