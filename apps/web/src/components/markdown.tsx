import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** Prompts and feedback are Markdown written by instructors: rendered, then sanitised. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true })), [text]);
  return <div className={className ?? 'markdown'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One line of Markdown (choice texts, test feedback) without a wrapping paragraph. */
export function InlineMarkdown({ text }: { text: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parseInline(text, { async: false, gfm: true })), [text]);
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}
