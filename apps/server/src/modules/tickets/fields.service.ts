import {
  CHOICE_FIELD_TYPES,
  type CreateCustomFieldBody,
  type FieldError,
  type LocalizedText,
  type UpdateCustomFieldBody,
} from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission, requireUser } from '../identity/index.js';
import { type FieldDefRow, listFieldDefs } from './tickets.repo.js';
import { type CustomFieldType, customFields } from './tickets.schema.js';

type StoredOption = FieldDefRow['options'][number];

/** True for a unique-index violation, whether the driver error is bare or wrapped by Drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

const keyTaken = (key: string) =>
  new AppError('custom_field.key_taken', 409, `A field with the key "${key}" exists (archived fields keep their key)`);
const fieldNotFound = () => notFound('custom_field.not_found', 'Custom field');

function toStoredOptions(options: ReadonlyArray<{ value: string; labels?: LocalizedText | undefined }>): StoredOption[] {
  return options.map((o) => {
    const labels = o.labels ?? { en: o.value };
    return { value: o.value, label: labels.en, labels };
  });
}

/**
 * Rules a definition must satisfy whatever the route: choice fields need distinct options,
 * other types none; a field customers fill in must be one they can see.
 */
export function definitionErrors(def: {
  type: CustomFieldType;
  options: ReadonlyArray<{ value: string }>;
  customerVisible: boolean;
  customerEditable: boolean;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (CHOICE_FIELD_TYPES.includes(def.type)) {
    if (!def.options.length) errors.push({ path: 'options', message: 'Add at least one option', code: 'options_required' });
    const seen = new Set<string>();
    def.options.forEach((o, i) => {
      if (seen.has(o.value)) errors.push({ path: `options.${i}.value`, message: `"${o.value}" is listed twice`, code: 'option_duplicate' });
      seen.add(o.value);
    });
  } else if (def.options.length) {
    errors.push({ path: 'options', message: `A ${def.type} field has no options`, code: 'options_not_allowed' });
  }
  if (def.customerEditable && !def.customerVisible) {
    errors.push({ path: 'customerEditable', message: 'Customers can only fill in fields they can see', code: 'needs_customer_visible' });
  }
  return errors;
}

function assertDefinition(def: Parameters<typeof definitionErrors>[0]): void {
  const errors = definitionErrors(def);
  if (errors.length) throw new AppError('validation.failed', 400, 'The request is invalid', { errors });
}

async function findField(db: DbOrTx, workspaceId: string, id: string): Promise<FieldDefRow | null> {
  const [row] = await db
    .select()
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)));
  return row ?? null;
}

async function findFieldByKey(db: DbOrTx, workspaceId: string, key: string): Promise<FieldDefRow | null> {
  const [row] = await db
    .select()
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.key, key)));
  return row ?? null;
}

/** Custom field definitions. Values live on tickets and are validated by custom-fields.ts. */
export function fieldsService(p: Platform) {
  return {
    /** Staff see every definition (archived ones on request); customers only what they may see. */
    async list(ctx: Ctx, opts: { includeArchived?: boolean }) {
      const actor = requireUser(ctx.actor);
      const rows = await listFieldDefs(p.db, actor.workspaceId);
      if (actor.kind === 'customer') return { audience: 'customer' as const, rows: rows.filter((r) => r.customerVisible && !r.archivedAt) };
      return { audience: 'staff' as const, rows: opts.includeArchived ? rows : rows.filter((r) => !r.archivedAt) };
    },

    async create(ctx: Ctx, input: CreateCustomFieldBody): Promise<FieldDefRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const options = toStoredOptions(input.options);
      assertDefinition({ ...input, options });
      try {
        return await p.transaction(async (tx) => {
          p.cache.invalidate('field-defs', actor.workspaceId);
          if (await findFieldByKey(tx, actor.workspaceId, input.key)) throw keyTaken(input.key);
          const [row] = await tx
            .insert(customFields)
            .values({
              id: uuidv7(),
              workspaceId: actor.workspaceId,
              key: input.key,
              type: input.type,
              label: input.labels.en,
              labels: input.labels,
              options,
              requiredOnSolve: input.requiredOnSolve,
              customerVisible: input.customerVisible,
              customerEditable: input.customerEditable,
              position: input.position,
            })
            .returning();
          const field = row as FieldDefRow;
          await recordAudit(tx, ctx, {
            workspaceId: actor.workspaceId,
            action: 'custom_field.created',
            subject: { type: 'custom_field', id: field.id },
            data: { key: field.key, type: field.type },
          });
          return field;
        });
      } catch (err) {
        // Two admins creating the same key at once: the unique index decides.
        if (isUniqueViolation(err)) throw keyTaken(input.key);
        throw err;
      }
    },

    async update(ctx: Ctx, id: string, input: UpdateCustomFieldBody): Promise<FieldDefRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return p.transaction(async (tx) => {
        p.cache.invalidate('field-defs', actor.workspaceId);
        const current = await findField(tx, actor.workspaceId, id);
        if (!current) throw fieldNotFound();
        if (input.type !== undefined && input.type !== current.type) {
          throw new AppError('custom_field.type_immutable', 409, 'The type of a field cannot change; create a new field instead');
        }
        const options = input.options ? toStoredOptions(input.options) : current.options;
        const next = {
          type: current.type,
          options,
          customerVisible: input.customerVisible ?? current.customerVisible,
          customerEditable: input.customerEditable ?? current.customerEditable,
        };
        assertDefinition(next);
        const set: Partial<typeof customFields.$inferInsert> = { ...next, updatedAt: new Date() };
        if (input.labels) Object.assign(set, { label: input.labels.en, labels: input.labels });
        if (input.requiredOnSolve !== undefined) set.requiredOnSolve = input.requiredOnSolve;
        if (input.position !== undefined) set.position = input.position;
        if (input.archived !== undefined) set.archivedAt = input.archived ? (current.archivedAt ?? new Date()) : null;
        const [row] = await tx.update(customFields).set(set).where(eq(customFields.id, id)).returning();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'custom_field.updated',
          subject: { type: 'custom_field', id },
          data: { key: current.key, fields: Object.keys(input) },
        });
        return row as FieldDefRow;
      });
    },

    /** Archiving keeps the values already on tickets; new values for the field are refused. */
    async archive(ctx: Ctx, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        p.cache.invalidate('field-defs', actor.workspaceId);
        const current = await findField(tx, actor.workspaceId, id);
        if (!current) throw fieldNotFound();
        if (current.archivedAt) return;
        await tx.update(customFields).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(customFields.id, id));
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'custom_field.archived',
          subject: { type: 'custom_field', id },
          data: { key: current.key },
        });
      });
    },
  };
}

export type FieldsService = ReturnType<typeof fieldsService>;

function presentOptions(options: StoredOption[]) {
  return options.map((o) => ({ value: o.value, label: o.label, labels: (o.labels ?? { en: o.label }) as LocalizedText }));
}

const labelsOf = (row: FieldDefRow): LocalizedText => ({ ...row.labels, en: row.labels.en ?? row.label });

export function presentField(row: FieldDefRow) {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    label: row.label,
    labels: labelsOf(row),
    options: presentOptions(row.options),
    requiredOnSolve: row.requiredOnSolve,
    customerVisible: row.customerVisible,
    customerEditable: row.customerEditable,
    position: row.position,
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** No internal flags: whether it is required to solve, its position or archive state stay with staff. */
export function presentFieldForCustomer(row: FieldDefRow) {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    label: row.label,
    labels: labelsOf(row),
    options: presentOptions(row.options),
    editable: row.customerEditable,
  };
}
