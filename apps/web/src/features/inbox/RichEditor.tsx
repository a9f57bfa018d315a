import { ActionIcon, Box, Group, Paper, Text } from '@mantine/core';
import Mention from '@tiptap/extension-mention';
import Placeholder from '@tiptap/extension-placeholder';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type MentionCandidate, MentionPopup, mentionSuggestion, useMentionState } from './mentionSuggestion';

export interface RichEditorProps {
  /** Accessible name of the editing area (it doubles as the visible label). */
  label: string;
  placeholder: string;
  /** Only notes may mention teammates: `@` does nothing elsewhere. */
  mentions: boolean;
  candidates: readonly MentionCandidate[];
  onChange: (editor: Editor) => void;
  onSubmit: () => void;
  onFiles: (files: File[]) => void;
  onReady: (editor: Editor) => void;
  error?: string | undefined;
}

/**
 * The composer's editing area: Tiptap with a small formatting toolbar, @mentions in notes,
 * Ctrl/Cmd+Enter to send, and pasted or dropped files handed to the attachment uploader.
 */
export function RichEditor(props: RichEditorProps) {
  const { t } = useTranslation();
  // The editor is built once; these refs let its callbacks see the latest props.
  const latest = useRef(props);
  latest.current = props;
  const mention = useMentionState();

  const editor = useEditor({
    immediatelyRender: true,
    extensions: [
      StarterKit.configure({ heading: false, codeBlock: false, horizontalRule: false, link: { openOnClick: false, autolink: true } }),
      Placeholder.configure({ placeholder: () => latest.current.placeholder }),
      Mention.configure({
        // The server reads mentions from exactly this markup: <span data-mention="user id">.
        renderHTML: ({ node }) => ['span', { 'data-mention': node.attrs.id, class: 'mention' }, `@${node.attrs.label ?? ''}`],
        renderText: ({ node }) => `@${node.attrs.label ?? ''}`,
        suggestion: mentionSuggestion({
          enabled: () => latest.current.mentions,
          candidates: () => latest.current.candidates,
          state: mention.controller,
        }),
      }),
    ],
    editorProps: {
      attributes: { 'aria-label': props.label, 'aria-multiline': 'true', role: 'textbox', class: 'sb-rich-editor' },
      handleKeyDown: (_view, event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          latest.current.onSubmit();
          return true;
        }
        return false;
      },
      handlePaste: (_view, event) => {
        const files = Array.from(event.clipboardData?.files ?? []);
        if (!files.length) return false;
        latest.current.onFiles(files);
        return true;
      },
      // Dropped files bubble on to the composer's drop zone, which uploads them.
      handleDrop: (_view, event) => Array.from((event as DragEvent).dataTransfer?.files ?? []).length > 0,
    },
    onUpdate: ({ editor: e }) => latest.current.onChange(e),
  });

  useEffect(() => {
    if (editor) latest.current.onReady(editor);
  }, [editor]);
  useEffect(() => {
    editor?.setOptions({
      editorProps: { ...editor.options.editorProps, attributes: { ...editor.options.editorProps.attributes, 'aria-label': props.label } },
    });
    // Re-render the placeholder, which reads the latest text.
    editor?.view.dispatch(editor.state.tr);
  }, [editor, props.label]);

  return (
    <Box>
      <Text component="div" size="sm" fw={500} mb={4} aria-hidden="true">
        {props.label}
      </Text>
      <Paper withBorder radius="sm" style={props.error ? { borderColor: 'var(--mantine-color-error)' } : undefined}>
        {editor ? <Toolbar editor={editor} /> : null}
        <Box px="sm" py={6} mih={110} style={{ maxHeight: 360, overflowY: 'auto' }}>
          <EditorContent editor={editor} />
        </Box>
      </Paper>
      {props.error ? (
        <Text size="xs" c="red" mt={4} role="alert">
          {props.error}
        </Text>
      ) : null}
      <MentionPopup state={mention} label={t('composer.mentionList')} empty={t('composer.mentionEmpty')} />
    </Box>
  );
}

function ToolButton(props: { label: string; active: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <ActionIcon
      variant={props.active ? 'light' : 'subtle'}
      color="gray"
      size="sm"
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

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      code: e.isActive('code'),
      blockquote: e.isActive('blockquote'),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggleLink = () => {
    if (editor.isActive('link')) {
      chain().unsetLink().run();
      return;
    }
    const href = window.prompt(t('composer.linkPrompt'), 'https://')?.trim();
    if (href && /^(https?:\/\/|mailto:)/i.test(href)) chain().extendMarkRange('link').setLink({ href }).run();
  };
  return (
    <Group
      gap={2}
      px={4}
      py={2}
      role="toolbar"
      aria-label={t('composer.toolbar')}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <ToolButton label={`${t('composer.bold')} (Ctrl+B)`} active={active.bold} onClick={() => chain().toggleBold().run()}>
        <b>B</b>
      </ToolButton>
      <ToolButton label={`${t('composer.italic')} (Ctrl+I)`} active={active.italic} onClick={() => chain().toggleItalic().run()}>
        <i>I</i>
      </ToolButton>
      <ToolButton label={t('composer.link')} active={active.link} onClick={toggleLink}>
        🔗
      </ToolButton>
      <ToolButton
        label={`${t('composer.bulletList')} (Ctrl+Shift+8)`}
        active={active.bulletList}
        onClick={() => chain().toggleBulletList().run()}
      >
        •
      </ToolButton>
      <ToolButton
        label={`${t('composer.orderedList')} (Ctrl+Shift+7)`}
        active={active.orderedList}
        onClick={() => chain().toggleOrderedList().run()}
      >
        1.
      </ToolButton>
      <ToolButton label={`${t('composer.code')} (Ctrl+E)`} active={active.code} onClick={() => chain().toggleCode().run()}>
        {'</>'}
      </ToolButton>
      <ToolButton
        label={`${t('composer.quote')} (Ctrl+Shift+B)`}
        active={active.blockquote}
        onClick={() => chain().toggleBlockquote().run()}
      >
        ❝
      </ToolButton>
    </Group>
  );
}
