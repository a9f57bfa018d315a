import type { Channel, TicketPriority } from '@switchboard/contracts';

// The contract's enums as values for pickers; the contracts package itself stays out of the bundle.
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const CHANNELS = ['portal', 'email', 'web_chat', 'api', 'phone', 'messaging', 'agent'] as const satisfies readonly Channel[];
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
