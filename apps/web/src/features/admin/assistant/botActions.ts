import type { BotDecision } from '../../../api/assistant.api';

/** Badge colour of each assistant decision: answered, asked back, handed over, stayed silent. */
export const ACTION_COLORS: Record<BotDecision['action'], string> = {
  answer: 'green',
  clarify: 'yellow',
  rephrase: 'yellow',
  greet: 'blue',
  acknowledge: 'blue',
  handoff: 'red',
  pass: 'gray',
};

export const BOT_ACTIONS = Object.keys(ACTION_COLORS) as BotDecision['action'][];
