import { z } from 'zod';

/**
 * Admin-managed ticket configuration: custom fields, categories and ticket types, and the
 * organizations customers belong to. Staff DTOs carry the internal flags; the customer DTOs
 * are what the portal needs to render its form and nothing more.
 */

const Iso = z.string();

/** A text per UI locale; English is required and is the fallback for every other locale. */
export const LocalizedTextSchema = z.object({
  en: z.string().trim().min(1).max(120),
  'zh-CN': z.string().trim().min(1).max(120).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** `?includeArchived=true` on staff lists. */
export const IncludeArchivedQuerySchema = z.object({ includeArchived: z.enum(['true', 'false']).optional() });

// ---- custom fields ----

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox'] as const;
export const CustomFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES);
/** Types whose values are chosen from `options`. */
export const CHOICE_FIELD_TYPES: readonly string[] = ['dropdown', 'multi_select'];

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,59}$/;

export const CustomFieldOptionInputSchema = z.object({
  value: z.string().trim().min(1).max(200),
  /** Defaults to the value itself. */
  labels: LocalizedTextSchema.optional(),
});

export const CustomFieldOptionSchema = z.object({ value: z.string(), label: z.string(), labels: LocalizedTextSchema });

export const CustomFieldSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    type: CustomFieldTypeSchema,
    label: z.string(),
    labels: LocalizedTextSchema,
    options: z.array(CustomFieldOptionSchema),
    requiredOnSolve: z.boolean(),
    customerVisible: z.boolean(),
    customerEditable: z.boolean(),
    position: z.number().int(),
    archived: z.boolean(),
    archivedAt: Iso.nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'CustomField' });
export type CustomField = z.infer<typeof CustomFieldSchema>;

/** What the portal gets: customer-visible fields only, and whether the customer may fill them in. */
export const CustomerCustomFieldSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    type: CustomFieldTypeSchema,
    label: z.string(),
    labels: LocalizedTextSchema,
    options: z.array(CustomFieldOptionSchema),
    editable: z.boolean(),
  })
  .meta({ id: 'CustomerCustomField' });

export const CreateCustomFieldBodySchema = z.object({
  key: z.string().trim().regex(CUSTOM_FIELD_KEY, { message: 'Start with a letter; use up to 60 lowercase letters, digits or _' }),
  type: CustomFieldTypeSchema,
  labels: LocalizedTextSchema,
  options: z.array(CustomFieldOptionInputSchema).max(500).default([]),
  requiredOnSolve: z.boolean().default(false),
  customerVisible: z.boolean().default(false),
  /** Customers may fill it in when they open a ticket; needs customerVisible. */
  customerEditable: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CreateCustomFieldBody = z.infer<typeof CreateCustomFieldBodySchema>;

/** The key cannot change (values on tickets are stored under it); the type is accepted only unchanged. */
export const UpdateCustomFieldBodySchema = z.strictObject({
  type: CustomFieldTypeSchema.optional(),
  labels: LocalizedTextSchema.optional(),
  options: z.array(CustomFieldOptionInputSchema).max(500).optional(),
  requiredOnSolve: z.boolean().optional(),
  customerVisible: z.boolean().optional(),
  customerEditable: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** false restores an archived field. */
  archived: z.boolean().optional(),
});
export type UpdateCustomFieldBody = z.infer<typeof UpdateCustomFieldBodySchema>;

// ---- categories and ticket types ----

export const TAXONOMY_KINDS = ['category', 'type'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export const TaxonomySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(TAXONOMY_KINDS),
    name: z.string(),
    names: LocalizedTextSchema,
    description: z.string().nullable(),
    position: z.number().int(),
    customerVisible: z.boolean(),
    archived: z.boolean(),
    archivedAt: Iso.nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'Taxonomy' });

export const CustomerTaxonomySchema = z
  .object({ id: z.uuid(), name: z.string(), names: LocalizedTextSchema, description: z.string().nullable() })
  .meta({ id: 'CustomerTaxonomy' });

export const CreateTaxonomyBodySchema = z.object({
  names: LocalizedTextSchema,
  description: z.string().trim().max(500).nullable().optional(),
  position: z.number().int().min(0).max(10_000).default(0),
  /** Categories: offered in the portal form. */
  customerVisible: z.boolean().default(true),
});
export type CreateTaxonomyBody = z.infer<typeof CreateTaxonomyBodySchema>;

export const UpdateTaxonomyBodySchema = z.object({
  names: LocalizedTextSchema.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  customerVisible: z.boolean().optional(),
  /** false restores an archived entry. */
  archived: z.boolean().optional(),
});
export type UpdateTaxonomyBody = z.infer<typeof UpdateTaxonomyBodySchema>;

// ---- organizations ----

/** A hostname with at least one dot, stored lowercase (example.com, mail.example.co.uk). */
export const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z][a-z0-9-]{0,62}(?<!-)$/, {
    message: 'Enter a domain such as example.com',
  });

export const OrganizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domains: z.array(z.string()),
    notes: z.string().nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof OrganizationSchema>;

export const CreateOrganizationBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  domains: z.array(DomainSchema).max(50).default([]),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBodySchema>;

export const UpdateOrganizationBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  /** Replaces the list. */
  domains: z.array(DomainSchema).max(50).optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBodySchema>;

export const ListOrganizationsQuerySchema = z.object({
  /** Part of the name, case-insensitive. */
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

export const SetUserOrganizationBodySchema = z.object({ organizationId: z.uuid().nullable() });
export const UserOrganizationSchema = z.object({ userId: z.uuid(), organizationId: z.uuid().nullable() });
