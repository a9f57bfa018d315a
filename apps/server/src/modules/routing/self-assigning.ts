/**
 * Channels whose module offers conversations to agents itself (live chat: offer, accept,
 * decline). Routing still picks their team, but never assigns them an agent, neither on write
 * nor from the backlog. Filled by those modules at registration.
 */
export const selfAssigningChannels = new Set<string>();
