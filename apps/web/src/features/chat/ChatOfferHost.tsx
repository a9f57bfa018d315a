import { Stack, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatOfferCard } from './ChatOfferCard';
import { useCanHandleChats, useLiveChats } from './chatQueries';
import { useChatOffers } from './useChatOffers';

/**
 * The agent shell's chat corner: keeps the live chat list current and shows incoming offers
 * above everything, bottom right. New offers are announced to screen readers without moving
 * focus (the agent may be typing a reply elsewhere).
 */
export function ChatOfferHost() {
  const canHandle = useCanHandleChats();
  useLiveChats(canHandle);
  const { offers, dismiss } = useChatOffers(canHandle);
  const [announcement, announce] = useAnnouncement(offers.map((o) => o.visitorName));
  if (!canHandle) return null;

  return (
    <>
      <VisuallyHidden role="status" aria-live="assertive">
        {announcement}
      </VisuallyHidden>
      {offers.length ? (
        <Stack gap="sm" pos="fixed" bottom="1rem" right="1rem" style={{ zIndex: 300 }}>
          {offers.map((offer) => (
            <ChatOfferCard
              key={`${offer.sessionId}:${offer.expiresAt}`}
              offer={offer}
              onDone={(text) => {
                dismiss(offer.sessionId);
                if (text) announce(text);
              }}
            />
          ))}
        </Stack>
      ) : null}
    </>
  );
}

/** The latest thing to tell screen readers: "Incoming chat from Ada" once per new offer, or a note. */
function useAnnouncement(names: string[]): [string, (text: string) => void] {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const seen = useRef(0);
  const count = names.length;
  const newest = names.at(-1);
  useEffect(() => {
    if (count > seen.current && newest !== undefined) setText(t('chat.offer.announce', { name: newest || t('chat.visitor') }));
    seen.current = count;
  }, [count, newest, t]);
  return [text, setText];
}
