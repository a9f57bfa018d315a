import type { Editor } from '@tiptap/react';

/**
 * The reply editor of each open ticket, so cards beside the composer (agent assist) can put
 * text into it. The composer registers its editor when it is ready; the entry goes with the editor.
 */
const editors = new Map<string, Editor>();

export function registerComposer(ticketId: string, editor: Editor): void {
  editors.set(ticketId, editor);
  editor.on('destroy', () => {
    if (editors.get(ticketId) === editor) editors.delete(ticketId);
  });
}

export const composerFor = (ticketId: string): Editor | undefined => editors.get(ticketId);

/** Inserts HTML at the cursor; false when the ticket has no composer on screen. */
export function insertIntoComposer(ticketId: string, html: string): boolean {
  const editor = editors.get(ticketId);
  if (!editor || editor.isDestroyed) return false;
  editor.chain().focus().insertContent(html).run();
  return true;
}

/** Replaces the composer's content; false when the ticket has no composer on screen. */
export function fillComposer(ticketId: string, html: string): boolean {
  const editor = editors.get(ticketId);
  if (!editor || editor.isDestroyed) return false;
  editor.chain().focus().setContent(html, { emitUpdate: true }).run();
  return true;
}
