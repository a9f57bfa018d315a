import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ChatController } from './controller.js';
import type { Translate } from './i18n/index.js';
import type { ChatView } from './store.js';

export interface FrameContext {
  ctl: ChatController;
  view: ChatView;
  t: Translate;
}

export const Ctx = createContext<FrameContext | null>(null);

export function useFrame(): FrameContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('useFrame outside <App>');
  return value;
}
