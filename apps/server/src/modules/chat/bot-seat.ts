import type { Ctx } from '../../platform/context.js';

/**
 * The bot seat: an automated responder that gets each inbound chat message first while the
 * session is in state `bot`. It decides; the chat module does the transport (persisting the
 * reply as a bot message with its seq, pushing it, queueing the chat on handoff). The AI
 * assistant plugs in by registering a seat for a workspace; the default is no seat, and
 * chats go straight to the queue.
 */
export interface BotSeat {
  onVisitorMessage(ctx: Ctx, input: BotTurn): Promise<BotReply>;
  /**
   * Whether the seat answers visitors of this workspace now. The widget then lets visitors chat
   * when no agent is online or outside business hours; a handoff with nobody to take it becomes
   * "leave a message" in the chat. A seat without it is assumed not to (the widget offers the
   * leave-a-message form when nobody is online).
   */
  answersNow?(workspaceId: string): Promise<boolean>;
}

export interface BotTurn {
  session: { id: string; ticketId: string; workspaceId: string; channelId: string; locale: string; preChat: Record<string, string> };
  message: { id: string; seq: number; text: string };
  /** Public messages so far, oldest first (the new one last). */
  transcript: Array<{ seq: number; from: 'visitor' | 'agent' | 'bot'; text: string }>;
}

export type BotReply =
  /** Answer in the chat; the session stays with the bot. */
  | { kind: 'answer'; text: string }
  /** Ask a question with optional quick replies (buttons in the widget). */
  | { kind: 'ask'; text: string; quickReplies?: string[] }
  /**
   * Hand the chat to humans; `reason` goes into an internal note (unless the seat wrote its own
   * briefing: `noted`), `teamId` overrides the channel's team.
   */
  | { kind: 'handoff'; reason: string; teamId?: string; noted?: boolean }
  /** Say nothing; the session stays with the bot. */
  | { kind: 'pass' };

/** Seats per workspace. One registry per app instance. */
export class BotSeats {
  private readonly seats = new Map<string, BotSeat>();

  register(workspaceId: string, seat: BotSeat): void {
    this.seats.set(workspaceId, seat);
  }

  unregister(workspaceId: string): void {
    this.seats.delete(workspaceId);
  }

  of(workspaceId: string): BotSeat | null {
    return this.seats.get(workspaceId) ?? null;
  }
}
