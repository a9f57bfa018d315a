import { Box, Paper, Text } from '@mantine/core';
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId, useRef } from 'react';
import { EditorToolbar } from './EditorToolbar';

interface KbRichEditorProps {
  label: string;
  placeholder: string;
  /** The HTML the editor starts from; a different `resetKey` loads new content (reload, restore). */
  initialHtml: string;
  resetKey: string | number;
  onChange: (body: { html: string; text: string }) => void;
  error?: string | undefined;
}

function editorAttributes(label: string, errorId: string | null): Record<string, string> {
  const base = { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'sb-rich-editor' };
  return errorId ? { ...base, 'aria-invalid': 'true', 'aria-describedby': errorId } : base;
}

/** The article body: Tiptap with its toolbar. The server sanitizes what it stores. */
export function KbRichEditor(props: KbRichEditorProps) {
  const errorId = useId();
  // The editor is built once; the ref lets its callbacks see the latest props.
  const latest = useRef(props);
  latest.current = props;
  const editor = useEditor({
    immediatelyRender: true,
    content: props.initialHtml,
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }),
      Placeholder.configure({ placeholder: () => latest.current.placeholder }),
    ],
    editorProps: { attributes: editorAttributes(props.label, props.error ? errorId : null) },
    onUpdate: ({ editor: e }) => latest.current.onChange({ html: e.getHTML(), text: e.getText({ blockSeparator: '\n\n' }) }),
  });

  useEffect(() => {
    // An editor torn down by a re-render has no schema left: leave it alone.
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({
      editorProps: { ...editor.options.editorProps, attributes: editorAttributes(props.label, props.error ? errorId : null) },
    });
  }, [editor, props.label, props.error, errorId]);

  // New content from outside (a reload after a conflict, a restored version) replaces the text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new resetKey means new content.
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.getHTML() !== latest.current.initialHtml)
      editor.commands.setContent(latest.current.initialHtml, { emitUpdate: false });
  }, [editor, props.resetKey]);

  return (
    <Box>
      <Text component="div" size="sm" fw={500} mb={4} aria-hidden="true">
        {props.label}
      </Text>
      <Paper withBorder radius="sm" style={props.error ? { borderColor: 'var(--mantine-color-error)' } : undefined}>
        {editor ? <EditorToolbar editor={editor} /> : null}
        <Box px="sm" py={6} mih={260} style={{ maxHeight: 640, overflowY: 'auto' }}>
          <EditorContent editor={editor} />
        </Box>
      </Paper>
      {props.error ? (
        <Text size="xs" c="red" mt={4} id={errorId}>
          {props.error}
        </Text>
      ) : null}
    </Box>
  );
}
