// The customer portal is one lazy chunk of its own; agents never download it.
export { MyTicketsPage } from './MyTicketsPage';
export { NewTicketPage } from './NewTicketPage';
export { PortalLayout } from './PortalLayout';
export { PortalProfilePage } from './PortalProfilePage';
export { PortalTicketPage } from './PortalTicketPage';
