// Wire types for /api/v1, taken from the shared zod contracts. Type-only imports: zod and the
// schemas never reach the browser bundle.
import type {
  AgentSchema,
  AttachmentSchema,
  BulkUpdateResultSchema,
  CustomerCustomFieldSchema,
  CustomerTaxonomySchema,
  CustomerTicketPageSchema,
  CustomerTicketSchema,
  CustomFieldSchema,
  InvitationLookupSchema,
  LoginResultSchema,
  MacroPreviewSchema,
  MacroSchema,
  MessageSchema,
  SessionInfoSchema,
  SignedInSchema,
  TaxonomySchema,
  TeamSchema,
  TicketChangesSchema,
  TicketListItemSchema,
  TicketPageSchema,
  TicketSchema,
  TotpSetupSchema,
  ViewCountsSchema,
  ViewSchema,
} from '@switchboard/contracts';

export type {
  Availability,
  CreateTicketBody,
  ErrorCode,
  Locale,
  Me,
  Problem,
  TicketFilters,
  TicketPriority,
  TicketStatus,
} from '@switchboard/contracts';

/** The parsed type of a zod 4 schema, without importing zod itself. */
type Output<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];
/** The input type (before defaults) of a zod 4 schema. */
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

export type Session = Output<typeof SessionInfoSchema>;
export type LoginResult = Output<typeof LoginResultSchema>;
export type SignedIn = Output<typeof SignedInSchema>;
export type InvitationLookup = Output<typeof InvitationLookupSchema>;
export type TwoFactorSetup = Output<typeof TotpSetupSchema>;

export type Ticket = Output<typeof TicketSchema>;
export type CustomerTicket = Output<typeof CustomerTicketSchema>;
export type TicketListItem = Output<typeof TicketListItemSchema>;
export type TicketPage = Output<typeof TicketPageSchema>;
export type CustomerTicketPage = Output<typeof CustomerTicketPageSchema>;
export type CustomerTicketListItem = CustomerTicketPage['items'][number];
export type TicketChanges = Input<typeof TicketChangesSchema>;
export type BulkUpdateResult = Output<typeof BulkUpdateResultSchema>;
export type Message = Output<typeof MessageSchema>;
export type Attachment = Output<typeof AttachmentSchema>;
export type SlaClock = Ticket['sla']['clocks'][number];
export type View = Output<typeof ViewSchema>;
export type ViewCounts = Output<typeof ViewCountsSchema>;
export type Macro = Output<typeof MacroSchema>;
export type MacroPreview = Output<typeof MacroPreviewSchema>;
export type Team = Output<typeof TeamSchema>;
export type Agent = Output<typeof AgentSchema>;
export type CustomField = Output<typeof CustomFieldSchema>;
export type CustomerCustomField = Output<typeof CustomerCustomFieldSchema>;
export type Category = Output<typeof TaxonomySchema>;
export type CustomerCategory = Output<typeof CustomerTaxonomySchema>;
export type CustomFieldValue = Ticket['customFields'][string];

/** POST /tickets/:id/messages: the message (null when scheduled) and the ticket's new version and status. */
export interface AddMessageResult {
  message: Message | null;
  ticketVersion: number;
  status: Ticket['status'];
}
