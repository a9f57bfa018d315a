import { ActionIcon, Group } from '@mantine/core';
import { type Editor, useEditorState } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ToolButton(props: { label: string; active: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <ActionIcon
      variant={props.active ? 'light' : 'subtle'}
      color="gray"
      size="md"
      aria-label={props.label}
      aria-pressed={props.active}
      title={props.label}
      // Keeps the selection in the editor while clicking.
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onClick}
    >
      {props.children}
    </ActionIcon>
  );
}

/** Formatting for article bodies: headings, emphasis, links, lists, code and quotes. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      code: e.isActive('codeBlock'),
      blockquote: e.isActive('blockquote'),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggleLink = () => {
    if (editor.isActive('link')) {
      chain().unsetLink().run();
      return;
    }
    const href = window.prompt(t('kb.editor.linkPrompt'), 'https://')?.trim();
    if (href && /^(https?:\/\/|mailto:|\/)/i.test(href)) chain().extendMarkRange('link').setLink({ href }).run();
  };
  const tools: { key: keyof typeof active; label: string; run: () => void; icon: ReactNode }[] = [
    { key: 'h2', label: t('kb.editor.heading2'), run: () => chain().toggleHeading({ level: 2 }).run(), icon: 'H2' },
    { key: 'h3', label: t('kb.editor.heading3'), run: () => chain().toggleHeading({ level: 3 }).run(), icon: 'H3' },
    { key: 'bold', label: `${t('kb.editor.bold')} (Ctrl+B)`, run: () => chain().toggleBold().run(), icon: <b>B</b> },
    { key: 'italic', label: `${t('kb.editor.italic')} (Ctrl+I)`, run: () => chain().toggleItalic().run(), icon: <i>I</i> },
    { key: 'link', label: t('kb.editor.link'), run: toggleLink, icon: '🔗' },
    { key: 'bulletList', label: t('kb.editor.bulletList'), run: () => chain().toggleBulletList().run(), icon: '•' },
    { key: 'orderedList', label: t('kb.editor.orderedList'), run: () => chain().toggleOrderedList().run(), icon: '1.' },
    { key: 'code', label: t('kb.editor.codeBlock'), run: () => chain().toggleCodeBlock().run(), icon: '</>' },
    { key: 'blockquote', label: t('kb.editor.quote'), run: () => chain().toggleBlockquote().run(), icon: '❝' },
  ];
  return (
    <Group
      gap={2}
      px={4}
      py={2}
      role="toolbar"
      aria-label={t('kb.editor.toolbar')}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {tools.map((tool) => (
        <ToolButton key={tool.key} label={tool.label} active={active[tool.key]} onClick={tool.run}>
          {tool.icon}
        </ToolButton>
      ))}
    </Group>
  );
}
