import type { FieldError } from '@switchboard/contracts';
import type { CustomFieldType } from './tickets.schema.js';

export interface FieldDef {
  key: string;
  label: string;
  type: CustomFieldType;
  options: Array<{ value: string }>;
  requiredOnSolve: boolean;
  customerVisible: boolean;
  customerEditable: boolean;
  archivedAt: Date | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkOne(def: FieldDef, value: unknown): { value: unknown } | { error: string } {
  if (value === null || value === '') return { value: null };
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000
        ? { value: value.trim() }
        : { error: 'Enter text (at most 10,000 characters)' };
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? { value: n } : { error: 'Enter a number' };
    }
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? { value }
        : { error: 'Enter a date as YYYY-MM-DD' };
    case 'checkbox':
      return typeof value === 'boolean' ? { value } : { error: 'Use true or false' };
    case 'dropdown':
      return typeof value === 'string' && def.options.some((o) => o.value === value)
        ? { value }
        : { error: `Choose one of: ${def.options.map((o) => o.value).join(', ')}` };
    case 'multi_select': {
      if (!Array.isArray(value)) return { error: 'Choose a list of options' };
      const bad = value.filter((v) => typeof v !== 'string' || !def.options.some((o) => o.value === v));
      if (bad.length) return { error: `Unknown options: ${bad.join(', ')}` };
      return { value: [...new Set(value as string[])] };
    }
  }
}

/**
 * Validates submitted custom field values against the definitions. Customers may only write
 * fields marked customer-editable; unknown or archived keys are refused, never silently kept.
 */
export function validateCustomFields(
  defs: readonly FieldDef[],
  input: Record<string, unknown>,
  audience: 'staff' | 'customer',
): { values: Record<string, unknown>; errors: FieldError[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const def = byKey.get(key);
    const path = `customFields.${key}`;
    if (!def || def.archivedAt || (audience === 'customer' && !def.customerEditable)) {
      errors.push({ path, message: 'Unknown field', code: 'custom_field_unknown' });
      continue;
    }
    const result = checkOne(def, raw);
    if ('error' in result) errors.push({ path, message: result.error, code: 'custom_field_invalid' });
    else values[key] = result.value;
  }
  return { values, errors };
}

/** Fields that must hold a value before the ticket can be solved. */
export function missingOnSolve(defs: readonly FieldDef[], values: Record<string, unknown>): FieldDef[] {
  return defs.filter((d) => {
    if (!d.requiredOnSolve || d.archivedAt) return false;
    const v = values[d.key];
    return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (d.type === 'checkbox' && v !== true);
  });
}

/** What a customer may see of the values. */
export function customerVisibleValues(defs: readonly FieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of defs) if (d.customerVisible && !d.archivedAt && values[d.key] !== undefined) out[d.key] = values[d.key];
  return out;
}
