// The agent workspace is one lazy chunk: the list and the ticket page are used together.
export { InboxLayout } from './InboxLayout';
export { TicketListPage } from './TicketListPage';
export { TicketPage } from './TicketPage';
