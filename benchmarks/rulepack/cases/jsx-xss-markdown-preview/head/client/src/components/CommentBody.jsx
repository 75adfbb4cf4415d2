import React, { useMemo } from 'react';
import { marked } from 'marked';

export function CommentBody({ comment }) {
  const html = useMemo(() => marked.parse(comment.body), [comment.body]);
  return (
    <article className="comment">
      <header>{comment.author}</header>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
